namespace Dendrite.Tests.Networks;

// Networks for the training, determinism, allocation and Fit-semantics tests (tests/Dendrite.Tests/Training).

/// <summary>XOR: a small tanh hidden layer and one sigmoid output trained with binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorClassifier;

/// <summary>The three-class spiral (CS231n): two ReLU layers and a softmax output.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy)]
[Input(2)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SpiralClassifier;

/// <summary>One-dimensional regression y = sin(x): a tanh hidden layer and a linear output.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Linear)]
public partial class SineRegressor;

/// <summary>Multi-label: three independent yes/no answers about a 2-D point, sigmoid outputs.</summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(2)]
[Dense(24, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
public partial class PointTagger;

/// <summary>The same multi-label problem with logits (a threshold of 0 instead of 0.5).</summary>
[Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)]
[Input(2)]
[Dense(24, Activation.ReLU)]
[Dense(3, Activation.Linear)]
public partial class PointTaggerLogits;

/// <summary>Categorical cross-entropy with one-hot targets, for the Fit-semantics and check tests.</summary>
[Network(Loss = Loss.CategoricalCrossentropy, FromLogits = true)]
[Input(5)]
[Dense(9, Activation.ReLU)]
[Dense(4, Activation.Linear)]
public partial class OneHotClassifier;
