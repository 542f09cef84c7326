using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Where FirstLayerUnitSplit applies, as the generated code shows it: a first Dense layer with an element-wise activation
/// and at least two weight-gradient blocks of units, in a network with more layers, gets a forward pass by units
/// (phase 0); the others keep layer 1's forward inside the per-sample phase.
/// FirstLayerUnitSplitTests shows the split gives the bits of one thread.
/// </summary>
public class FirstLayerUnitSplitCodeTests
{
    private static GeneratorRun Generate(string layers) => GeneratorHarness.Run($$"""
        using Dendrite;
        [Network(Loss = Loss.MeanSquaredError)]
        [Input(20)]
        {{layers}}
        partial class Net;
        """);

    [Theory]
    [InlineData("[Dense(8, Activation.ReLU)] [Dense(2)]")]
    [InlineData("[Dense(37, Activation.GELU)] [Dense(2)]")]
    [InlineData("[Dense(9)] [Dropout(0.5)] [Dense(2)]")]
    [InlineData("[Dense(16)] [BatchNormalization] [Dense(2)]")] // phase 0 comes before phase 1's parts
    public void A_first_dense_layer_that_qualifies_is_computed_by_units(string layers)
    {
        GeneratorRun run = Generate(layers);
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource(), plumbing = run.PlumbingSource();

        Assert.Contains("TrainingFirstLayer(_parameters, inputs, workspace, m, 0, 1);", network, StringComparison.Ordinal);
        Assert.Contains("// A[1] (and Z[1]) of these samples: written by phase 0, TrainingFirstLayer.", network, StringComparison.Ordinal);
        string phase1 = network.Contains("private static void TrainingPart(", StringComparison.Ordinal) ? "private static void TrainingPart(" : "private static void TrainingSamples(";
        Assert.DoesNotContain("Dense1Forward(", Body(network, phase1), StringComparison.Ordinal);
        Assert.Contains("private static void Dense1ForwardUnits(", plumbing, StringComparison.Ordinal);
        Assert.Contains("RunStep(_stepShards, StepShards.FirstLayerPhase, threads,", plumbing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Dense(7, Activation.ReLU)] [Dense(2)]", "TrainingSamples(", "Dense1Forward(parameters, x,")] // one weight-gradient block of units: nothing to share
    [InlineData("[Dense(16, Activation.ReLU)]", "TrainingSamples(", "Dense1Forward(parameters, x,")] // the output layer: the loss reads its Z sample by sample
    [InlineData("[Dense(7)] [BatchNormalization] [Dense(2)]", "TrainingPart(", "Dense1Forward(parameters, x,")] // phase 1 in parts, one block of units
    [InlineData("[Dropout(0.5)] [Dense(16)] [Dense(2)]", "TrainingSamples(", "Dropout1Forward(x,")] // the first layer is not Dense
    public void Other_first_layers_stay_in_the_per_sample_phase(string layers, string phase1, string firstForward)
    {
        GeneratorRun run = Generate(layers);
        Assert.Empty(run.CompilationProblems());

        Assert.Contains(firstForward, Body(run.NetworkSource(), "private static void " + phase1), StringComparison.Ordinal);
        Assert.DoesNotContain("TrainingFirstLayer", run.NetworkSource(), StringComparison.Ordinal);
        Assert.DoesNotContain("ForwardUnits", run.PlumbingSource(), StringComparison.Ordinal);
        Assert.DoesNotContain("FirstLayerPhase", run.PlumbingSource(), StringComparison.Ordinal);
    }

    /// <summary>The method that starts with <paramref name="signature"/>, up to the first line that closes it.</summary>
    private static string Body(string source, string signature)
    {
        int start = source.IndexOf(signature, StringComparison.Ordinal);
        Assert.True(start >= 0, signature + " not found");
        int end = source.IndexOf("\n    }\n", start, StringComparison.Ordinal);
        return source.Substring(start, end - start);
    }
}
