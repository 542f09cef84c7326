namespace Dendrite.Tests.Networks;

// Networks for the gradient checks (tests/Dendrite.Tests/Runtime/GradientCheckTests.cs): one per allowed
// output activation × loss combination. Each has four hidden layers, one per hidden activation (ReLU, Sigmoid,
// Tanh, Linear) in a different order, so every hidden activation is checked under every loss. Widths are taken
// from 1, 3, 7, 17 and 33, none a multiple of any vector width, so every kernel's scalar tail runs. ReLU layers
// are at least 3 wide so that a whole layer is never dead for the whole batch.

/// <summary>Linear output, mean squared error.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7)]
[Dense(17, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
[Dense(33, Activation.Tanh)]
[Dense(7, Activation.Linear)]
[Dense(1, Activation.Linear)]
public partial class GcMseLinear;

/// <summary>Sigmoid output, mean squared error (through σ'(z), not fused).</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(3)]
[Dense(33, Activation.Tanh)]
[Dense(7, Activation.Linear)]
[Dense(17, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
[Dense(7, Activation.Sigmoid)]
public partial class GcMseSigmoid;

/// <summary>Tanh output, mean squared error.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(3, Activation.Sigmoid)]
[Dense(33, Activation.ReLU)]
[Dense(1, Activation.Linear)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
public partial class GcMseTanh;

/// <summary>ReLU output, mean squared error.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(7, Activation.Linear)]
[Dense(17, Activation.Tanh)]
[Dense(33, Activation.Sigmoid)]
[Dense(3, Activation.ReLU)]
[Dense(17, Activation.ReLU)]
public partial class GcMseReLU;

/// <summary>Softmax output, mean squared error (through the softmax Jacobian, not fused).</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(33)]
[Dense(3, Activation.ReLU)]
[Dense(17, Activation.Linear)]
[Dense(1, Activation.Sigmoid)]
[Dense(7, Activation.Tanh)]
[Dense(7, Activation.Softmax)]
public partial class GcMseSoftmax;

/// <summary>Sigmoid outputs (multi-label), binary cross-entropy from probabilities.</summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(7)]
[Dense(17, Activation.Tanh)]
[Dense(3, Activation.ReLU)]
[Dense(33, Activation.Linear)]
[Dense(1, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
public partial class GcBceSigmoid;

/// <summary>Linear output, binary cross-entropy from logits.</summary>
[Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)]
[Input(3)]
[Dense(7, Activation.ReLU)]
[Dense(33, Activation.Sigmoid)]
[Dense(17, Activation.Tanh)]
[Dense(3, Activation.Linear)]
[Dense(1, Activation.Linear)]
public partial class GcBceLogits;

/// <summary>Softmax output, sparse categorical cross-entropy from probabilities.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy)]
[Input(17)]
[Dense(33, Activation.Linear)]
[Dense(7, Activation.ReLU)]
[Dense(3, Activation.Tanh)]
[Dense(17, Activation.Sigmoid)]
[Dense(7, Activation.Softmax)]
public partial class GcSparseSoftmax;

/// <summary>Linear output, sparse categorical cross-entropy from logits.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(33)]
[Dense(1, Activation.Tanh)]
[Dense(17, Activation.ReLU)]
[Dense(7, Activation.Sigmoid)]
[Dense(3, Activation.Linear)]
[Dense(3, Activation.Linear)]
public partial class GcSparseLogits;

/// <summary>Softmax output, categorical cross-entropy from probabilities.</summary>
[Network(Loss = Loss.CategoricalCrossentropy)]
[Input(1)]
[Dense(17, Activation.Sigmoid)]
[Dense(33, Activation.ReLU)]
[Dense(7, Activation.Linear)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class GcCategoricalSoftmax;

/// <summary>Linear output, categorical cross-entropy from logits.</summary>
[Network(Loss = Loss.CategoricalCrossentropy, FromLogits = true)]
[Input(7)]
[Dense(3, Activation.Sigmoid)]
[Dense(17, Activation.Tanh)]
[Dense(33, Activation.Linear)]
[Dense(7, Activation.ReLU)]
[Dense(17, Activation.Linear)]
public partial class GcCategoricalLogits;

/// <summary>No hidden layer: logistic regression on one input (the output layer computes no input gradient).</summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(1)]
[Dense(1, Activation.Sigmoid)]
public partial class GcLogisticRegression;

/// <summary>No hidden layer: softmax regression from logits.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(33)]
[Dense(7, Activation.Linear)]
public partial class GcSoftmaxRegression;

/// <summary>No hidden layer: multi-output linear regression.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(3, Activation.Linear)]
public partial class GcLinearRegression;
