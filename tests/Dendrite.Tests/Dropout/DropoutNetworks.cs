namespace Dendrite.Tests.Dropout;

// Networks with Dropout for DropoutNetworkTests, DropoutGradientCheckTests and DropoutDeterminismTests. Widths are
// not multiples of any vector width, so DropoutMask.Apply's scalar tail runs beside its vector loop.

/// <summary>
/// Dropout on the input (as the original paper does), after a Dense layer, and twice in a row (allowed, as in Keras:
/// the two masks multiply); softmax fused with the loss.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(7)]
[Dropout(0.2)]
[Dense(33, Activation.ReLU)]
[Dropout(0.5)]
[Dense(17, Activation.Tanh)]
[Dropout(0.3)]
[Dropout(0.25)]
[Dense(3, Activation.Linear)]
public partial class DropoutMlp;

/// <summary>Dropout on images (after Conv2D and after pooling) and on the flat vector after Flatten; mean squared error.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 5, 2)]
[Conv2D(3, 3, Activation.ReLU, Padding = Padding.Same)]
[Dropout(0.4)]
[MaxPool2D(2)]
[Dropout(0.1)]
[Flatten]
[Dropout(0.3)]
[Dense(4, Activation.Sigmoid)]
public partial class DropoutCnn;

/// <summary>Dropout with rate 0, straight after the input: the identity even in training.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(19)]
[Dropout(0)]
[Dense(5, Activation.Linear)]
public partial class ZeroRateDropout;

/// <summary>Large enough per sample (about 40,000 multiply-adds) that a batch of about a hundred is split across two threads.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(100)]
[Dense(300, Activation.ReLU)]
[Dropout(0.5)]
[Dense(33, Activation.ReLU)]
[Dropout(0.2)]
[Dense(5, Activation.Linear)]
public partial class ShardedDropoutClassifier;

/// <summary><see cref="DropoutMlp"/> without its Dropout layers: the same parameters, so inference must agree bit for bit.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(7)]
[Dense(33, Activation.ReLU)]
[Dense(17, Activation.Tanh)]
[Dense(3, Activation.Linear)]
public partial class DropoutMlpTwin;

/// <summary><see cref="ZeroRateDropout"/> without its Dropout layer: rate 0 must train exactly as this does.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(19)]
[Dense(5, Activation.Linear)]
public partial class ZeroRateDropoutTwin;
