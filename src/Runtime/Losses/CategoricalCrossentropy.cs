using System;
using Dendrite.Internal;

namespace Dendrite.Losses;

/// <summary>
/// Categorical cross-entropy: loss = −Σ_j y_j·log(p_j) for a target probability vector y (usually one-hot).
/// Multi-class classification with dense targets.
/// </summary>
public static class CategoricalCrossentropy
{
    /// <summary>The loss of one sample from probabilities (softmax outputs), clipped to [ε, 1 − ε] as Keras does.</summary>
    public static float Value(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> target)
    {
        Guard.NotEmpty(probabilities, nameof(probabilities), "output");
        Guard.Length(target, probabilities.Length, nameof(target));
        float sum = 0f;
        for (int j = 0; j < probabilities.Length; j++)
        {
            sum -= target[j] * MathF.Log(Math.Clamp(probabilities[j], LossConstants.Epsilon, 1f - LossConstants.Epsilon));
        }

        return sum;
    }

    /// <summary>The loss from probabilities and scale · ∂loss/∂p_j = −scale · y_j / p_j (0 where clipped).</summary>
    public static float ValueAndGradient(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> target, Span<float> gradient, float scale = 1f)
    {
        Guard.NotEmpty(probabilities, nameof(probabilities), "output");
        Guard.Length(target, probabilities.Length, nameof(target));
        Guard.Length(gradient, probabilities.Length, nameof(gradient));
        float sum = 0f;
        for (int j = 0; j < probabilities.Length; j++)
        {
            float raw = probabilities[j];
            float p = Math.Clamp(raw, LossConstants.Epsilon, 1f - LossConstants.Epsilon);
            sum -= target[j] * MathF.Log(p);
            gradient[j] = p == raw ? -scale * target[j] / p : 0f;
        }

        return sum;
    }

    /// <summary>The loss of one sample from logits: Σ_j y_j·(log Σ_k e^z_k − z_j), stable for large logits.</summary>
    public static float FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> target)
    {
        Guard.NotEmpty(logits, nameof(logits), "output");
        Guard.Length(target, logits.Length, nameof(target));
        float logSumExp = Activations.LogSumExp(logits);
        float sum = 0f;
        for (int j = 0; j < logits.Length; j++)
        {
            sum += target[j] * (logSumExp - logits[j]);
        }

        return sum;
    }

    /// <summary>
    /// The loss from logits and scale · ∂loss/∂z = scale · (softmax(z)·Σy − y), which is softmax(z) − y for a
    /// target that sums to 1: softmax and cross-entropy fused.
    /// </summary>
    public static float FromLogitsWithGradient(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient, float scale = 1f)
    {
        Guard.NotEmpty(logits, nameof(logits), "output");
        Guard.Length(target, logits.Length, nameof(target));
        Guard.Length(gradient, logits.Length, nameof(gradient));
        float logSumExp = Activations.LogSumExp(logits);
        float loss = 0f;
        float targetSum = 0f;
        for (int j = 0; j < logits.Length; j++)
        {
            loss += target[j] * (logSumExp - logits[j]);
            targetSum += target[j];
        }

        Activations.Softmax(logits, gradient);
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] = scale * ((gradient[j] * targetSum) - target[j]);
        }

        return loss;
    }
}
