using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>
/// Misuse of AveragePooling2D and GlobalAveragePooling2D gets the image-layer diagnostics MaxPool2D already has
/// (DN0004, DN0030–DN0033): ID, location on the offending attribute or argument, and message; and a Dense straight
/// after GlobalAveragePooling2D is accepted.
/// </summary>
public sealed class AveragePoolDiagnosticsTests
{
    private string _source = string.Empty;

    private static string Message(Diagnostic d) => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private Diagnostic Single(string layers, string input = "[Input(7, 5, 2)]", string network = "[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]")
    {
        string source = "using Dendrite;\n" + network + "\n" + input + "\n" + layers + "\npublic partial class Net;\n";
        _source = source;
        GeneratorRun run = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id.StartsWith("DN", StringComparison.Ordinal));
        run.AssertOnlyStubsGenerated();
        return diagnostic;
    }

    private void AssertAt(Diagnostic diagnostic, string text) =>
        Assert.Equal(text, _source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));

    [Fact]
    public void Dense_directly_after_global_average_pooling_needs_no_Flatten()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Dendrite;\n[Network]\n[Input(7, 5, 2)]\n[Conv2D(4, kernel: 3)]\n[GlobalAveragePooling2D]\n[Dense(1)]\npublic partial class Net;\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems());
    }

    [Fact]
    public void DN0030_average_pool_larger_than_its_valid_input()
    {
        Diagnostic d = Single("[AveragePooling2D(6)]\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0030", d.Id);
        AssertAt(d, "AveragePooling2D(6)");
        Assert.Equal(
            "Layer 1, AveragePooling2D(6) has a 6×6 window but its input is 7×5×2: with Padding.Valid the output would be empty (zero-sized); expected a window no larger than 5×5 or Padding.Same, found 6×6",
            Message(d));
    }

    [Fact]
    public void A_pool_larger_than_its_input_is_fine_with_same_padding()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Dendrite;\n[Network]\n[Input(3, 3, 1)]\n[AveragePooling2D(5, Padding = Padding.Same)]\n[Flatten]\n[Dense(1)]\npublic partial class Net;\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems());
    }

    [Fact]
    public void DN0031_dense_directly_after_average_pooling()
    {
        Diagnostic d = Single("[AveragePooling2D(2)]\n[Dense(3)]");
        Assert.Equal("DN0031", d.Id);
        AssertAt(d, "Dense(3)");
        Assert.StartsWith("Layer 2, Dense(3, Linear) follows layer 1, AveragePooling2D(2), which produces a 3×2×2 image: expected [Flatten] (or [GlobalAveragePooling2D])", Message(d), StringComparison.Ordinal);
    }

    [Fact]
    public void DN0032_average_pooling_after_a_flat_input()
    {
        Diagnostic d = Single("[AveragePooling2D(2)]\n[Flatten]\n[Dense(3)]", input: "[Input(784)]");
        Assert.Equal("DN0032", d.Id);
        AssertAt(d, "AveragePooling2D(2)");
        Assert.Equal(
            "Layer 1, AveragePooling2D(2) reads an image: expected its input to be height × width × channels ([Input(height, width, channels)] or a Conv2D or window pooling layer), found [Input(784)] with 784 flat values",
            Message(d));
    }

    [Fact]
    public void DN0032_global_average_pooling_after_a_flat_layer()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3)]\n[Flatten]\n[GlobalAveragePooling2D]\n[Dense(3)]");
        Assert.Equal("DN0032", d.Id);
        AssertAt(d, "GlobalAveragePooling2D");
        Assert.Equal(
            "Layer 3, GlobalAveragePooling2D reads an image: expected its input to be height × width × channels ([Input(height, width, channels)] or a Conv2D or window pooling layer), found layer 2, Flatten with 60 flat values",
            Message(d));
    }

    [Fact]
    public void DN0032_an_image_layer_after_global_average_pooling()
    {
        // Its output is a vector of channels, not an image.
        Diagnostic d = Single("[GlobalAveragePooling2D]\n[Conv2D(4, kernel: 1)]\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0032", d.Id);
        AssertAt(d, "Conv2D(4, kernel: 1)");
        Assert.EndsWith("found layer 1, GlobalAveragePooling2D with 2 flat values", Message(d), StringComparison.Ordinal);
    }

    [Fact]
    public void DN0033_global_average_pooling_as_the_output()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3)]\n[GlobalAveragePooling2D]", network: "[Network(Loss = Loss.MeanSquaredError)]");
        Assert.Equal("DN0033", d.Id);
        AssertAt(d, "GlobalAveragePooling2D");
    }

    [Theory]
    [InlineData("[AveragePooling2D(0)]", "0", "the pool size", "0")]
    [InlineData("[AveragePooling2D(2, Stride = -1)]", "-1", "the stride (or 0 for the pool size)", "-1")]
    public void DN0004_non_positive_pool_size_or_stride(string layer, string at, string quantity, string found)
    {
        Diagnostic d = Single(layer + "\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0004", d.Id);
        AssertAt(d, at);
        Assert.Contains("expected " + quantity + " to be a positive integer, found " + found, Message(d), StringComparison.Ordinal);
    }

    [Fact]
    public void DN0019_pooling_attributes_without_Network()
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n[GlobalAveragePooling2D]\npublic partial class Net;\n");
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0019", d.Id);
    }
}
