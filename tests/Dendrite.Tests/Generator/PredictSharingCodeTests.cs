using Dendrite.Generator.Model;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Where <c>Predict(input, output, maxThreads)</c> splits layer 1 (NetworkPlan.FirstLayerSharedInPredict), as the
/// generated code shows it: a first layer a threaded training step computes by units, with at least
/// FirstLayerSharing.MinimumWeights weights; and where it splits layer 2 as well (NetworkPlan.SecondLayerSharedInPredict,
/// Planning/SecondLayerPredictSplit): a hidden Dense layer right after a shared first layer, with at least
/// FirstLayerSharing.MinimumSecondLayerWeights weights. Every network declares the method; the others say in it why they
/// do not split. PredictSharingTests shows the split gives the bits of one thread.
/// </summary>
public class PredictSharingCodeTests
{
    private static GeneratorRun Generate(string input, string layers) => GeneratorHarness.Run($$"""
        using Dendrite;
        [Network(Loss = Loss.MeanSquaredError)]
        [Input({{input}})]
        {{layers}}
        partial class Net;
        """);

    [Theory]
    [InlineData("256", "[Dense(256, Activation.ReLU)] [Dense(2)]", 128, 256)] // 65,536 weights: the least that splits
    [InlineData("300", "[Dense(301, Activation.Tanh)] [Dense(4)]", 150, 301)]
    [InlineData("1000", "[Dense(100)] [BatchNormalization] [Dense(2)]", 50, 100)] // normalised after both parts are written
    public void A_large_first_layer_is_computed_in_two_parts(string input, string layers, int cut, int units)
    {
        GeneratorRun run = Generate(input, layers);
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource(), plumbing = run.PlumbingSource();

        Assert.Contains("global::Dendrite.FirstLayerSharing.Run(firstLayerParts, x, a1);", network, StringComparison.Ordinal);
        Assert.Contains("public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int maxThreads)", plumbing, StringComparison.Ordinal);
        Assert.Contains("global::Dendrite.FirstLayerSharing.Allows(maxThreads) ? _firstLayerParts ??= new FirstLayerParts(this) : null", plumbing, StringComparison.Ordinal);
        Assert.Contains($"private const int Cut = {cut};", plumbing, StringComparison.Ordinal);
        Assert.Contains($"Dense1ForwardUnitRange(network._parameters, input, activations, activations, 1, part == 0 ? 0 : Cut, part == 0 ? Cut : {units});", plumbing, StringComparison.Ordinal);
        Assert.Contains("private sealed class FirstLayerParts : global::Dendrite.IFirstLayerParts", plumbing, StringComparison.Ordinal);
        Assert.DoesNotContain("SecondCut", plumbing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("784", "[Dense(256, Activation.ReLU)] [Dense(128, Activation.ReLU)] [Dense(10)]", 64, 128)] // 32,768 weights: the least that splits
    [InlineData("300", "[Dense(301, Activation.Tanh)] [Dense(111, Activation.Sigmoid)] [Dense(3)]", 55, 111)]
    [InlineData("784", "[Dense(256, Activation.ReLU)] [Dense(200, Activation.ReLU)] [BatchNormalization] [Dense(2)]", 100, 200)] // normalised after both parts
    public void A_large_second_layer_after_a_shared_first_is_computed_in_two_parts_too(string input, string layers, int cut, int units)
    {
        GeneratorRun run = Generate(input, layers);
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource(), plumbing = run.PlumbingSource();

        Assert.Contains("global::Dendrite.FirstLayerSharing.Run(firstLayerParts, x, a1, a2);", network, StringComparison.Ordinal);
        Assert.Contains("private sealed class FirstLayerParts : global::Dendrite.IFirstTwoLayerParts", plumbing, StringComparison.Ordinal);
        Assert.Contains($"private const int SecondCut = {cut};", plumbing, StringComparison.Ordinal);
        Assert.Contains($"Dense2ForwardUnitRange(network._parameters, firstLayerActivations, activations, activations, 1, part == 0 ? 0 : SecondCut, part == 0 ? SecondCut : {units});", plumbing, StringComparison.Ordinal);
        Assert.Contains("private static void Dense2ForwardUnitRange(", plumbing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("784", "[Dense(256, Activation.ReLU)] [Dense(127, Activation.ReLU)] [Dense(10)]")] // 32,512 weights
    [InlineData("784", "[Dense(256, Activation.ReLU)] [Dense(10)]")] // layer 2 is the output
    [InlineData("784", "[Dense(256)] [BatchNormalization] [Dense(256, Activation.ReLU)] [Dense(10)]")] // normalised between
    [InlineData("784", "[Dense(256, Activation.ReLU)] [Dropout(0.5)] [Dense(256, Activation.ReLU)] [Dense(10)]")] // dropout between
    [InlineData("200", "[Dense(256, Activation.ReLU)] [Dense(256, Activation.ReLU)] [Dense(10)]")] // layer 1 not shared (51,200 weights)
    public void Other_second_layers_stay_whole(string input, string layers)
    {
        GeneratorRun run = Generate(input, layers);
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource(), plumbing = run.PlumbingSource();

        Assert.DoesNotContain("a1, a2);", network, StringComparison.Ordinal);
        Assert.DoesNotContain("IFirstTwoLayerParts", plumbing, StringComparison.Ordinal);
        Assert.DoesNotContain("Dense2ForwardUnitRange", plumbing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("255", "[Dense(256, Activation.ReLU)] [Dense(2)]", "layer 1 has 65280 weights, fewer than FirstLayerSharing.MinimumWeights")]
    [InlineData("784", "[Dense(25, Activation.ReLU)] [Dense(10)]", "layer 1 has 19600 weights, fewer than FirstLayerSharing.MinimumWeights")]
    [InlineData("1000", "[Dense(100)]", "layer 1 is not a Dense layer split by units")] // the output layer
    [InlineData("28, 28, 1", "[Conv2D(8, kernel: 3, Activation.ReLU)] [Flatten] [Dense(2)]", "layer 1 is not a Dense layer split by units")]
    public void Other_networks_run_Predict_with_maxThreads_on_the_calling_thread(string input, string layers, string why)
    {
        GeneratorRun run = Generate(input, layers);
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource(), plumbing = run.PlumbingSource();

        Assert.Contains("public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int maxThreads)", plumbing, StringComparison.Ordinal);
        Assert.Contains("_ = global::Dendrite.FirstLayerSharing.Allows(maxThreads); // checks maxThreads; " + why, plumbing, StringComparison.Ordinal);
        Assert.DoesNotContain("FirstLayerSharing.Run", network, StringComparison.Ordinal);
        Assert.DoesNotContain("FirstLayerParts", plumbing, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generator_and_the_runtime_agree_on_the_thresholds()
    {
        Assert.Equal(FirstLayerSharing.MinimumWeights, NetworkPlan.MinimumSharedFirstLayerWeights);
        Assert.Equal(FirstLayerSharing.MinimumSecondLayerWeights, NetworkPlan.MinimumSharedSecondLayerWeights);
    }
}
