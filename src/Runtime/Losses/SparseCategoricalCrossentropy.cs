using System;
using Dendrite.Internal;

namespace Dendrite.Losses;

/// <summary>Sparse categorical cross-entropy: loss = −log(p_y) for the true class index y. Multi-class classification.</summary>
public static class SparseCategoricalCrossentropy
{
    /// <summary>The loss of one sample from probabilities (softmax outputs), clipped to [ε, 1 − ε] as Keras does.</summary>
    public static float Value(ReadOnlySpan<float> probabilities, int label)
    {
        Guard.Label(label, probabilities.Length, nameof(label));
        return -MathF.Log(Math.Clamp(probabilities[label], LossConstants.Epsilon, 1f - LossConstants.Epsilon));
    }

    /// <summary>The loss from probabilities and scale · ∂loss/∂p: −scale/p_y at the true class (0 where clipped), 0 elsewhere.</summary>
    public static float ValueAndGradient(ReadOnlySpan<float> probabilities, int label, Span<float> gradient, float scale = 1f)
    {
        Guard.Label(label, probabilities.Length, nameof(label));
        Guard.Length(gradient, probabilities.Length, nameof(gradient));
        gradient.Clear();
        float raw = probabilities[label];
        float p = Math.Clamp(raw, LossConstants.Epsilon, 1f - LossConstants.Epsilon);
        gradient[label] = p == raw ? -scale / p : 0f;
        return -MathF.Log(p);
    }

    /// <summary>
    /// The loss of one sample from logits: log Σ_k e^z_k − z_y, with the log-sum-exp computed stably, so it is
    /// finite for logits of any finite size.
    /// </summary>
    public static float FromLogits(ReadOnlySpan<float> logits, int label)
    {
        Guard.Label(label, logits.Length, nameof(label));
        return Activations.LogSumExp(logits) - logits[label];
    }

    /// <summary>
    /// The loss from logits and scale · ∂loss/∂z = scale · (softmax(z) − onehot(y)): softmax and cross-entropy
    /// fused, the gradient the generator uses for a multi-class output layer.
    /// </summary>
    public static float FromLogitsWithGradient(ReadOnlySpan<float> logits, int label, Span<float> gradient, float scale = 1f)
    {
        Guard.Label(label, logits.Length, nameof(label));
        Guard.Length(gradient, logits.Length, nameof(gradient));
        // Read before the softmax: the gradient may be the logits' own buffer.
        float labelLogit = logits[label];
        float loss = Activations.SoftmaxWithLogSumExp(logits, gradient) - labelLogit;
        gradient[label] -= 1f;
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] *= scale;
        }

        return loss;
    }
}
