using System;

namespace Dendrite;

/// <summary>
/// Tracks the monitored metric across epochs and keeps a copy of the best weights when asked to: the parameters and the
/// non-trainable values (BatchNormalization's moving statistics), so restored weights and statistics belong together.
/// </summary>
internal sealed class EarlyStopper
{
    private readonly EarlyStopping _rule;
    private readonly float[]? _bestWeights;
    private MetricBest _best;
    private int _epochsWithoutImprovement;

    public EarlyStopper(EarlyStopping rule, int parameterCount, int nonTrainableCount = 0)
    {
        _rule = rule;
        _best = new MetricBest(rule.Monitor, rule.MinDelta);
        _bestWeights = rule.RestoreBestWeights ? new float[parameterCount + nonTrainableCount] : null;
    }

    public int? BestEpoch { get; private set; }

    public bool ShouldStop(EpochResult result, ReadOnlySpan<float> parameters, ReadOnlySpan<float> nonTrainable = default)
    {
        double value = result.Get(_rule.Monitor) ?? double.NaN;
        if (_best.TryImprove(value))
        {
            BestEpoch = result.Epoch;
            _epochsWithoutImprovement = 0;
            if (_bestWeights is not null)
            {
                parameters.CopyTo(_bestWeights);
                nonTrainable.CopyTo(_bestWeights.AsSpan(parameters.Length));
            }

            return false;
        }

        // Keras: stop once `patience` epochs in a row failed to improve (patience 0 behaves as 1: stop at the first).
        _epochsWithoutImprovement++;
        return _epochsWithoutImprovement >= Math.Max(1, _rule.Patience);
    }

    public void RestoreIfRequested(Span<float> parameters, Span<float> nonTrainable = default)
    {
        if (_bestWeights is not null && BestEpoch is not null)
        {
            _bestWeights.AsSpan(0, parameters.Length).CopyTo(parameters);
            _bestWeights.AsSpan(parameters.Length, nonTrainable.Length).CopyTo(nonTrainable);
        }
    }
}
