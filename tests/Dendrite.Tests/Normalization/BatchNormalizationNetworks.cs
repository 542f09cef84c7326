namespace Dendrite.Tests.Normalization;

// Small networks with BatchNormalization for the gradient checks, the known-answer tests and the weights files. Hidden
// activations are smooth (tanh) so central finite differences are accurate.

/// <summary>Per unit: a linear Dense layer, normalised, then tanh.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5)]
[Dense(7)]
[BatchNormalization(Activation = Activation.Tanh)]
[Dense(3)]
public partial class NormalizedDenseNet;

/// <summary>Per channel over 6×5 pixels (Same padding), then pooling and a classifier.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(6, 5, 2)]
[Conv2D(4, kernel: 3, Padding = Padding.Same)]
[BatchNormalization(Activation = Activation.Tanh)]
[MaxPool2D(2)]
[Flatten]
[Dense(3)]
public partial class NormalizedConvNet;

/// <summary>Normalisation after an activated layer (linear BatchNormalization), twice, and a sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[BatchNormalization]
[Dense(5, Activation.Sigmoid)]
[BatchNormalization]
[Dense(1, Activation.Sigmoid)]
public partial class TwiceNormalizedNet;

/// <summary>A course-sized CNN with BatchNormalization, large enough that a training step runs on several threads.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(28, 28, 1)]
[Conv2D(16, kernel: 3)]
[BatchNormalization(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(32)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dense(10)]
public partial class NormalizedFashionCnn;

/// <summary>
/// Normalised Dense layers wide enough that a training step's parts by samples run on two threads, and whose first
/// layer (75,264 weights) Predict with maxThreads shares.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(96)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dense(32)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dense(10)]
public partial class NormalizedWideDenseNet;
