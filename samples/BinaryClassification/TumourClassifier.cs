namespace Dendrite.Samples.BinaryClassification;

/// <summary>
/// 30 measurements of a breast mass → 16 ReLU → 1 sigmoid unit: the probability that the mass is benign.
/// Trained with binary cross-entropy, −[y·log p + (1 − y)·log(1 − p)].
/// </summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(30)]
[Dense(16, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TumourClassifier;
