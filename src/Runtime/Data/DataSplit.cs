using System;
using Dendrite.Internal;

namespace Dendrite.Data;

/// <summary>Seeded splits and subsets of a <see cref="Dataset"/>: the same seed always picks the same samples.</summary>
public static class DataSplit
{
    /// <summary>
    /// Shuffles the sample indices with <paramref name="seed"/> and puts the first
    /// round(<paramref name="testFraction"/> × count) of them in the test set, the rest in the training set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside (0, 1) or leaves a side empty.</exception>
    public static (Dataset Train, Dataset Test) TrainTestSplit(Dataset data, float testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        int testCount = (int)Math.Round(data.Count * (double)testFraction, MidpointRounding.AwayFromZero);
        if (!(testFraction > 0f && testFraction < 1f) || testCount == 0 || testCount == data.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(testFraction),
                testFraction,
                Guard.Invariant($"Expected a test fraction in (0, 1) that leaves at least one sample on each side of {data.Count} but found {testFraction} ({testCount} test samples)."));
        }

        int[] order = new int[data.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new DeterministicRandom(seed).Shuffle<int>(order);
        return (Subset(data, order.AsSpan(testCount)), Subset(data, order.AsSpan(0, testCount)));
    }

    /// <summary>A new dataset holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    public static Dataset Subset(Dataset data, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        var inputs = new float[indices.Length * data.InputSize];
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)data.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i], Guard.Invariant($"Expected sample indices in [0, {data.Count}) but found {indices[i]} at position {i}."));
            }

            data.Input(indices[i]).CopyTo(inputs.AsSpan(i * data.InputSize, data.InputSize));
        }

        if (data.Labels is { } labels)
        {
            var subsetLabels = new int[indices.Length];
            for (int i = 0; i < indices.Length; i++)
            {
                subsetLabels[i] = labels[indices[i]];
            }

            return Dataset.WithLabels(inputs, data.InputSize, subsetLabels);
        }

        float[] targets = data.Targets!;
        int size = data.TargetSize;
        var subsetTargets = new float[indices.Length * size];
        for (int i = 0; i < indices.Length; i++)
        {
            targets.AsSpan(indices[i] * size, size).CopyTo(subsetTargets.AsSpan(i * size, size));
        }

        return Dataset.WithTargets(inputs, data.InputSize, subsetTargets, size);
    }

    /// <summary>The first <paramref name="count"/> samples (all of them when there are fewer), as a new dataset.</summary>
    public static Dataset Take(Dataset data, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(count, nameof(count));
        int n = Math.Min(count, data.Count);
        int[] indices = new int[n];
        for (int i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        return Subset(data, indices);
    }
}
