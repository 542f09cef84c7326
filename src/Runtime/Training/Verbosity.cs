namespace Dendrite;

/// <summary>What <c>Fit</c> writes to the console (Keras' <c>verbose</c>).</summary>
public enum Verbosity
{
    /// <summary>Nothing.</summary>
    Silent = 0,

    /// <summary>A progress bar within each epoch (when the console is interactive) and one summary line per epoch.</summary>
    ProgressBar = 1,

    /// <summary>One summary line per epoch.</summary>
    EpochLines = 2,
}
