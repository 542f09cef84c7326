using Dendrite;

namespace Dendrite.Samples.FashionMnistCnn;

/// <summary>
/// The network with batch normalisation: two 3×3 convolutions, each linear, normalised per channel and then
/// ReLU, with 2×2 max pooling (28×28×1 → 26×26×32 → 13×13×32 → 11×11×64 → 5×5×64), then a 128-unit hidden layer
/// normalised the same way, and 10 logits. Dropout (0.25 after each pooling, 0.5 before the logits) fights the
/// over-fitting the normalised network shows without it. Softmax is folded into the loss (FromLogits = true).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(28, 28, 1)]
[Conv2D(32, kernel: 3)]
[BatchNormalization(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Conv2D(64, kernel: 3)]
[BatchNormalization(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Flatten]
[Dense(128)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dropout(0.5)]
[Dense(10)]
public partial class FashionCnn;
