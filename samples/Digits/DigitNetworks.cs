namespace Dendrite.Samples.Digits;

/// <summary>
/// The course's digit network, 25 ReLU → 15 ReLU → 10 linear outputs (logits), on scikit-learn's 8×8 digits:
/// 64 inputs, grey levels 0…16 scaled to [0, 1].
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(64)]
[Dense(25, Activation.ReLU)]
[Dense(15, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class SmallDigitNet;

/// <summary>The same network on MNIST's 28×28 digits: 784 inputs.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(25, Activation.ReLU)]
[Dense(15, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class MnistDigitNet;
