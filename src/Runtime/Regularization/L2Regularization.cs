using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// The L2 penalty declared on a layer (<c>[Dense(64, L2 = 1e-4f)]</c>, Keras' <c>kernel_regularizer=l2(λ)</c>): the
/// generated training code adds λ·ΣW² to the cost and 2λ·W to ∂cost/∂W for that layer's weights. The sum of squares
/// is taken in double, one weight at a time in order, so it is the same bits whatever the vector width or thread
/// count (L2RegularizationTests).
/// </summary>
public static class L2Regularization
{
    /// <summary>λ·ΣW² over <paramref name="weights"/>.</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="lambda">λ, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative or not finite.</exception>
    public static float Penalty(ReadOnlySpan<float> weights, float lambda)
    {
        Guard.NonNegativeFinite(lambda, nameof(lambda));
        double sum = 0;
        foreach (float w in weights)
        {
            sum += (double)w * w;
        }

        return (float)(lambda * sum);
    }

    /// <summary>Adds 2λ·W to <paramref name="gradients"/> (∂cost/∂W of the same weights) and returns the penalty λ·ΣW².</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="gradients">∂cost/∂W, same length, updated in place.</param>
    /// <param name="lambda">λ, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative or not finite.</exception>
    public static float AddGradient(ReadOnlySpan<float> weights, Span<float> gradients, float lambda)
    {
        Guard.Length(gradients, weights.Length, nameof(gradients));
        float penalty = Penalty(weights, lambda);
        float twoLambda = 2f * lambda;
        ReadOnlySpan<Vector<float>> wV = MemoryMarshal.Cast<float, Vector<float>>(weights);
        Span<Vector<float>> gV = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var scale = new Vector<float>(twoLambda);
        for (int i = 0; i < wV.Length; i++)
        {
            gV[i] += scale * wV[i];
        }

        for (int i = wV.Length * Vector<float>.Count; i < weights.Length; i++)
        {
            gradients[i] += twoLambda * weights[i];
        }

        return penalty;
    }
}
