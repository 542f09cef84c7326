using System.Collections.Immutable;
using Dendrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Runs the Dendrite generator in-process on source strings, the way the compiler does, and compiles what it
/// wrote together with the input. Every driver test goes through here so they all see the same references,
/// language version and strictness as a real project (nullable enabled, every warning counted).
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>Latest C# with doc comments parsed and checked, so malformed XML docs in generated code show up.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithWarningLevel(9999)
        .WithDeterministic(true)
        // CS1591 (missing XML comment) is about the test inputs, which are not documented; generated public members are.
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress });

    // Reading ~170 reference assemblies is the slowest part of a driver test: do it once per test run.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>A compilation of the given sources, as files Network0.cs, Network1.cs, ... in that order.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "DendriteGeneratorTest",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Network" + i + ".cs")),
            References.Value,
            CompilationOptions);

    /// <summary>A driver for the generator that records every pipeline step, for caching assertions.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once on <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources)
    {
        CSharpCompilation input = CreateCompilation(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return new GeneratorRun(input, output, driver.GetRunResult());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The runtime does not list TRUSTED_PLATFORM_ASSEMBLIES.");
        IEnumerable<string> platform = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll");
        IEnumerable<string> dendrite = new[] { typeof(NetworkAttribute).Assembly.Location, typeof(INetwork<>).Assembly.Location };
        return platform.Concat(dendrite)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>One generator run: the input compilation, the compilation with the generated files added, and the driver's report.</summary>
internal sealed record GeneratorRun(CSharpCompilation Input, Compilation Output, GeneratorDriverRunResult Result)
{
    /// <summary>The generator's own diagnostics (DN....), in the order reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>The networks' readable files: every generated file but the kernels files (one per network beside its readable one).</summary>
    public IReadOnlyList<GeneratedSourceResult> NetworkSources => Sources.Where(s => !IsKernels(s)).ToList();

    /// <summary>Every generated file, by hint name.</summary>
    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

    /// <summary>The single generated file's text; fails when the run did not write exactly one.</summary>
    public string SingleSource()
    {
        IReadOnlyList<GeneratedSourceResult> sources = Sources;
        Xunit.Assert.True(sources.Count == 1, "Expected exactly 1 generated file but found " + sources.Count + ". Generator diagnostics:\n" + Describe(GeneratorDiagnostics));
        return sources[0].SourceText.ToString();
    }

    /// <summary>
    /// A valid network's readable file (&lt;hint&gt;.g.cs, without its kernels file or compiled-in weights); fails when
    /// the run did not write exactly one.
    /// </summary>
    public string NetworkSource() => OnlySource(s => !IsKernels(s) && !s.HintName.EndsWith(".Pretrained.g.cs", StringComparison.Ordinal), "network");

    /// <summary>A valid network's kernels file (&lt;hint&gt;.Kernels.g.cs); fails when the run did not write exactly one.</summary>
    public string KernelsSource() => OnlySource(IsKernels, "kernels");

    /// <summary>Every generated file's text in hint-name order, joined: what a run generated, for comparing two runs.</summary>
    public string AllSources() => string.Concat(Sources.Select(s => "// " + s.HintName + "\n" + s.SourceText));

    private static bool IsKernels(GeneratedSourceResult source) => source.HintName.EndsWith(".Kernels.g.cs", StringComparison.Ordinal);

    private string OnlySource(Func<GeneratedSourceResult, bool> which, string what)
    {
        List<GeneratedSourceResult> sources = Sources.Where(which).ToList();
        Xunit.Assert.True(sources.Count == 1, "Expected exactly 1 " + what + " file but found " + sources.Count + ". Generator diagnostics:\n" + Describe(GeneratorDiagnostics));
        return sources[0].SourceText.ToString();
    }

    /// <summary>Exceptions the generator threw (the compiler turns each into warning CS8785 and drops all output).</summary>
    public IReadOnlyList<Exception> Exceptions => Result.Results.Select(r => r.Exception).OfType<Exception>().ToList();

    /// <summary>Warnings and errors of the input plus generated code, as a project with warnings as errors would see them.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>
    /// A declaration with errors generates no network code, only the throwing stand-ins for its public members
    /// (SurfaceStubTests), and those compile cleanly: the user sees the DN diagnostic, not a cascade of errors.
    /// </summary>
    public void AssertOnlyStubsGenerated()
    {
        Xunit.Assert.All(Sources, source => Xunit.Assert.Contains(Dendrite.Generator.Emitting.SurfaceStubEmitter.HeaderMarker, source.SourceText.ToString(), StringComparison.Ordinal));
        IEnumerable<Diagnostic> inGenerated = Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && !Input.SyntaxTrees.Contains(tree));
        Xunit.Assert.True(!inGenerated.Any(), "Problems in generated code:\n" + Describe(inGenerated));
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => "  " + d));
}
