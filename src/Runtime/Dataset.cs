using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Samples with their targets, held in arrays: row-major inputs (samples × input size) and either integer
/// class labels or row-major float targets. Used for explicit validation data and returned by the data readers.
/// </summary>
public sealed class Dataset
{
    private Dataset(float[] inputs, int inputSize, int[]? labels, float[]? targets, int targetSize)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Guard.Positive(inputSize, nameof(inputSize));
        Guard.MultipleOf<float>(inputs, inputSize, "the input size", nameof(inputs));
        Count = inputs.Length / inputSize;
        if (labels is not null && labels.Length != Count)
        {
            throw new ArgumentException(Guard.Invariant($"Expected {Count} labels (one per sample) but found {labels.Length}."), nameof(labels));
        }

        if (targets is not null && targets.Length != Count * targetSize)
        {
            throw new ArgumentException(Guard.Invariant($"Expected {Count * targetSize} target values ({Count} samples × {targetSize}) but found {targets.Length}."), nameof(targets));
        }

        Inputs = inputs;
        InputSize = inputSize;
        Labels = labels;
        Targets = targets;
        TargetSize = targetSize;
    }

    /// <summary>A dataset with integer class labels.</summary>
    public static Dataset WithLabels(float[] inputs, int inputSize, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new Dataset(inputs, inputSize, labels, null, 1);
    }

    /// <summary>A dataset with row-major float targets, <paramref name="targetSize"/> per sample.</summary>
    public static Dataset WithTargets(float[] inputs, int inputSize, float[] targets, int targetSize)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Guard.Positive(targetSize, nameof(targetSize));
        return new Dataset(inputs, inputSize, null, targets, targetSize);
    }

    /// <summary>Row-major inputs, <see cref="InputSize"/> per sample.</summary>
    public float[] Inputs { get; }

    /// <summary>Values per input sample.</summary>
    public int InputSize { get; }

    /// <summary>Class labels, one per sample, or null when the targets are float values.</summary>
    public int[]? Labels { get; }

    /// <summary>Row-major float targets, or null when the targets are class labels.</summary>
    public float[]? Targets { get; }

    /// <summary>Values per target: 1 for class labels.</summary>
    public int TargetSize { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>The targets as a batch view.</summary>
    public TargetBatch TargetBatch => Labels is not null ? TargetBatch.FromLabels(Labels) : TargetBatch.FromValues(Targets);

    /// <summary>The inputs of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Input(int index) => Inputs.AsSpan(index * InputSize, InputSize);
}
