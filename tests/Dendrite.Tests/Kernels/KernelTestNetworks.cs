namespace Dendrite.Tests.Kernels;

/// <summary>Odd sizes everywhere (33, 17, 7, 3, 1): every block tail and scalar tail of the kernels runs.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(33)]
[Dense(17, Activation.ReLU)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Linear)]
public partial class OddSizesRegressor;

/// <summary>Odd sizes with the fused softmax cross-entropy output.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(7)]
[Dense(33, Activation.ReLU)]
[Dense(3, Activation.Linear)]
public partial class OddSizesClassifier;

/// <summary>Large enough per sample that a batch of about a hundred is split across two threads.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(100)]
[Dense(70, Activation.ReLU)]
[Dense(33, Activation.ReLU)]
[Dense(5, Activation.Linear)]
public partial class ShardedClassifier;
