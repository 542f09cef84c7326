namespace Dendrite.Samples.AotInference;

/// <summary>
/// The same architecture as the AOT sample's FashionClassifier, without compiled-in weights: this is the network
/// the trainer fits and saves. Keep the two declarations identical, or the sample's build reports DN0021.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class FashionClassifier;
