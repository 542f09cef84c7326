namespace Dendrite;

/// <summary>Which accuracy a network reports, chosen from its loss (as Keras' <c>metrics=["accuracy"]</c> does).</summary>
public enum AccuracyKind
{
    /// <summary>No accuracy: a regression (mean squared error).</summary>
    None,

    /// <summary>Fraction of samples whose arg-max output equals the integer label.</summary>
    SparseCategorical,

    /// <summary>Fraction of samples whose arg-max output equals the arg-max of the target vector.</summary>
    Categorical,

    /// <summary>
    /// Fraction of individual outputs on the right side of the decision threshold (probability 0.5, or logit 0).
    /// For one output, the fraction of samples classified correctly; for a multi-label network, the fraction
    /// of labels predicted correctly.
    /// </summary>
    Binary,
}
