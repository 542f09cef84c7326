using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Normalization;

/// <summary>DN0065, DN0066 and DN0067, and the shared diagnostics on [BatchNormalization]: ID, location and message, one error each.</summary>
public sealed class BatchNormalizationDiagnosticsTests
{
    private string _source = string.Empty;

    private Diagnostic Single(string layers, string input = "[Input(7, 5, 2)]", string network = "[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]")
    {
        string source = "using Dendrite;\n" + network + "\n" + input + "\n" + layers + "\npublic partial class Net;\n";
        _source = source;
        GeneratorRun run = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id.StartsWith("DN", StringComparison.Ordinal));
        run.AssertOnlyStubsGenerated();
        return diagnostic;
    }

    private string At(Diagnostic diagnostic) => _source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    [Theory]
    [InlineData("[BatchNormalization]\n[Flatten]\n[Dense(3)]", "layer 1, BatchNormalization(Linear)", "[Input(7×5×2)]")]
    [InlineData("[Conv2D(4, kernel: 3)]\n[MaxPool2D(2)]\n[BatchNormalization]\n[Flatten]\n[Dense(3)]", "layer 3, BatchNormalization(Linear)", "layer 2, MaxPool2D(2)")]
    [InlineData("[Conv2D(4, kernel: 3)]\n[Flatten]\n[BatchNormalization]\n[Dense(3)]", "layer 3, BatchNormalization(Linear)", "layer 2, Flatten")]
    [InlineData("[Dense(4)]\n[BatchNormalization]\n[BatchNormalization]\n[Dense(3)]", "layer 3, BatchNormalization(Linear)", "layer 2, BatchNormalization(Linear)")]
    public void DN0065_normalisation_not_right_after_Dense_or_Conv2D(string layers, string name, string after)
    {
        Diagnostic d = Single(layers);
        Assert.Equal("DN0065", d.Id);
        Assert.StartsWith("BatchNormalization", At(d), StringComparison.Ordinal);
        Assert.Equal(
            char.ToUpperInvariant(name[0]) + name.Substring(1) + " normalises the outputs of the layer before it: expected it directly after a [Dense] or [Conv2D] layer, found it after " + after,
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0066_normalisation_as_the_output_layer()
    {
        Diagnostic d = Single("[Dense(4)]\n[BatchNormalization]", input: "[Input(3)]", network: "[Network(Loss = Loss.MeanSquaredError)]");
        Assert.Equal("DN0066", d.Id);
        Assert.Equal("BatchNormalization", At(d));
        Assert.Equal(
            "The output layer (layer 2, BatchNormalization(Linear)) must be a Dense layer so the loss sees the network's own outputs: expected BatchNormalization on a hidden layer followed by a [Dense(outputs)] output layer, found layer 2, BatchNormalization(Linear) last",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_undefined_activation_is_DN0010_on_the_value()
    {
        Diagnostic d = Single("[Dense(4)]\n[BatchNormalization(Activation = (Activation)42)]\n[Dense(3)]");
        Assert.Equal("DN0010", d.Id);
        Assert.Equal("(Activation)42", At(d));
    }

    [Fact]
    public void Softmax_on_the_normalisation_of_a_hidden_layer_is_DN0005()
    {
        Diagnostic d = Single("[Dense(4)]\n[BatchNormalization(Activation = Activation.Softmax)]\n[Dense(3)]");
        Assert.Equal("DN0005", d.Id);
    }

    [Theory]
    [InlineData("GELU")]
    [InlineData("GELUTanh")]
    [InlineData("SiLU")]
    [InlineData("Softplus")]
    public void DN0067_an_activation_whose_derivative_needs_Z_on_the_value(string activation)
    {
        Diagnostic d = Single("[Dense(4)]\n[BatchNormalization(Activation = Activation." + activation + ")]\n[Dense(3)]");
        Assert.Equal("DN0067", d.Id);
        Assert.Equal("Activation." + activation, At(d));
        Assert.Equal(
            "Layer 2, BatchNormalization: expected an activation whose derivative reads its output (Linear, ReLU, LeakyReLU, ELU, Sigmoid or Tanh), found " + activation,
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_LeakyReLU_on_the_normalisation_has_Keras_default_slope()
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n[Network(Loss = Loss.MeanSquaredError)]\n[Input(3)]\n[Dense(4)]\n[BatchNormalization(Activation = Activation.LeakyReLU)]\n[Dense(1)]\npublic partial class Net;\n");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id.StartsWith("DN", StringComparison.Ordinal));
        Assert.Contains("LayerKind.BatchNormalization, global::Dendrite.Activation.LeakyReLU", run.NetworkSource(), StringComparison.Ordinal);
        Assert.Contains("Slope: 0.2f", run.NetworkSource(), StringComparison.Ordinal);
    }
}
