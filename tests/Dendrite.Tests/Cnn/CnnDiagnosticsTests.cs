using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>DN0030–DN0033 and the shared diagnostics on image layers: ID, location (the offending attribute) and message.</summary>
public sealed class CnnDiagnosticsTests
{
    /// <summary>The source of the last <see cref="Single"/> call: diagnostics carry a file path and span into it.</summary>
    private string _source = string.Empty;

    private Diagnostic Single(string layers, string input = "[Input(7, 5, 2)]", string network = "[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]")
    {
        string source = "using Dendrite;\n" + network + "\n" + input + "\n" + layers + "\npublic partial class Net;\n";
        _source = source;
        GeneratorRun run = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id.StartsWith("DN", StringComparison.Ordinal));

        // An invalid network generates no network code, only throwing stand-ins for its public members that compile
        // cleanly (SurfaceStubTests), so only the diagnostic explains the failure.
        run.AssertOnlyStubsGenerated();
        return diagnostic;
    }

    private void AssertAt(Diagnostic diagnostic, string attributeText)
    {
        Assert.Equal(attributeText, _source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal("Network0.cs", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void DN0030_kernel_larger_than_its_valid_input()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 6)]\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0030", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        AssertAt(d, "Conv2D(4, kernel: 6)");
        Assert.Equal(
            "Layer 1, Conv2D(4, kernel: 6, Linear) has a 6×6 window but its input is 7×5×2: with Padding.Valid the output would be empty (zero-sized); expected a window no larger than 5×5 or Padding.Same, found 6×6",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0030_pool_larger_than_its_input_after_shrinking()
    {
        // 7×5 → conv 3 → 5×3 → pool 4 does not fit the 3 columns.
        Diagnostic d = Single("[Conv2D(4, kernel: 3)]\n[MaxPool2D(4)]\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0030", d.Id);
        AssertAt(d, "MaxPool2D(4)");
        Assert.Contains("Layer 2, MaxPool2D(4) has a 4×4 window but its input is 5×3×4", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_larger_than_its_input_is_fine_with_same_padding()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Dendrite;\n[Network]\n[Input(3, 3, 1)]\n[Conv2D(2, kernel: 5, Padding = Padding.Same)]\n[Flatten]\n[Dense(1)]\npublic partial class Net;\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.GeneratedTrees.Count); // the readable file, its plumbing and the shared kernels
        Assert.Empty(run.CompilationProblems());
    }

    [Fact]
    public void DN0031_dense_directly_after_an_image_layer()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3, Activation.ReLU)]\n[Dense(3)]");
        Assert.Equal("DN0031", d.Id);
        AssertAt(d, "Dense(3)");
        Assert.Equal(
            "Layer 2, Dense(3, Linear) follows layer 1, Conv2D(4, kernel: 3, ReLU), which produces a 5×3×4 image: expected [Flatten] (or [GlobalAveragePooling2D]) between them (a Dense layer reads a flat vector), found Layer 2, Dense(3, Linear) directly after it",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0032_convolution_after_a_flat_input()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3)]\n[Flatten]\n[Dense(3)]", input: "[Input(784)]");
        Assert.Equal("DN0032", d.Id);
        AssertAt(d, "Conv2D(4, kernel: 3)");
        Assert.Equal(
            "Layer 1, Conv2D(4, kernel: 3, Linear) reads an image: expected its input to be height × width × channels ([Input(height, width, channels)] or a Conv2D or window pooling layer), found [Input(784)] with 784 flat values",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0032_pooling_after_flatten()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3)]\n[Flatten]\n[MaxPool2D(2)]\n[Dense(3)]");
        Assert.Equal("DN0032", d.Id);
        AssertAt(d, "MaxPool2D(2)");
        Assert.Contains("found layer 2, Flatten with 60 flat values", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void DN0033_an_image_layer_as_the_output()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3)]", network: "[Network(Loss = Loss.MeanSquaredError)]");
        Assert.Equal("DN0033", d.Id);
        AssertAt(d, "Conv2D(4, kernel: 3)");
        Assert.Equal(
            "The output layer (layer 1, Conv2D(4, kernel: 3, Linear)) must be a Dense layer so the loss sees one vector per sample: expected [Flatten] and a [Dense(outputs)] layer at the end, found layer 1, Conv2D(4, kernel: 3, Linear)",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Conv2D(0, kernel: 3)]", "0", "expected the number of filters to be a positive integer, found 0")]
    [InlineData("[Conv2D(4, kernel: -1)]", "-1", "expected the kernel size to be a positive integer, found -1")]
    [InlineData("[Conv2D(4, kernel: 3, Stride = 0)]", "0", "expected the stride to be a positive integer, found 0")]
    [InlineData("[MaxPool2D(0)]", "0", "expected the pool size to be a positive integer, found 0")]
    [InlineData("[MaxPool2D(2, Stride = -2)]", "-2", "expected the stride (or 0 for the pool size) to be a positive integer, found -2")]
    public void DN0004_non_positive_window_sizes_underline_the_argument(string layer, string at, string message)
    {
        Diagnostic d = Single(layer + "\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0004", d.Id);
        AssertAt(d, at);
        Assert.EndsWith(message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void DN0010_undefined_padding()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3, Padding = (Padding)7)]\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0010", d.Id);
        AssertAt(d, "(Padding)7");
        Assert.EndsWith("expected a defined Padding value (Valid, Same), found 7", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void DN0005_softmax_on_a_convolution()
    {
        Diagnostic d = Single("[Conv2D(4, kernel: 3, Activation.Softmax)]\n[Flatten]\n[Dense(3)]");
        Assert.Equal("DN0005", d.Id);
        AssertAt(d, "Conv2D(4, kernel: 3, Activation.Softmax)");
    }

    [Fact]
    public void Dense_directly_after_an_image_input_reads_the_pixels_flat_and_says_so()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Dendrite;\n[Network]\n[Input(4, 4, 1)]\n[Dense(2)]\npublic partial class Net;\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.GeneratedTrees, tree => tree.ToString().Contains("reads the 4×4×1 image as a flat vector", StringComparison.Ordinal));
    }

    [Fact]
    public void DN0013_counts_convolution_outputs_not_filters()
    {
        // 4096×4096×1 through 256 same-padded filters is 4.3 billion values per sample: more than one .NET array.
        Diagnostic d = Single("[Conv2D(256, kernel: 3, Padding = Padding.Same)]\n[Flatten]\n[Dense(3)]", input: "[Input(4096, 4096, 1)]");
        Assert.Equal("DN0013", d.Id);
        AssertAt(d, "Conv2D(256, kernel: 3, Padding = Padding.Same)");
        Assert.Contains("found 8,589,934,592", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
