namespace Dendrite;

/// <summary>How a network's training targets are given.</summary>
public enum TargetKind
{
    /// <summary>One integer class index per sample (sparse categorical cross-entropy).</summary>
    ClassLabels,

    /// <summary><c>OutputSize</c> floats per sample (every other loss).</summary>
    Values,
}
