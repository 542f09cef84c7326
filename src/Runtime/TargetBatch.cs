using System;

namespace Dendrite;

/// <summary>
/// The targets for a batch of samples: integer class labels for sparse categorical cross-entropy, or
/// row-major float targets (samples × <c>OutputSize</c>) for every other loss. Exactly one is set.
/// </summary>
public readonly ref struct TargetBatch
{
    private TargetBatch(ReadOnlySpan<int> labels, ReadOnlySpan<float> values)
    {
        Labels = labels;
        Values = values;
    }

    /// <summary>Class indices, one per sample (sparse categorical cross-entropy).</summary>
    public ReadOnlySpan<int> Labels { get; }

    /// <summary>Row-major target values, <c>OutputSize</c> per sample (every other loss).</summary>
    public ReadOnlySpan<float> Values { get; }

    /// <summary>Targets given as class indices.</summary>
    public static TargetBatch FromLabels(ReadOnlySpan<int> labels) => new(labels, default);

    /// <summary>Targets given as row-major float values.</summary>
    public static TargetBatch FromValues(ReadOnlySpan<float> values) => new(default, values);
}
