namespace Dendrite.Tests.Networks;

// Networks with L2 regularisation declared on their layers (L2RegularizationTests), each the twin of a network
// without it, so the tests can compare the two on the same weights.

/// <summary><see cref="SpiralClassifier"/> with L2 on the first hidden layer and the output layer (not the second).</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy)]
[Input(2)]
[Dense(32, Activation.ReLU, L2 = 1e-3f)]
[Dense(32, Activation.ReLU)]
[Dense(3, Activation.Softmax, L2 = 0.02f)]
public partial class RegularizedSpiralClassifier;

/// <summary><see cref="Dendrite.Tests.Kernels.ShardedClassifier"/> with L2 on every layer: large enough for a training step to use 2 threads.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(100)]
[Dense(300, Activation.ReLU, L2 = 1e-4f)]
[Dense(33, Activation.ReLU, L2 = 1e-4f)]
[Dense(5, Activation.Linear, L2 = 1e-3f)]
public partial class RegularizedShardedClassifier;

/// <summary><see cref="Dendrite.Tests.Cnn.ConvValidStride2Net"/> with L2 on both convolutions' kernels.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 5, 2)]
[Conv2D(3, kernel: 3, Activation.Tanh, Stride = 2, L2 = 0.01f)]
[Conv2D(5, kernel: 2, Activation.Sigmoid, L2 = 0.005f)]
[Flatten]
[Dense(3)]
public partial class RegularizedConvNet;
