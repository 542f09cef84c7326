namespace Dendrite;

/// <summary>Why <c>Fit</c> returned.</summary>
public enum StopReason
{
    /// <summary>All requested epochs ran.</summary>
    Completed,

    /// <summary>Early stopping: the monitored metric stopped improving.</summary>
    EarlyStopping,

    /// <summary>
    /// A loss or gradient was NaN or infinite, or an update would have made a parameter NaN or infinite (the step
    /// diverged); the weights are the last good ones (FitSemanticsTests, DivergentUpdateTests).
    /// </summary>
    NonFiniteLoss,

    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,
}
