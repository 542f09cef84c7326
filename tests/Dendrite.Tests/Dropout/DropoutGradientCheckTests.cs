using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Dropout;

/// <summary>
/// The generated Dropout forward and backward passes against the double-precision <see cref="ReferenceNetwork"/> with
/// the same masks: the mask is pinned by setting the network's <c>DropoutStep</c> (which ComputeGradients reads and
/// advances), and <see cref="ReferenceDropout"/> applies that step's masks in the reference's forward and backward
/// passes. Checked against central finite differences of the reference's cost (so the masked forward pass and the
/// backward pass agree) and against its backpropagation, on vectors, images, Dropout on the input, after pooling and
/// after Flatten, and two Dropouts in a row.
/// </summary>
public sealed class DropoutGradientCheckTests
{
    /// <summary>As CnnGradientCheckTests: float round-off is ~1e-6 relative; a wrong mask or scale is off by the gradient itself.</summary>
    private const double AbsoluteTolerance = 2e-5, RelativeTolerance = 1e-3;

    private const int Samples = 6;
    private const int Seed = 5;
    private const long Step = 11;

    [Fact]
    public void Vector_dropout_matches_finite_differences_with_the_pinned_mask() =>
        Check(new DropoutMlp(Seed), network => network.DropoutStep = Step, network => network.DropoutStep);

    [Fact]
    public void Image_dropout_matches_finite_differences_with_the_pinned_mask() =>
        Check(new DropoutCnn(Seed), network => network.DropoutStep = Step, network => network.DropoutStep);

    [Fact]
    public void The_gradients_depend_on_the_step_so_the_mask_is_really_applied()
    {
        var network = new DropoutMlp(Seed);
        (float[] inputs, int[]? labels, float[]? targets) = Batch<DropoutMlp>(new Random(3));
        TargetBatch batch = TargetBatch.FromLabels(labels!);
        var atStep = new float[DropoutMlp.ParameterCount];
        var atNext = new float[DropoutMlp.ParameterCount];
        network.DropoutStep = Step;
        network.ComputeGradients(inputs, batch, atStep, new float[Samples * DropoutMlp.OutputSize]);
        network.ComputeGradients(inputs, batch, atNext, new float[Samples * DropoutMlp.OutputSize]);
        Assert.NotEqual(atStep, atNext);

        // ...and the reference without masks (inference) disagrees with the training gradients: the check above is not vacuous.
        var withoutMasks = new double[DropoutMlp.ParameterCount];
        ReferenceNetwork.Gradients(DropoutMlp.Architecture, network.Parameters.ToArray().Select(v => (double)v).ToArray(), inputs, labels, targets, withoutMasks);
        Assert.Contains(Enumerable.Range(0, atStep.Length), p => Math.Abs(withoutMasks[p] - atStep[p]) > 1e-3);
    }

    private static void Check<TNet>(TNet network, Action<TNet> pin, Func<TNet, long> step)
        where TNet : class, INetwork<TNet>
    {
        var random = new Random(7);

        // Non-zero biases, so the check does not lean on the zero initial biases.
        foreach (LayerInfo layer in TNet.Architecture.Layers)
        {
            for (int j = 0; j < layer.BiasCount; j++)
            {
                network.Parameters[layer.BiasOffset + j] = (float)((random.NextDouble() - 0.5) * 0.2);
            }
        }

        (float[] inputs, int[]? labels, float[]? targets) = Batch<TNet>(random);
        TargetBatch batch = labels is not null ? TargetBatch.FromLabels(labels) : TargetBatch.FromValues(targets);
        var analytic = new float[TNet.ParameterCount];
        pin(network);
        float lossSum = network.ComputeGradients(inputs, batch, analytic, new float[Samples * TNet.OutputSize]);
        Assert.Equal(Step + 1, step(network));

        NetworkArchitecture architecture = TNet.Architecture;
        double[] parameters = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        ReferenceDropout masks = ReferenceDropout.ForStep(Seed, Step);
        double[] numeric = FiniteDifferences.Gradient(architecture, parameters, inputs, labels, targets, masks);
        var backprop = new double[parameters.Length];
        double expectedLoss = ReferenceNetwork.Gradients(architecture, parameters, inputs, labels, targets, backprop, masks);
        Assert.Equal(expectedLoss, lossSum, 1e-4 * Math.Max(1, expectedLoss));

        foreach (LayerInfo layer in architecture.Layers.Where(l => l.ParameterCount > 0))
        {
            double layerNorm = 0;
            for (int p = layer.WeightOffset; p < layer.WeightOffset + layer.ParameterCount; p++)
            {
                Assert.True(
                    Math.Abs(analytic[p] - numeric[p]) <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(numeric[p])),
                    $"{typeof(TNet).Name} {layer.Describe()} parameter {p - layer.WeightOffset}: expected ∂cost/∂θ = {numeric[p]:R} (finite differences), found {analytic[p]:R}");
                Assert.True(
                    Math.Abs(analytic[p] - backprop[p]) <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(backprop[p])),
                    $"{typeof(TNet).Name} {layer.Describe()} parameter {p - layer.WeightOffset}: expected {backprop[p]:R} (reference backpropagation), found {analytic[p]:R}");
                layerNorm += numeric[p] * numeric[p];
            }

            Assert.True(layerNorm > 1e-12, $"{typeof(TNet).Name} {layer.Describe()}: the gradient is zero, so the check proves nothing");
        }
    }

    private static (float[] Inputs, int[]? Labels, float[]? Targets) Batch<TNet>(Random random)
        where TNet : class, INetwork<TNet>
    {
        float[] inputs = Enumerable.Range(0, Samples * TNet.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        return TNet.Architecture.TargetKind == TargetKind.ClassLabels
            ? (inputs, Enumerable.Range(0, Samples).Select(_ => random.Next(TNet.OutputSize)).ToArray(), null)
            : (inputs, null, Enumerable.Range(0, Samples * TNet.OutputSize).Select(_ => (float)random.NextDouble()).ToArray());
    }
}
