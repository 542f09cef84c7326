using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Stops training when <see cref="Monitor"/> has not improved for <see cref="Patience"/> epochs (Keras' <c>EarlyStopping</c>).
/// Every value is checked where it is set (HyperParameterValidationTests).
/// </summary>
public sealed class EarlyStopping
{
    private readonly Metric _monitor = Metric.ValidationLoss;
    private readonly int _patience;
    private readonly double _minDelta;

    /// <summary>The metric watched, one of the named <see cref="Metric"/> values. Default: validation loss.</summary>
    public Metric Monitor
    {
        get => _monitor;
        init => _monitor = Guard.Defined(value, nameof(Monitor));
    }

    /// <summary>
    /// Epochs in a row without improvement after which training stops, in [0, ∞), as Keras counts them: with
    /// patience 3, training stops at the end of the third epoch that does not improve. Default 0, which, as in Keras,
    /// behaves like 1: stop at the first epoch that does not improve.
    /// </summary>
    public int Patience
    {
        get => _patience;
        init => _patience = Guard.AtLeast(value, 0, nameof(Patience));
    }

    /// <summary>The smallest change that counts as an improvement, finite and in [0, ∞). Default 0.</summary>
    public double MinDelta
    {
        get => _minDelta;
        init => _minDelta = Guard.NonNegativeFinite(value, nameof(MinDelta));
    }

    /// <summary>
    /// When training ends (stopped early, completed, or stopped on a non-finite loss), put back the weights of the
    /// best epoch, as Keras 3 does. Default false, as Keras.
    /// </summary>
    public bool RestoreBestWeights { get; init; }
}
