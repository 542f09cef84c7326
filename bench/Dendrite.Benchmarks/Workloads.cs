namespace Dendrite.Benchmarks;

/// <summary>Workload A: the course's digit network, 784-25(ReLU)-15(ReLU)-10, trained with batch 32.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(25, Activation.ReLU)]
[Dense(15, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class WorkloadA;

/// <summary>Workload B: 784-256(ReLU)-128(ReLU)-10, trained with batch 64.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class WorkloadB;

/// <summary>Sizes of a workload, shared by the Dendrite and TorchSharp benchmarks.</summary>
public sealed record WorkloadShape(string Name, int[] Sizes, int BatchSize)
{
    public static readonly WorkloadShape A = new("A", [784, 25, 15, 10], 32);

    public static readonly WorkloadShape B = new("B", [784, 256, 128, 10], 64);

    public static WorkloadShape Named(string name) => name == "A" ? A : B;
}

/// <summary>
/// Workload C: the convolutional network of samples/FashionMnistCnn (two 3×3 convolutions with 2×2 max pooling,
/// then 128 ReLU units and 10 logits) on 28×28×1 images, trained with batch 64.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(28, 28, 1)]
[Conv2D(32, kernel: 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, kernel: 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class WorkloadC;

/// <summary>
/// The Fashion-MNIST CNN PyTorch trained (tests/Dendrite.Tests/Onnx/Fixtures/fashion-cnn.onnx), compiled from the
/// ONNX file as samples/OnnxImport compiles it: <see cref="OnnxCnnBenchmarks"/> times it beside ONNX Runtime.
/// </summary>
[Network(Onnx = "fashion-cnn.onnx", Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
public partial class ImportedFashionCnn;
