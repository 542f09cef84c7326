using System.Collections.Immutable;
using System.Text;
using Dendrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Dendrite.Tests.Weights;

/// <summary>Runs the generator on source plus in-memory AdditionalFiles, as the compiler does after Dendrite.targets.</summary>
internal static class WeightsGeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(string source) => CSharpCompilation.Create(
        "WeightsGeneratorTest",
        [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Network.cs")],
        References(),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(params AdditionalText[] files) => CSharpGeneratorDriver.Create(
        [new NetworkGenerator().AsSourceGenerator()],
        files,
        ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its diagnostics and the compiler's errors on the generated output.</summary>
    public static (ImmutableArray<Diagnostic> Generator, ImmutableArray<Diagnostic> Compiler, GeneratorDriverRunResult Run) Run(string source, params AdditionalText[] files)
    {
        GeneratorDriver driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(Compile(source), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return (diagnostics, errors, driver.GetRunResult());
    }

    /// <summary>A weights file as the build passes it: the Base64 copy made by Dendrite.targets.</summary>
    public static AdditionalText Base64Copy(string fileName, byte[] bytes) =>
        new InMemoryText("/project/obj/Release/net10.0/dendrite-weights/" + fileName + ".base64", SourceText.From(Convert.ToBase64String(bytes), Encoding.UTF8));

    public static string Network(string weights, int hidden = 4) => $$"""
        using Dendrite;
        namespace Sample;
        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "{{weights}}")]
        [Input(3)]
        [Dense({{hidden}}, Activation.ReLU)]
        [Dense(2, Activation.Linear)]
        public partial class Net;
        """;

    private static IEnumerable<MetadataReference> References()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        foreach (string path in trusted.Split(Path.PathSeparator))
        {
            yield return MetadataReference.CreateFromFile(path);
        }

        yield return MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location);
        yield return MetadataReference.CreateFromFile(typeof(WeightsFile).Assembly.Location);
    }

    public sealed class InMemoryText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
