using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dendrite.Tests.Generator;

/// <summary>
/// How <see cref="GeneratorHarness"/> builds the project it runs the generator on. The defaults are a project as
/// users build it: the latest C#, nullable enabled, doc comments checked, and no AdditionalFiles.
/// </summary>
internal sealed record GeneratorOptions
{
    public static GeneratorOptions Default { get; } = new();

    /// <summary>
    /// The project's C# version; the generated files are parsed at it too (GeneratedNameTests runs every version).
    /// Below C# 8 nullable annotations are disabled, because there the option itself is an error.
    /// </summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    /// <summary>
    /// AdditionalFiles items the compiler passes to the generator, such as the Base64 copies of weights files that
    /// Dendrite.targets makes (<see cref="AdditionalFiles.WeightsCopy"/>).
    /// </summary>
    public ImmutableArray<AdditionalText> AdditionalFiles { get; init; } = [];

    /// <summary>The project's assembly name, which names its shared kernels class (SharedKernelsTests).</summary>
    public string AssemblyName { get; init; } = "DendriteGeneratorTest";

    /// <summary>More references than the platform and Dendrite's, such as another project's compilation.</summary>
    public ImmutableArray<MetadataReference> References { get; init; } = [];

    /// <summary>Records every pipeline step for caching assertions (IncrementalCachingTests); off only saves time.</summary>
    public bool TrackSteps { get; init; } = true;

    /// <summary>Options with <paramref name="files"/> as the AdditionalFiles items.</summary>
    public static GeneratorOptions WithAdditionalFiles(params AdditionalText[] files) => new() { AdditionalFiles = [.. files] };

    /// <summary>Doc comments parsed and checked, so malformed XML docs in generated code show up.</summary>
    public CSharpParseOptions ParseOptions => new(LanguageVersion, DocumentationMode.Diagnose);

    public NullableContextOptions Nullable =>
        LanguageVersion >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable;
}
