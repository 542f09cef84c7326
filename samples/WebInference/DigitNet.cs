namespace Dendrite.Samples.WebInference;

/// <summary>
/// The course's digit network, 64 → 25 ReLU → 15 ReLU → 10 logits, with the weights the Trainer project saved
/// compiled in: <c>DigitNet.Pretrained</c> needs no file at run time. Inputs are scikit-learn's 8×8 digit features,
/// ink counts 0…16 per 4×4 block of a 32×32 bitmap, scaled to [0, 1].
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "digits.weights")]
[Input(64)]
[Dense(25, Activation.ReLU)]
[Dense(15, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class DigitNet;
