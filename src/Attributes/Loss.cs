namespace Dendrite;

/// <summary>The per-sample loss; the cost minimised by training is its average over the batch.</summary>
public enum Loss
{
    /// <summary>Mean over the outputs of (ŷ − y)². Regression.</summary>
    MeanSquaredError = 0,

    /// <summary>
    /// −y·log(ŷ) − (1 − y)·log(1 − ŷ), averaged over the outputs. Binary classification (one sigmoid output)
    /// and multi-label classification (several sigmoid outputs that can all be true).
    /// </summary>
    BinaryCrossentropy = 1,

    /// <summary>−log(ŷ_y) where the target y is an integer class index. Multi-class classification.</summary>
    SparseCategoricalCrossentropy = 2,

    /// <summary>−Σ_j y_j·log(ŷ_j) where the target is a probability vector (usually one-hot). Multi-class classification.</summary>
    CategoricalCrossentropy = 3,
}
