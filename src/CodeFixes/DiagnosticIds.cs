namespace Dendrite.CodeFixes;

/// <summary>The generator's diagnostic IDs that have a code fix (src/Generator/Diagnostics/DiagnosticDescriptors.cs).</summary>
internal static class DiagnosticIds
{
    public const string NotPartial = "DN0001";
    public const string NonPositiveSize = "DN0004";
    public const string ActivationAppliedTwice = "DN0006";
    public const string LinearOutputWithoutLogits = "DN0007";
    public const string LayerBeforeInput = "DN0015";
    public const string WeightsFileNotFound = "DN0020";
    public const string DenseAfterSpatialWithoutFlatten = "DN0031";
}
