namespace Dendrite.Generator.Diagnostics;

/// <summary>
/// Keys of the properties a diagnostic carries for the code fixes. One file, compiled into the generator and into
/// src/CodeFixes, so the reporter and the fix cannot disagree on a name.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>DN0007: the output activation that makes the loss read probabilities ("Softmax" or "Sigmoid").</summary>
    public const string ProbabilityActivation = "Dendrite.ProbabilityActivation";

    /// <summary>DN0020: the Weights value that names an existing AdditionalFiles item (the did-you-mean).</summary>
    public const string SuggestedWeightsName = "Dendrite.SuggestedWeightsName";
}
