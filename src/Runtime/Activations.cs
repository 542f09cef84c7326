using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Activation functions that generated code and users share. Element-wise activations (ReLU, sigmoid, tanh)
/// are emitted inline by the generator; softmax couples all outputs, so it lives here once.
/// </summary>
public static partial class Activations
{
    /// <summary>σ(z) = 1 / (1 + e^−z), computed without overflow for any finite z.</summary>
    public static float Sigmoid(float z)
    {
        // For negative z, e^−z overflows; the algebraically equal e^z / (1 + e^z) does not.
        if (z >= 0f)
        {
            return 1f / (1f + FastExp.Exp(-z));
        }

        float e = FastExp.Exp(z);
        return e / (1f + e);
    }

    /// <summary>
    /// a_j = e^(z_j − max z) / Σ_k e^(z_k − max z): softmax with the maximum subtracted first, so no
    /// exponential overflows. <paramref name="probabilities"/> may alias <paramref name="logits"/>.
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        Guard.Length(probabilities, logits.Length, nameof(probabilities));
        ExponentiateAndNormalize(logits, probabilities, Max(logits));
    }

    /// <summary>
    /// <see cref="Softmax"/> into <paramref name="probabilities"/>, returning what <see cref="LogSumExp"/> returns for the
    /// same logits, bit for bit: the two share their exponentials, which a fused loss would otherwise compute twice
    /// (SoftmaxTests.Softmax_with_log_sum_exp_matches_the_two_calls). <paramref name="probabilities"/> may alias
    /// <paramref name="logits"/>; the lengths are the caller's to check.
    /// </summary>
    internal static float SoftmaxWithLogSumExp(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = Max(logits);
        return max + MathF.Log(ExponentiateAndNormalize(logits, probabilities, max));
    }

    /// <summary>
    /// probabilities_j = e^(z_j − max) / Σ_k e^(z_k − max); returns the sum, accumulated in index order as
    /// <see cref="LogSumExp"/> accumulates it. <paramref name="probabilities"/> may alias <paramref name="logits"/>.
    /// </summary>
    private static float ExponentiateAndNormalize(ReadOnlySpan<float> logits, Span<float> probabilities, float max)
    {
        float sum = 0f;
        for (int j = 0; j < logits.Length; j++)
        {
            float e = FastExp.Exp(logits[j] - max);
            probabilities[j] = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int j = 0; j < probabilities.Length; j++)
        {
            probabilities[j] *= inverse;
        }

        return sum;
    }

    /// <summary>The largest logit (−∞ for none), subtracted before exponentiating so that no e^z overflows.</summary>
    private static float Max(ReadOnlySpan<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float z in logits)
        {
            max = MathF.Max(max, z);
        }

        return max;
    }

    /// <summary>
    /// Back-propagates through softmax: dz_j = a_j · (da_j − Σ_k da_k·a_k), the product of the softmax
    /// Jacobian with the upstream gradient. <paramref name="dz"/> may alias <paramref name="da"/>.
    /// </summary>
    public static void SoftmaxBackward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz)
    {
        Guard.Length(da, a.Length, nameof(da));
        Guard.Length(dz, a.Length, nameof(dz));
        float dot = 0f;
        for (int k = 0; k < a.Length; k++)
        {
            dot += da[k] * a[k];
        }

        for (int j = 0; j < a.Length; j++)
        {
            dz[j] = a[j] * (da[j] - dot);
        }
    }

    /// <summary>log Σ_k e^z_k, computed as max z + log Σ_k e^(z_k − max z) so it is finite for large logits.</summary>
    public static float LogSumExp(ReadOnlySpan<float> logits)
    {
        float max = Max(logits);
        float sum = 0f;
        foreach (float z in logits)
        {
            sum += FastExp.Exp(z - max);
        }

        return max + MathF.Log(sum);
    }

    /// <summary>The index of the largest value (the first one on ties).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty: no index would be right.</exception>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        Guard.NotEmpty(values, nameof(values), "value");
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
