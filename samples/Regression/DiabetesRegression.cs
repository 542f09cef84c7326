namespace Dendrite.Samples.Regression;

/// <summary>
/// Linear regression as a network: 10 standardised features → one linear unit, ŷ = w·x + b, trained by
/// minimising the mean squared error (ŷ − y)² with Adam. No hidden layer, so the best it can do is exactly the
/// least-squares line that the closed-form solution computes directly.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(10)]
[Dense(1, Activation.Linear)]
public partial class DiabetesRegression;
