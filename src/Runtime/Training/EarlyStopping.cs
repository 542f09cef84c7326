namespace Dendrite;

/// <summary>Stops training when <see cref="Monitor"/> has not improved for <see cref="Patience"/> epochs (Keras' <c>EarlyStopping</c>).</summary>
public sealed class EarlyStopping
{
    /// <summary>The metric watched. Default: validation loss.</summary>
    public Metric Monitor { get; init; } = Metric.ValidationLoss;

    /// <summary>
    /// Epochs in a row without improvement after which training stops, as Keras counts them: with patience 3,
    /// training stops at the end of the third epoch that does not improve. Default 0, which, as in Keras, behaves
    /// like 1: stop at the first epoch that does not improve.
    /// </summary>
    public int Patience { get; init; }

    /// <summary>The smallest change that counts as an improvement. Default 0.</summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// When training ends (stopped early, completed, or stopped on a non-finite loss), put back the weights of the
    /// best epoch, as Keras 3 does. Default false, as Keras.
    /// </summary>
    public bool RestoreBestWeights { get; init; }
}
