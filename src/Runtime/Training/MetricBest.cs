namespace Dendrite;

/// <summary>
/// The best value of a monitored metric so far, for early stopping, checkpoints and plateau detection: losses improve
/// by falling and accuracies by rising (Keras' mode "auto"), by more than a minimum change. A NaN never improves.
/// A new one starts from the worst possible value.
/// </summary>
internal struct MetricBest
{
    private readonly bool _lowerIsBetter;
    private readonly double _minDelta;

    public MetricBest(Metric monitor, double minDelta = 0)
    {
        _lowerIsBetter = monitor is Metric.Loss or Metric.ValidationLoss;
        _minDelta = minDelta;
        Value = _lowerIsBetter ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>The best value seen, or ±∞ before the first improvement.</summary>
    public double Value { get; private set; }

    /// <summary>Whether <paramref name="value"/> beats the best by more than the minimum change; if so it becomes the best.</summary>
    public bool TryImprove(double value)
    {
        bool improved = _lowerIsBetter ? value < Value - _minDelta : value > Value + _minDelta;
        if (improved)
        {
            Value = value;
        }

        return improved;
    }
}
