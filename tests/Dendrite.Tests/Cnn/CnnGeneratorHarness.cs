using System.Collections.Immutable;
using Dendrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dendrite.Tests.Cnn;

/// <summary>Runs the Dendrite generator on one source text and returns its diagnostics and generated files.</summary>
internal static class CnnGeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static (ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<SyntaxTree> Generated, Compilation Output) Run(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "CnnDiagnostics",
            [CSharpSyntaxTree.ParseText(source, parseOptions, path: "Network.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        return (diagnostics, result.GeneratedTrees, output);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return platform.Split(Path.PathSeparator)
            .Concat([typeof(NetworkAttribute).Assembly.Location, typeof(INetwork<>).Assembly.Location])
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
