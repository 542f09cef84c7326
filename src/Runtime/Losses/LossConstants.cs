namespace Dendrite.Losses;

/// <summary>Constants shared by the probability-space losses.</summary>
public static class LossConstants
{
    /// <summary>
    /// Keras' fuzz factor (<c>keras.config.epsilon()</c>): probabilities are clipped to [ε, 1 − ε] before a log,
    /// so a confident wrong prediction costs −log ε ≈ 16.1 instead of infinity.
    /// </summary>
    public const float Epsilon = 1e-7f;
}
