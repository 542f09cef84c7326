using System;
using Dendrite.Internal;

namespace Dendrite.Data;

/// <summary>One-hot encoding: class k of n becomes n values, 1 at index k and 0 elsewhere (for categorical cross-entropy).</summary>
public static class OneHot
{
    /// <summary>Row-major one-hot targets, <paramref name="classCount"/> per label.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, <paramref name="classCount"/>).</exception>
    public static float[] Encode(ReadOnlySpan<int> labels, int classCount)
    {
        Guard.Positive(classCount, nameof(classCount));
        Guard.Labels(labels, classCount, nameof(labels));
        var targets = new float[labels.Length * classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            targets[(i * classCount) + labels[i]] = 1f;
        }

        return targets;
    }

    /// <summary>The labels of <paramref name="data"/> as a dataset of one-hot targets with the same inputs.</summary>
    public static Dataset Encode(Dataset data, int classCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Labels is null)
        {
            throw new ArgumentException("Expected a dataset with class labels but found one with float targets.", nameof(data));
        }

        return Dataset.WithTargets(data.Inputs, data.InputSize, Encode(data.Labels, classCount), classCount);
    }
}
