namespace Dendrite.Samples.WebInference;

/// <summary>
/// The served network before training: the course's 25-15-10 digit network on scikit-learn's 8×8 digits (64 inputs,
/// ink counts 0…16 scaled to [0, 1]). Same layers as <c>samples/WebInference/DigitNet.cs</c>, which compiles in the
/// weights this project saves; a change here must be made there too (the generator refuses a file whose
/// architecture differs, DN0021).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(64)]
[Dense(25, Activation.ReLU)]
[Dense(15, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class DigitNet;
