using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;
using static Dendrite.Tests.Generator.AdditionalFiles;
using static Dendrite.Tests.Weights.WeightsTestSource;

namespace Dendrite.Tests.Weights;

/// <summary>Each compiled-in-weights error is a diagnostic with its ID, a location on the Weights string and a precise message.</summary>
public class CompiledWeightsDiagnosticTests
{
    private static byte[] ValidFile() => WeightsFile.Serialize(new WeightsTestNet(seed: 4));

    [Fact]
    public void A_valid_file_compiles_into_Pretrained_with_no_diagnostics()
    {
        GeneratorRun run = Run(Network("net.weights"), WeightsCopy("net.weights", ValidFile()));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems());
        Assert.Contains(run.GeneratedTrees, tree => System.Text.RegularExpressions.Regex.IsMatch(tree.FilePath, @"Sample\.Net\.[0-9a-f]{8}\.Pretrained\.g\.cs$"));
    }

    [Fact]
    public void DN0020_the_named_file_is_not_an_AdditionalFiles_item()
    {
        GeneratorRun run = Run(Network("missing.weights"), WeightsCopy("other.weights", ValidFile()));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0020", diagnostic.Id);
        Assert.Equal("Network0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // the Weights string in [Network]
        Assert.Equal("\"missing.weights\"", Network("missing.weights").Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(
            "Network 'Net' names the weights file 'missing.weights', but no AdditionalFiles item has that name: expected <AdditionalFiles Include=\"missing.weights\" /> in the project file, found none",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0021_the_file_was_saved_from_another_architecture()
    {
        byte[] other = WeightsFile.Serialize(new OtherArchitectureNet(seed: 1));

        GeneratorRun run = Run(Network("net.weights"), WeightsCopy("net.weights", other));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0021", diagnostic.Id);
        Assert.Equal(
            "The weights file 'net.weights' does not fit network 'Net': it was saved from another architecture: expected Input(3) → Dense(4, ReLU) → Dense(2, Linear), found Input(3) → Dense(5, ReLU) → Dense(2, Linear)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(60, "checksum does not match")]
    [InlineData(0, "not a Dendrite weights file")]
    public void DN0022_corrupt_data_is_refused(int flippedByte, string reason)
    {
        byte[] file = ValidFile();
        file[flippedByte] ^= 0x01;

        GeneratorRun run = Run(Network("net.weights"), WeightsCopy("net.weights", file));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0022", diagnostic.Id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("The weights file 'net.weights' named by network 'Net' cannot be compiled in: ", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void DN0022_a_truncated_file_is_refused()
    {
        byte[] file = ValidFile()[..40];

        GeneratorRun run = Run(Network("net.weights"), WeightsCopy("net.weights", file));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0022", diagnostic.Id);
        Assert.Contains("truncated", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void DN0023_two_AdditionalFiles_items_match_the_name()
    {
        AdditionalText first = InMemory("/a/net.weights", "x");
        AdditionalText second = InMemory("/b/net.weights", "y");

        GeneratorRun run = Run(Network("net.weights"), first, second);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0023", diagnostic.Id);
        Assert.Contains("found '/a/net.weights', '/b/net.weights'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static GeneratorRun Run(string source, params AdditionalText[] files) =>
        GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(files), source);
}
