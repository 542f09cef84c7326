namespace Dendrite.Samples.FashionMnist;

/// <summary>
/// 784 pixels → 256 ReLU → 128 ReLU → 10 logits. The output layer is linear and the loss takes the logits
/// (FromLogits): softmax and cross-entropy are computed together, which is stabler than a softmax layer.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class FashionClassifier;
