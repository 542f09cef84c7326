using Dendrite;

namespace Dendrite.Samples.FashionMnistCnn;

/// <summary>
/// The network with batch normalisation: two 3×3 convolutions with Same padding, each linear, normalised per
/// channel and then ReLU, with 2×2 max pooling (28×28×1 → 28×28×32 → 14×14×32 → 14×14×64 → 7×7×64), then a 128-unit
/// hidden layer normalised the same way, and 10 logits. Dropout (0.25 after each pooling, 0.4 before the logits)
/// fights the over-fitting the normalised network shows without it (samples/README.md has the runs). Softmax is
/// folded into the loss (FromLogits = true).
/// </summary>
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
public partial class FashionCnn;
