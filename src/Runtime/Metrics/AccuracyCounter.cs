using System;

namespace Dendrite;

/// <summary>
/// Accumulates accuracy over batches of outputs, allocation-free. Also counts exact matches (every label of a
/// sample right), which is the stricter measure for multi-label networks.
/// </summary>
public struct AccuracyCounter
{
    private readonly NetworkArchitecture _architecture;
    private readonly AccuracyKind _kind;
    private readonly int _outputSize;
    private readonly float _threshold;
    private long _correct;
    private long _total;
    private long _exactMatches;
    private long _samples;

    /// <summary>A counter for the accuracy that <paramref name="architecture"/> reports.</summary>
    public AccuracyCounter(NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        _architecture = architecture;
        _kind = KindFor(architecture);
        _outputSize = architecture.OutputSize;
        _threshold = architecture.FromLogits ? 0f : 0.5f;
        _correct = _total = _exactMatches = _samples = 0;
    }

    /// <summary>The accuracy a network with this architecture reports.</summary>
    public static AccuracyKind KindFor(NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return architecture.Loss switch
        {
            Loss.SparseCategoricalCrossentropy => AccuracyKind.SparseCategorical,
            Loss.CategoricalCrossentropy => AccuracyKind.Categorical,
            Loss.BinaryCrossentropy => AccuracyKind.Binary,
            _ => AccuracyKind.None,
        };
    }

    /// <summary>The kind of accuracy counted.</summary>
    public readonly AccuracyKind Kind => _kind;

    /// <summary>The accuracy so far, or null when the network reports none or nothing was counted.</summary>
    public readonly double? Value => _kind == AccuracyKind.None || _total == 0 ? null : (double)_correct / _total;

    /// <summary>Fraction of samples with every output right (equals <see cref="Value"/> except for multi-label).</summary>
    public readonly double? ExactMatch => _kind == AccuracyKind.None || _samples == 0 ? null : (double)_exactMatches / _samples;

    /// <summary>Counts a batch of outputs (samples × OutputSize) against its targets, one per sample.</summary>
    /// <exception cref="ArgumentException">
    /// The outputs are not whole samples, or the targets are not one per sample (CustomLoopCheckTests).
    /// </exception>
    /// <exception cref="InvalidOperationException">The counter was made with <c>default</c> rather than an architecture.</exception>
    public void Add(ReadOnlySpan<float> outputs, TargetBatch targets)
    {
        if (_architecture is null)
        {
            throw new InvalidOperationException("This AccuracyCounter was created with default; create it with new AccuracyCounter(architecture).");
        }

        int samples = DataChecks.OutputSamples(_architecture, outputs, nameof(outputs));
        DataChecks.Targets(_architecture, targets, samples, nameof(targets));
        AddUnchecked(outputs, targets);
    }

    /// <summary>The count without argument checks, for the training and evaluation loops, which checked the whole data set.</summary>
    internal void AddUnchecked(ReadOnlySpan<float> outputs, TargetBatch targets)
    {
        int samples = outputs.Length / _outputSize;
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> output = outputs.Slice(s * _outputSize, _outputSize);
            switch (_kind)
            {
                case AccuracyKind.SparseCategorical:
                    Count(Activations.ArgMax(output) == targets.Labels[s]);
                    break;
                case AccuracyKind.Categorical:
                    Count(Activations.ArgMax(output) == Activations.ArgMax(targets.Values.Slice(s * _outputSize, _outputSize)));
                    break;
                case AccuracyKind.Binary:
                    CountBinary(output, targets.Values.Slice(s * _outputSize, _outputSize));
                    break;
            }
        }
    }

    private void Count(bool right)
    {
        _total++;
        _samples++;
        if (right)
        {
            _correct++;
            _exactMatches++;
        }
    }

    private void CountBinary(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        bool allRight = true;
        for (int j = 0; j < output.Length; j++)
        {
            bool predicted = output[j] > _threshold;
            bool actual = target[j] > 0.5f;
            if (predicted == actual)
            {
                _correct++;
            }
            else
            {
                allRight = false;
            }
        }

        _total += output.Length;
        _samples++;
        if (allRight)
        {
            _exactMatches++;
        }
    }
}
