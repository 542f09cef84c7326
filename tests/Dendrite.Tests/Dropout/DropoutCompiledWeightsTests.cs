using Dendrite.Tests.Generator;
using Xunit;

namespace Dendrite.Tests.Dropout;

/// <summary>
/// A weights file saved from a network with Dropout compiles into the same declaration (the generator's fingerprint and
/// the runtime's agree on "Dropout(0.5)"), and the rate is part of the fingerprint: another rate is refused (DN0021).
/// </summary>
public sealed class DropoutCompiledWeightsTests
{
    private const string Declaration = """
        using Dendrite;
        namespace Compiled;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "mlp.weights")]
        [Input(7)]
        [Dropout(0.2)]
        [Dense(33, Activation.ReLU)]
        [Dropout(0.5)]
        [Dense(17, Activation.Tanh)]
        [Dropout(RATE)]
        [Dropout(0.25)]
        [Dense(3, Activation.Linear)]
        public partial class DropoutMlp;

        public static class Probe
        {
            public static float[] Parameters() => DropoutMlp.Pretrained.Parameters.ToArray();
        }
        """;

    [Fact]
    public void A_saved_network_with_dropout_compiles_in_bit_for_bit()
    {
        var trained = new DropoutMlp(seed: 4);
        byte[] file = WeightsFile.Serialize(trained);
        GeneratorRun run = GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("mlp.weights", file)), Declaration.Replace("RATE", "0.3", StringComparison.Ordinal));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));

        using InMemoryAssembly compiled = run.Load();
        var parameters = (float[])compiled.InvokeStatic("Compiled.Probe", "Parameters")!;
        Assert.Equal(trained.Parameters.ToArray(), parameters);
    }

    [Fact]
    public void Another_rate_is_another_architecture()
    {
        byte[] file = WeightsFile.Serialize(new DropoutMlp(seed: 4));
        GeneratorRun run = GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("mlp.weights", file)), Declaration.Replace("RATE", "0.4", StringComparison.Ordinal));
        Microsoft.CodeAnalysis.Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0021", d.Id);
        Assert.Contains("Dropout(0.4)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("Dropout(0.3)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
