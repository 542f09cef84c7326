using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Dendrite.Tests.Generator;

/// <summary>One generator run: the input compilation, the compilation with the generated files added, and the driver's report.</summary>
internal sealed record GeneratorRun(Microsoft.CodeAnalysis.CSharp.CSharpCompilation Input, Compilation Output, GeneratorDriverRunResult Result)
{
    /// <summary>The generator's own diagnostics (DN....), in the order reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>The networks' readable files: every generated file but the plumbing files (one per network beside its readable one) and the shared kernels file.</summary>
    public IReadOnlyList<GeneratedSourceResult> NetworkSources => Sources.Where(s => !IsPlumbing(s) && !IsKernels(s)).ToList();

    /// <summary>Every generated file, by hint name.</summary>
    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

    /// <summary>The syntax trees the generator added to <see cref="Output"/>, in the order it added them.</summary>
    public IReadOnlyList<SyntaxTree> GeneratedTrees => Output.SyntaxTrees.Where(t => !Input.SyntaxTrees.Contains(t)).ToList();

    /// <summary>The single generated file's text; fails when the run did not write exactly one.</summary>
    public string SingleSource()
    {
        IReadOnlyList<GeneratedSourceResult> sources = Sources;
        Xunit.Assert.True(sources.Count == 1, "Expected exactly 1 generated file but found " + sources.Count + ". Generator diagnostics:\n" + Describe(GeneratorDiagnostics));
        return sources[0].SourceText.ToString();
    }

    /// <summary>
    /// A valid network's readable file (&lt;hint&gt;.g.cs, without its plumbing file, the shared kernels or compiled-in
    /// weights); fails when the run did not write exactly one.
    /// </summary>
    public string NetworkSource() => OnlySource(s => !IsPlumbing(s) && !IsKernels(s) && !s.HintName.EndsWith(".Pretrained.g.cs", StringComparison.Ordinal), "network");

    /// <summary>A valid network's plumbing file (&lt;hint&gt;.Plumbing.g.cs); fails when the run did not write exactly one.</summary>
    public string PlumbingSource() => OnlySource(IsPlumbing, "plumbing");

    /// <summary>The project's shared kernels file (Dendrite.Generated.Kernels.g.cs); fails when the run did not write exactly one.</summary>
    public string KernelsSource() => OnlySource(IsKernels, "kernels");

    /// <summary>Every generated file's text in hint-name order, joined: what a run generated, for comparing two runs.</summary>
    public string AllSources() => string.Concat(Sources.Select(s => "// " + s.HintName + "\n" + s.SourceText));

    public static bool IsPlumbing(GeneratedSourceResult source) => source.HintName.EndsWith(Dendrite.Generator.Emitting.PlumbingFileEmitter.HintSuffix, StringComparison.Ordinal);

    public static bool IsKernels(GeneratedSourceResult source) => source.HintName == Dendrite.Generator.Emitting.SharedKernelsEmitter.HintName;

    private string OnlySource(Func<GeneratedSourceResult, bool> which, string what)
    {
        List<GeneratedSourceResult> sources = Sources.Where(which).ToList();
        Xunit.Assert.True(sources.Count == 1, "Expected exactly 1 " + what + " file but found " + sources.Count + ". Generator diagnostics:\n" + Describe(GeneratorDiagnostics));
        return sources[0].SourceText.ToString();
    }

    /// <summary>The one generated file whose hint name ends with <paramref name="suffix"/>, such as ".Pretrained.g.cs".</summary>
    public string SourceEndingWith(string suffix) =>
        Xunit.Assert.Single(Sources, s => s.HintName.EndsWith(suffix, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Exceptions the generator threw (the compiler turns each into warning CS8785 and drops all output).</summary>
    public IReadOnlyList<Exception> Exceptions => Result.Results.Select(r => r.Exception).OfType<Exception>().ToList();

    /// <summary>Warnings and errors of the input plus generated code, as a project with warnings as errors would see them.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>The output emitted and loaded, to run what the generator wrote; fails the test when it does not emit.</summary>
    public InMemoryAssembly Load() => InMemoryAssembly.Load(Output);

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
