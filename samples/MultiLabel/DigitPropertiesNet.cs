namespace Dendrite.Samples.MultiLabel;

/// <summary>
/// 8×8 digit → 32 ReLU → 4 independent sigmoid units, one per property (even, ≥ 5, prime, has a closed loop).
/// Unlike softmax, the sigmoids do not compete: any number of them can be near 1 at once.
/// Binary cross-entropy is applied to each output and averaged.
/// </summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(4, Activation.Sigmoid)]
public partial class DigitPropertiesNet;
