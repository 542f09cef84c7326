using System.Text.RegularExpressions;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// How TrainingPartPlanner cuts phase 1 of a network with BatchNormalization, as the generated code shows it: parts by
/// samples, and the sums over the batch in parts of their own on one thread; after a Conv2D each sample's pixels are
/// summed first (partial sums in the workspace). BatchNormalizationBehaviourTests shows the parts give the bits of one
/// thread at two.
/// </summary>
public class TrainingPartsCodeTests
{
    private static GeneratorRun Generate(string input, string layers) => GeneratorHarness.Run($$"""
        using Dendrite;
        [Network(Loss = Loss.MeanSquaredError)]
        [{{input}}]
        {{layers}}
        partial class Net;
        """);

    [Fact]
    public void A_network_without_BatchNormalization_keeps_one_part_by_samples()
    {
        GeneratorRun run = Generate("Input(4)", "[Dense(3, Activation.ReLU)] [Dense(2)]");
        Assert.Empty(run.CompilationProblems());
        Assert.Contains("private static void TrainingSamples(", run.NetworkSource(), StringComparison.Ordinal);
        Assert.DoesNotContain("TrainingPart", run.NetworkSource(), StringComparison.Ordinal);
        Assert.Contains("StepShards.SamplesPhase, threads,", run.PlumbingSource(), StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_convolution_each_sample_sums_its_pixels_and_the_batch_sums_run_on_one_thread()
    {
        GeneratorRun run = Generate("Input(6, 6, 1)", "[Conv2D(4, kernel: 3)] [BatchNormalization] [Flatten] [Dense(2)]");
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource(), plumbing = run.PlumbingSource();

        // By samples: the convolution and Σ x per sample; over the batch: μ_B; by samples: Σ (x − μ_B)²; over the batch:
        // σ²_B; by samples: x̂ and Z through the loss and back to Σ dZ, Σ dZ·x̂ per sample; over the batch: dβ and dγ;
        // by samples: dx and the convolution's backward.
        Assert.Equal(
            new[] { "samples", "batch", "samples", "batch", "samples", "batch", "samples" },
            PartKinds(network));
        Assert.Contains("private const int TrainingParts = 7;", network, StringComparison.Ordinal);
        Assert.Contains("private const int BatchNormalization2PartialSums = ", network, StringComparison.Ordinal);
        Assert.Contains("BatchNormalization2PixelSums(a1, ps2, count);", network, StringComparison.Ordinal);
        Assert.Contains("BatchNormalization2BatchMean(parameters, workspace.Slice(BatchNormalization2PartialSums * m, 8 * m), m);", network, StringComparison.Ordinal);
        Assert.Contains("BatchNormalization2BatchGradientSums(workspace.Slice(BatchNormalization2PartialSums * m, 8 * m), gradients, m);", network, StringComparison.Ordinal);

        // dγ and dβ are written in phase 1; phase 2 no longer sums them again.
        Assert.DoesNotContain("BatchNormalization2WeightGradients", network, StringComparison.Ordinal);

        // Only the parts by samples may take more than one thread.
        Assert.Equal(4, Regex.Matches(plumbing, @"\d+ => global::System\.Math\.Min\(threads, global::Dendrite\.Parallelism\.ThreadsFor").Count);
        Assert.Contains("_ => 1, // over the batch", plumbing, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_dense_layer_the_batch_sums_read_the_values_and_mean_and_variance_share_a_part()
    {
        GeneratorRun run = Generate("Input(4)", "[Dense(3)] [BatchNormalization(Activation = Activation.Tanh)] [Dense(2)]");
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource();

        Assert.Equal(new[] { "samples", "batch", "samples", "batch", "samples" }, PartKinds(network));
        Assert.DoesNotContain("PartialSums", network, StringComparison.Ordinal);
        Assert.Contains("BatchNormalization2BatchMean(parameters, workspace.Slice(Dense1Activations * m, 3 * m), m);", network, StringComparison.Ordinal);
        Assert.Contains("BatchNormalization2BatchVariance(parameters, workspace.Slice(Dense1Activations * m, 3 * m), m);", network, StringComparison.Ordinal);
        Assert.Contains("BatchNormalization2Activation(a2, count);", network, StringComparison.Ordinal);
        Assert.Contains("BatchNormalization2ActivationBackward(a2, da2, count);", network, StringComparison.Ordinal);
    }

    /// <summary>"samples" or "batch" for each case of TrainingPart, in order, from the comment each case starts with.</summary>
    private static string[] PartKinds(string network) =>
        Regex.Matches(network, @"case \d+:\s*\{\s*// (By samples|Over the batch)")
            .Select(match => match.Groups[1].Value == "By samples" ? "samples" : "batch")
            .ToArray();
}
