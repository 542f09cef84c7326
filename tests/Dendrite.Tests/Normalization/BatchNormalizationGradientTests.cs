using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Normalization;

/// <summary>
/// The generated BatchNormalization backward pass (dγ, dβ, and dx with its batch-coupled terms, which flows into every
/// parameter before it) against central finite differences of the double-precision batch reference
/// (<see cref="ReferenceBatchNetwork"/>), per unit and per channel, and the training forward against the same
/// reference's outputs.
/// </summary>
public sealed class BatchNormalizationGradientTests
{
    private const double AbsoluteTolerance = 2e-5, RelativeTolerance = 1e-3;

    private const int Samples = 5;

    [Fact]
    public void Per_unit_normalisation_after_Dense_matches_finite_differences() =>
        CheckGradients(new NormalizedDenseNet(3), random => (null, RandomValues(random, Samples * NormalizedDenseNet.OutputSize)));

    [Fact]
    public void Per_channel_normalisation_after_Conv2D_matches_finite_differences() =>
        CheckGradients(new NormalizedConvNet(3), random => (Enumerable.Range(0, Samples).Select(_ => random.Next(NormalizedConvNet.OutputSize)).ToArray(), null));

    [Fact]
    public void Two_linear_normalisations_after_activated_layers_match_finite_differences() =>
        CheckGradients(new TwiceNormalizedNet(3), random => (null, Enumerable.Range(0, Samples).Select(_ => (float)random.Next(2)).ToArray()));

    /// <summary>Non-trivial γ and β, so the check sees them scale and shift (they start at 1 and 0).</summary>
    private static void Perturb<TNet>(TNet network, Random random) where TNet : class, INetwork<TNet>
    {
        foreach (LayerInfo layer in TNet.Architecture.Layers.Where(l => l.Kind == LayerKind.BatchNormalization))
        {
            for (int c = 0; c < layer.WeightCount; c++)
            {
                network.Parameters[layer.WeightOffset + c] = 0.5f + (float)random.NextDouble();
                network.Parameters[layer.BiasOffset + c] = (float)(random.NextDouble() - 0.5);
            }
        }
    }

    private static void CheckGradients<TNet>(TNet network, Func<Random, (int[]? Labels, float[]? Targets)> makeTargets)
        where TNet : class, INetwork<TNet>
    {
        var random = new Random(7);
        Perturb(network, random);
        float[] inputs = RandomValues(random, Samples * TNet.InputSize);
        (int[]? labels, float[]? targets) = makeTargets(random);
        TargetBatch batch = labels is not null ? TargetBatch.FromLabels(labels) : TargetBatch.FromValues(targets);

        NetworkArchitecture architecture = TNet.Architecture;
        double[] parameters = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var analytic = new float[TNet.ParameterCount];
        var outputs = new float[Samples * TNet.OutputSize];
        float loss = network.ComputeGradients(inputs, batch, analytic, outputs);

        // The training forward: outputs and loss from the batch statistics.
        double[][] expected = ReferenceBatchNetwork.Forward(architecture, parameters, null, inputs, training: true);
        for (int s = 0; s < Samples; s++)
        {
            for (int j = 0; j < TNet.OutputSize; j++)
            {
                double e = expected[s][j];
                Assert.True(Math.Abs(outputs[(s * TNet.OutputSize) + j] - e) <= 1e-4 * Math.Max(1, Math.Abs(e)), $"{typeof(TNet).Name} sample {s} output {j}: expected {e:R}, found {outputs[(s * TNet.OutputSize) + j]:R}");
            }
        }

        double cost = ReferenceBatchNetwork.Cost(architecture, parameters, inputs, labels, targets);
        Assert.Equal(cost, loss / Samples, 1e-4 * Math.Max(1, cost));

        double[] numeric = ReferenceBatchNetwork.NumericGradient(architecture, parameters, inputs, labels, targets);
        foreach (LayerInfo layer in architecture.Layers.Where(l => l.ParameterCount > 0))
        {
            double layerNorm = 0;
            for (int p = layer.WeightOffset; p < layer.WeightOffset + layer.ParameterCount; p++)
            {
                double error = Math.Abs(analytic[p] - numeric[p]);
                Assert.True(
                    error <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(numeric[p])),
                    $"{typeof(TNet).Name} {layer.Describe()} parameter {p - layer.WeightOffset}: expected ∂cost/∂θ = {numeric[p]:R} (finite differences), found {analytic[p]:R}");
                layerNorm += numeric[p] * numeric[p];
            }

            Assert.True(layerNorm > 1e-12, $"{typeof(TNet).Name} {layer.Describe()}: the gradient is zero, so the check proves nothing");
        }
    }

    internal static float[] RandomValues(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
