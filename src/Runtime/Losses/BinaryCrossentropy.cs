using System;
using Dendrite.Internal;

namespace Dendrite.Losses;

/// <summary>
/// Binary cross-entropy, averaged over the outputs: loss = (1/n) Σ_j −y_j·log(p_j) − (1 − y_j)·log(1 − p_j).
/// One output: a binary classifier. Several outputs: a multi-label classifier, one independent yes/no each.
/// </summary>
public static class BinaryCrossentropy
{
    /// <summary>The loss of one sample from probabilities (sigmoid outputs), clipped to [ε, 1 − ε] as Keras does.</summary>
    public static float Value(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> target)
    {
        Guard.NotEmpty(probabilities, nameof(probabilities), "output");
        Guard.Length(target, probabilities.Length, nameof(target));
        float sum = 0f;
        for (int j = 0; j < probabilities.Length; j++)
        {
            float p = Math.Clamp(probabilities[j], LossConstants.Epsilon, 1f - LossConstants.Epsilon);
            sum -= (target[j] * MathF.Log(p)) + ((1f - target[j]) * MathF.Log(1f - p));
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// The loss from probabilities and scale · ∂loss/∂p = scale · (p − y) / (p(1 − p)) / n. Where the clip is
    /// active the loss is flat in p, so the gradient there is 0, as automatic differentiation of Keras' clip gives.
    /// </summary>
    public static float ValueAndGradient(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> target, Span<float> gradient, float scale = 1f)
    {
        Guard.NotEmpty(probabilities, nameof(probabilities), "output");
        Guard.Length(target, probabilities.Length, nameof(target));
        Guard.Length(gradient, probabilities.Length, nameof(gradient));
        float sum = 0f;
        float factor = scale / probabilities.Length;
        for (int j = 0; j < probabilities.Length; j++)
        {
            float raw = probabilities[j];
            float p = Math.Clamp(raw, LossConstants.Epsilon, 1f - LossConstants.Epsilon);
            sum -= (target[j] * MathF.Log(p)) + ((1f - target[j]) * MathF.Log(1f - p));
            gradient[j] = p == raw ? factor * (p - target[j]) / (p * (1f - p)) : 0f;
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// The loss of one sample from logits z, in the stable form max(z, 0) − z·y + log(1 + e^−|z|), which equals
    /// the cross-entropy of σ(z) but never takes the log of 0 or overflows (finite at z = ±1e4 and beyond).
    /// </summary>
    public static float FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> target)
    {
        Guard.NotEmpty(logits, nameof(logits), "output");
        Guard.Length(target, logits.Length, nameof(target));
        float sum = 0f;
        for (int j = 0; j < logits.Length; j++)
        {
            sum += StableTerm(logits[j], target[j]);
        }

        return sum / logits.Length;
    }

    /// <summary>
    /// The loss from logits and scale · ∂loss/∂z = scale · (σ(z) − y) / n: sigmoid and cross-entropy fused,
    /// the gradient the generator uses for a sigmoid output trained with binary cross-entropy.
    /// </summary>
    public static float FromLogitsWithGradient(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient, float scale = 1f)
    {
        Guard.NotEmpty(logits, nameof(logits), "output");
        Guard.Length(target, logits.Length, nameof(target));
        Guard.Length(gradient, logits.Length, nameof(gradient));
        float sum = 0f;
        float factor = scale / logits.Length;
        for (int j = 0; j < logits.Length; j++)
        {
            float z = logits[j];
            sum += StableTerm(z, target[j]);
            gradient[j] = factor * (Activations.Sigmoid(z) - target[j]);
        }

        return sum / logits.Length;
    }

    private static float StableTerm(float z, float y) => MathF.Max(z, 0f) - (z * y) + MathF.Log(1f + FastExp.Exp(-MathF.Abs(z)));
}
