using System.Collections.Immutable;
using Dendrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Runs the Dendrite generator in-process on source strings, the way the compiler does, and compiles what it
/// wrote together with the input. Every test that drives the generator goes through here (the options say what
/// differs: C# version, AdditionalFiles, step tracking), so they all see the same references and strictness as a
/// real project: nullable enabled, doc comments checked, every warning counted.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithWarningLevel(9999)
        .WithDeterministic(true)
        // CS1591 (missing XML comment) is about the test inputs, which are not documented; generated public members are.
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress });

    // Reading ~170 reference assemblies is the slowest part of a driver test: do it once per test run.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>Source file <paramref name="index"/> of a test project: Network0.cs, Network1.cs, ...</summary>
    public static SyntaxTree Parse(string source, int index, GeneratorOptions? options = null) =>
        CSharpSyntaxTree.ParseText(source, (options ?? GeneratorOptions.Default).ParseOptions, path: "Network" + index + ".cs");

    /// <summary>A compilation of the given sources, as files Network0.cs, Network1.cs, ... in that order.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(GeneratorOptions.Default, sources);

    /// <inheritdoc cref="CreateCompilation(string[])"/>
    public static CSharpCompilation CreateCompilation(GeneratorOptions options, params string[] sources) =>
        CSharpCompilation.Create(
            options.AssemblyName,
            sources.Select((source, i) => Parse(source, i, options)),
            References.Value.AddRange(options.References),
            CompilationOptions.WithNullableContextOptions(options.Nullable));

    /// <summary>A driver for the generator with the options' AdditionalFiles, parse options and step tracking.</summary>
    public static GeneratorDriver CreateDriver(GeneratorOptions? options = null)
    {
        options ??= GeneratorOptions.Default;
        return CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            options.AdditionalFiles,
            options.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: options.TrackSteps));
    }

    /// <summary>Runs the generator once on <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(GeneratorOptions.Default, sources);

    /// <summary>Runs the generator once on <paramref name="sources"/> in a project set up by <paramref name="options"/>.</summary>
    public static GeneratorRun Run(GeneratorOptions options, params string[] sources)
    {
        CSharpCompilation input = CreateCompilation(options, sources);
        GeneratorDriver driver = CreateDriver(options).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return new GeneratorRun(input, output, driver.GetRunResult());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The runtime does not list TRUSTED_PLATFORM_ASSEMBLIES.");
        IEnumerable<string> platform = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll");
        IEnumerable<string> dendrite = [typeof(NetworkAttribute).Assembly.Location, typeof(INetwork<>).Assembly.Location];
        return platform.Concat(dendrite)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
