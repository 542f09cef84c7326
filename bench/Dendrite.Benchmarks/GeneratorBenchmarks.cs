using System.Text;
using BenchmarkDotNet.Attributes;
using Dendrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dendrite.Benchmarks;

/// <summary>
/// What the generator costs at build time: a full (uncached) run of the Dendrite generator on one network of
/// 3, 10 or 30 Dense layers, or one 4096-wide layer, from parsing the attributes to emitting the source.
/// </summary>
public class GeneratorBenchmarks
{
    private CSharpCompilation? _compilation;
    private CSharpParseOptions? _parseOptions;

    [Params("3 layers", "10 layers", "30 layers", "Dense(4096)")]
    public string Network { get; set; } = "3 layers";

    [GlobalSetup]
    public void Setup()
    {
        (_compilation, _parseOptions) = Compile(Source(Network));
    }

    [Benchmark]
    public int RunGenerator()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: _parseOptions);
        GeneratorDriverRunResult result = driver.RunGenerators(_compilation!).GetRunResult();
        return result.GeneratedTrees.Length;
    }

    /// <summary>The declaration of the named test network.</summary>
    public static string Source(string network)
    {
        var text = new StringBuilder("using Dendrite;\nnamespace Bench;\n[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]\n[Input(784)]\n");
        if (network == "Dense(4096)")
        {
            text.Append("[Dense(4096, Activation.ReLU)]\n[Dense(10, Activation.Linear)]\n");
        }
        else
        {
            int layers = int.Parse(network.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            for (int l = 1; l < layers; l++)
            {
                text.Append("[Dense(").Append(64 + (l % 3)).Append(", Activation.ReLU)]\n");
            }

            text.Append("[Dense(10, Activation.Linear)]\n");
        }

        return text.Append("public partial class Generated;\n").ToString();
    }

    /// <summary>The generated source's length for <paramref name="network"/> (printed by `-- sizes`).</summary>
    public static (int Characters, int Lines) GeneratedSize(string network)
    {
        (CSharpCompilation compilation, CSharpParseOptions options) = Compile(Source(network));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: options);
        string generated = string.Concat(driver.RunGenerators(compilation).GetRunResult().GeneratedTrees.Select(t => t.ToString()));
        return (generated.Length, generated.Count(c => c == '\n'));
    }

    private static (CSharpCompilation, CSharpParseOptions) Compile(string source)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Bench", [CSharpSyntaxTree.ParseText(source, options)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return (compilation, options);
    }
}
