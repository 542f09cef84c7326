using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Dropout;

/// <summary>
/// DN0060 (a rate outside [0, 1), not finite) and DN0061 (Dropout as the output layer): ID, location and message,
/// one error each; and the placements Keras allows, which generate code with no diagnostic: Dropout on the input, two
/// in a row, on an image between Conv2D and Flatten, and on an image input before a Dense layer (an implicit Flatten).
/// </summary>
public sealed class DropoutDiagnosticsTests
{
    private string _source = string.Empty;

    private Diagnostic Single(string layers, string input = "[Input(8)]")
    {
        string source = "using Dendrite;\n[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]\n" + input + "\n" + layers + "\npublic partial class Net;\n";
        _source = source;
        GeneratorRun run = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id.StartsWith("DN", StringComparison.Ordinal));
        run.AssertOnlyStubsGenerated();
        return diagnostic;
    }

    private string At(Diagnostic diagnostic) => _source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "+∞")]
    [InlineData("double.NegativeInfinity", "−∞")]
    [InlineData("rate: 2", "2")]
    public void DN0060_rate_outside_zero_to_one_on_the_argument(string argument, string found)
    {
        Diagnostic d = Single("[Dense(16, Activation.ReLU)]\n[Dropout(" + argument + ")]\n[Dense(3)]");
        Assert.Equal("DN0060", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(argument.Replace("rate: ", string.Empty, StringComparison.Ordinal), At(d)); // the value, also when named
        Assert.Equal(
            "Layer 2, Dropout: expected a rate (the fraction of values dropped while training) that is a finite number in [0, 1), found " + found,
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0061_dropout_as_the_output_layer_on_the_attribute()
    {
        Diagnostic d = Single("[Dense(3)]\n[Dropout(0.5)]");
        Assert.Equal("DN0061", d.Id);
        Assert.Equal("Dropout(0.5)", At(d));
        Assert.Equal(
            "The output layer (layer 2, Dropout(0.5)) is a Dropout layer, which would drop outputs at random while training and has no units of its own: expected a [Dense(outputs)] layer at the end (put [Dropout] before it), found layer 2, Dropout(0.5)",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0061_also_for_an_image_network_ending_in_dropout_and_only_that_error()
    {
        Diagnostic d = Single("[Conv2D(2, 3)]\n[Dropout(0.2)]", input: "[Input(5, 5, 1)]");
        Assert.Equal("DN0061", d.Id); // not DN0033 as well
    }

    [Fact]
    public void Dense_after_dropout_on_an_image_layer_still_needs_Flatten()
    {
        Diagnostic d = Single("[Conv2D(2, 3)]\n[Dropout(0.2)]\n[Dense(3)]", input: "[Input(5, 5, 1)]");
        Assert.Equal("DN0031", d.Id);
        Assert.Equal("Dense(3)", At(d));
    }

    [Theory]
    [InlineData("[Input(8)]", "[Dropout(0.2)]\n[Dense(4, Activation.ReLU)]\n[Dropout(0.5)]\n[Dropout(0.5)]\n[Dense(3)]")]
    [InlineData("[Input(6, 6, 1)]", "[Conv2D(2, 3, Activation.ReLU)]\n[Dropout(0.25)]\n[MaxPool2D(2)]\n[Dropout(0)]\n[Flatten]\n[Dropout(0.999)]\n[Dense(3)]")]
    [InlineData("[Input(6, 6, 1)]", "[Dropout(0.1f)]\n[Dense(3)]")]
    public void Placements_keras_allows_generate_code_with_no_diagnostic(string input, string layers)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]\n" + input + "\n" + layers + "\npublic partial class Net;\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.GeneratedTrees.Count); // the readable file, its plumbing and the shared kernels
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
    }
}
