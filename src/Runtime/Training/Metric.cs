namespace Dendrite;

/// <summary>A per-epoch quantity that early stopping can monitor.</summary>
public enum Metric
{
    /// <summary>Training loss (lower is better).</summary>
    Loss,

    /// <summary>Training accuracy (higher is better).</summary>
    Accuracy,

    /// <summary>Validation loss (lower is better). Needs validation data.</summary>
    ValidationLoss,

    /// <summary>Validation accuracy (higher is better). Needs validation data.</summary>
    ValidationAccuracy,
}
