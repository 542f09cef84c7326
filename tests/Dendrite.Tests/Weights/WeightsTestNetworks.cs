namespace Dendrite.Tests.Weights;

/// <summary>A small classifier whose weights the file tests save, corrupt and load.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(3)]
[Dense(4, Activation.ReLU)]
[Dense(2, Activation.Linear)]
public partial class WeightsTestNet;

/// <summary>Same input and output as <see cref="WeightsTestNet"/>, another hidden width: its files must be refused.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(3)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.Linear)]
public partial class OtherArchitectureNet;

/// <summary>
/// <see cref="WeightsTestNet"/>'s architecture with pretrained-test.weights compiled in (written by
/// make_pretrained_test_weights.py, an independent encoder of the format).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "pretrained-test.weights")]
[Input(3)]
[Dense(4, Activation.ReLU)]
[Dense(2, Activation.Linear)]
public partial class PretrainedTestNet;

/// <summary>512 → 511 → 2: a 1 MB weights file, for the generator's incremental and timing checks.</summary>
[Network]
[Input(512)]
[Dense(511, Activation.ReLU)]
[Dense(2, Activation.Linear)]
public partial class LargeTwin;

/// <summary>
/// A small CNN (Conv2D with Same padding, MaxPool2D with a stride and Same padding, Flatten, Dense) that
/// CnnCompiledWeightsTests trains at run time, saves, and compiles back in with [Network(Weights = ...)].
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(7, 6, 2)]
[Conv2D(5, kernel: 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2, Stride = 2, Padding = Padding.Same)]
[Flatten]
[Dense(3)]
public partial class TrainedCnn;

/// <summary>
/// A CNN that pools by averaging, trained and saved at run time, then compiled back in (CnnCompiledWeightsTests):
/// the fingerprint text of both pooling layers must agree between the runtime and the generator.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(7, 6, 2)]
[Conv2D(5, kernel: 3, Activation.ReLU, Padding = Padding.Same)]
[AveragePooling2D(2, Stride = 1, Padding = Padding.Same)]
[GlobalAveragePooling2D]
[Dense(3)]
public partial class TrainedAveragePoolCnn;

/// <summary>The architecture of the Pretrained snapshot (GeneratedCodeSnapshotTests), whose weights file this type saves.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(4, 4, 1)]
[Conv2D(2, kernel: 3, Activation.ReLU)]
[Flatten]
[Dense(2)]
public partial class SnapshotPretrainedCnn;
