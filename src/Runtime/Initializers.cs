using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Weight initialisations that keep activations at a stable scale through the layers. Generated constructors
/// use He for layers followed by ReLU and Glorot for every other layer; biases start at zero.
/// </summary>
public static class Initializers
{
    /// <summary>He (Kaiming) uniform: w ~ U(−√(6/fan_in), √(6/fan_in)). Keeps the variance of ReLU activations steady.</summary>
    public static void HeUniform(Span<float> weights, int fanIn, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Guard.Positive(fanIn, nameof(fanIn));
        Fill(weights, MathF.Sqrt(6f / fanIn), random);
    }

    /// <summary>Glorot (Xavier) uniform: w ~ U(−√(6/(fan_in + fan_out)), +…). Keras' default for Dense layers.</summary>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Guard.Positive(fanIn, nameof(fanIn));
        Guard.Positive(fanOut, nameof(fanOut));
        Fill(weights, MathF.Sqrt(6f / (fanIn + fanOut)), random);
    }

    private static void Fill(Span<float> weights, float limit, DeterministicRandom random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextSymmetric(limit);
        }
    }
}
