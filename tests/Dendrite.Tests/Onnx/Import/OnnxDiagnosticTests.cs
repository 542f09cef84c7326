using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Onnx.Import;

/// <summary>
/// Every way an ONNX import can fail is one DN error (no cascade), on the Onnx argument's value (or on the attribute
/// that does not belong), naming what was expected and what was found; the class still gets its throwing stand-in
/// members, so the rest of the project compiles.
/// </summary>
public class OnnxDiagnosticTests
{
    [Theory]
    [InlineData("hostile-unsupported-op.onnx", "DN0084", "'/1/HardSwish'", "HardSwish")]
    [InlineData("hostile-dynamic-dim.onnx", "DN0086", "'height'", "input 'input'")]
    [InlineData("hostile-external-data.onnx", "DN0087", "external data", "hostile-external-data.onnx")]
    [InlineData("hostile-opset9.onnx", "DN0083", "expected opset 13 or later", "found opset 9")]
    [InlineData("hostile-truncated.onnx", "DN0081", "truncated", "hostile-truncated.onnx")]
    [InlineData("hostile-not-onnx.onnx", "DN0081", "expected an ONNX model", "hostile-not-onnx.onnx")]
    public void Hostile_fixture_is_one_error_on_the_Onnx_argument(string file, string id, string mention, string mention2)
    {
        Diagnostic diagnostic = SingleError(OnnxImportHarness.Run(file, OnnxImportHarness.Fixture(file), OnnxImportHarness.Source(file, "MeanSquaredError", false)), id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(mention, message, StringComparison.Ordinal);
        Assert.Contains(mention2, message, StringComparison.Ordinal);
        Assert.Equal("\"" + file + "\"", LocatedText(diagnostic));
    }

    [Fact]
    public void Unsupported_operator_lists_the_supported_ones()
    {
        const string file = "hostile-unsupported-op.onnx";
        Diagnostic diagnostic = SingleError(OnnxImportHarness.Run(file, OnnxImportHarness.Fixture(file), OnnxImportHarness.Source(file, "MeanSquaredError", false)), "DN0084");
        Assert.Contains("expected one of Gemm, MatMul (+ Add), Conv", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void File_missing_from_AdditionalFiles_is_DN0080()
    {
        GeneratorRun run = GeneratorHarness.Run(OnnxImportHarness.Source("model.onnx", "MeanSquaredError", false));
        Diagnostic diagnostic = SingleError(run, "DN0080");
        Assert.Contains("<AdditionalFiles Include=\"model.onnx\" />), found none", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("\"model.onnx\"", LocatedText(diagnostic));
    }

    [Fact]
    public void File_over_the_cap_is_DN0082_without_being_decoded()
    {
        string base64 = new('A', ((16 * 1024 * 1024) / 3 * 4) + 400);
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorOptions.WithAdditionalFiles(AdditionalFiles.InMemory("/p/obj/dendrite-weights/big.onnx.base64", base64)),
            OnnxImportHarness.Source("big.onnx", "MeanSquaredError", false));
        Diagnostic diagnostic = SingleError(run, "DN0082");
        Assert.Contains("expected at most 16,777,216 bytes", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_attributes_beside_Onnx_are_DN0088_on_the_first_of_them()
    {
        string source = OnnxImportHarness.Source("op-relu.onnx", "MeanSquaredError", false)
            .Replace("public partial class Imported;", "[Input(12)]\n[Dense(4)]\npublic partial class Imported;", StringComparison.Ordinal);
        GeneratorRun run = OnnxImportHarness.Run("op-relu.onnx", OnnxImportHarness.Fixture("op-relu.onnx"), source);
        Diagnostic diagnostic = SingleError(run, "DN0088");
        Assert.Equal("Input(12)", LocatedText(diagnostic));
        Assert.Contains("found [Input(12)] and 1 more layer attribute as well", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_beside_Onnx_is_DN0088_on_Weights()
    {
        string source = OnnxImportHarness.Source("op-relu.onnx", "MeanSquaredError", false)
            .Replace("Onnx = \"op-relu.onnx\"", "Onnx = \"op-relu.onnx\", Weights = \"x.weights\"", StringComparison.Ordinal);
        Diagnostic diagnostic = SingleError(OnnxImportHarness.Run("op-relu.onnx", OnnxImportHarness.Fixture("op-relu.onnx"), source), "DN0088");
        Assert.Equal("Weights = \"x.weights\"", LocatedText(diagnostic));
    }

    [Fact]
    public void Blank_Onnx_name_is_DN0089()
    {
        Diagnostic diagnostic = SingleError(GeneratorHarness.Run(OnnxImportHarness.Source(" ", "MeanSquaredError", false)), "DN0089");
        Assert.Equal("\" \"", LocatedText(diagnostic));
    }

    [Fact]
    public void Imported_graph_goes_through_the_declared_networks_validation()
    {
        // op-softmax ends in Softmax: with FromLogits = true the softmax would be applied twice (DN0006), as declared.
        Diagnostic diagnostic = SingleError(
            OnnxImportHarness.Run("op-softmax.onnx", OnnxImportHarness.Fixture("op-softmax.onnx"), OnnxImportHarness.Source("op-softmax.onnx", "SparseCategoricalCrossentropy", true)),
            "DN0006");
        Assert.Equal("\"op-softmax.onnx\"", LocatedText(diagnostic));
    }

    [Fact]
    public void Softmax_output_with_probabilities_loss_imports()
    {
        GeneratorRun run = OnnxImportHarness.Run("op-softmax.onnx", OnnxImportHarness.Fixture("op-softmax.onnx"), OnnxImportHarness.Source("op-softmax.onnx", "SparseCategoricalCrossentropy", false));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.Empty(run.CompilationProblems());
    }

    private static Diagnostic SingleError(GeneratorRun run, string id)
    {
        Assert.Empty(run.Exceptions);
        _trees = run.Input.SyntaxTrees;
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);

        // The stand-in members keep the probe (which calls Pretrained, Predict, PredictBatch) compiling: no cascade.
        Assert.Empty(run.CompilationProblems());
        return diagnostic;
    }

    // Diagnostics travel as data (LocationInfo), so their Location names the file rather than holding its tree.
    private static string LocatedText(Diagnostic diagnostic)
    {
        string path = diagnostic.Location.GetLineSpan().Path;
        SyntaxTree tree = Assert.Single(Trees, t => t.FilePath == path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    [ThreadStatic]
    private static IEnumerable<SyntaxTree>? _trees;

    private static IEnumerable<SyntaxTree> Trees => _trees!;
}
