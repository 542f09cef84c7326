using System;
using Dendrite.Internal;

namespace Dendrite.Losses;

/// <summary>Mean squared error: loss = (1/n) Σ_j (ŷ_j − y_j)². Regression.</summary>
public static class MeanSquaredError
{
    /// <summary>The loss of one sample.</summary>
    public static float Value(ReadOnlySpan<float> predicted, ReadOnlySpan<float> target)
    {
        Guard.NotEmpty(predicted, nameof(predicted), "output");
        Guard.Length(target, predicted.Length, nameof(target));
        float sum = 0f;
        for (int j = 0; j < predicted.Length; j++)
        {
            float error = predicted[j] - target[j];
            sum += error * error;
        }

        return sum / predicted.Length;
    }

    /// <summary>
    /// The loss of one sample, and <paramref name="scale"/> · ∂loss/∂ŷ = scale · 2(ŷ − y)/n written to
    /// <paramref name="gradient"/>. Training passes scale = 1/batch size, so gradients average over the batch.
    /// </summary>
    public static float ValueAndGradient(ReadOnlySpan<float> predicted, ReadOnlySpan<float> target, Span<float> gradient, float scale = 1f)
    {
        Guard.NotEmpty(predicted, nameof(predicted), "output");
        Guard.Length(target, predicted.Length, nameof(target));
        Guard.Length(gradient, predicted.Length, nameof(gradient));
        float sum = 0f;
        float factor = 2f * scale / predicted.Length;
        for (int j = 0; j < predicted.Length; j++)
        {
            float error = predicted[j] - target[j];
            sum += error * error;
            gradient[j] = factor * error;
        }

        return sum / predicted.Length;
    }
}
