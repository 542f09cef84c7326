namespace Dendrite;

/// <summary>Stops training when <see cref="Monitor"/> has not improved for <see cref="Patience"/> epochs (Keras' <c>EarlyStopping</c>).</summary>
public sealed class EarlyStopping
{
    /// <summary>The metric watched. Default: validation loss.</summary>
    public Metric Monitor { get; init; } = Metric.ValidationLoss;

    /// <summary>Epochs without improvement to tolerate before stopping. Default 0: stop at the first epoch that does not improve.</summary>
    public int Patience { get; init; }

    /// <summary>The smallest change that counts as an improvement. Default 0.</summary>
    public double MinDelta { get; init; }

    /// <summary>When stopping, put back the weights of the best epoch. Default false, as Keras.</summary>
    public bool RestoreBestWeights { get; init; }
}
