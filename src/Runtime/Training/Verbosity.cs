namespace Dendrite;

/// <summary>What <c>Fit</c> writes to the console (Keras' <c>verbose</c>).</summary>
public enum Verbosity
{
    /// <summary>Nothing.</summary>
    Silent = 0,

    /// <summary>
    /// The default (Keras' <c>verbose="auto"</c>): on an interactive terminal, a progress bar redrawn within each epoch
    /// and one summary line per epoch; when the output is redirected, the summary lines alone, as <see cref="EpochLines"/>.
    /// </summary>
    ProgressBar = 1,

    /// <summary>One summary line per epoch, even on an interactive terminal.</summary>
    EpochLines = 2,
}
