namespace Dendrite.Tests.Networks;

/// <summary>The course's handwritten-digit network: 784-25-15-10, linear output, sparse CE from logits.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(25, Activation.ReLU)]
[Dense(15, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class DigitClassifier;

/// <summary>XOR: two inputs, a small sigmoid hidden layer, one sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet;
