namespace Dendrite.Benchmarks;

/// <summary>Workload B with Dropout(0.2) after each hidden layer: B's cost plus the masks (issue 11).</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dropout(0.2)]
[Dense(128, Activation.ReLU)]
[Dropout(0.2)]
[Dense(10, Activation.Linear)]
public partial class WorkloadBDropout;

/// <summary>Workload B with each hidden layer linear and then normalised, BatchNormalization(ReLU).</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(256)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dense(128)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class WorkloadBNormalized;

/// <summary>Workload C as samples/FashionMnistCnn declares it: BatchNormalization after each layer, Dropout.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(28, 28, 1)]
[Conv2D(32, kernel: 3, Padding = Padding.Same)]
[BatchNormalization(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Conv2D(64, kernel: 3, Padding = Padding.Same)]
[BatchNormalization(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Flatten]
[Dense(128)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dropout(0.4)]
[Dense(10)]
public partial class WorkloadCRegularized;

/// <summary>Workload C with each Conv2D and the hidden Dense layer linear and then normalised, BatchNormalization(ReLU): C's shapes.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(28, 28, 1)]
[Conv2D(32, kernel: 3)]
[BatchNormalization(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, kernel: 3)]
[BatchNormalization(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(128)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dense(10)]
public partial class WorkloadCNormalized;
