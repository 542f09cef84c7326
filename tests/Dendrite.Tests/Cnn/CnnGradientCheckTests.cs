using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>
/// The generated Conv2D, MaxPool2D, AveragePooling2D, GlobalAveragePooling2D and Flatten backward passes against central finite differences
/// (<see cref="FiniteDifferences"/>) of the independent double-precision <see cref="ReferenceNetwork"/>, on odd
/// shapes, strides 1 and 2 and both paddings. Every parameter of every layer is checked, so the input gradients of the hidden conv and pool
/// layers are checked too (they feed the parameter gradients of the layers before them).
/// </summary>
public sealed class CnnGradientCheckTests
{
    /// <summary>
    /// |analytic − numeric| ≤ AbsoluteTolerance + RelativeTolerance·|numeric|. The analytic gradient is computed in
    /// float, so it differs from the exact one by float round-off (~1e-6 relative); a wrong index or a missing term
    /// is off by the size of the gradient itself.
    /// </summary>
    private const double AbsoluteTolerance = 2e-5, RelativeTolerance = 1e-3;

    private const int Samples = 3;

    [Fact]
    public void Conv_valid_stride2_on_7x5x2_matches_finite_differences() =>
        CheckGradients(seed => new ConvValidStride2Net(seed), MseTargets);

    [Fact]
    public void Conv_same_stride2_on_7x5x2_matches_finite_differences() =>
        CheckGradients(seed => new ConvSameStride2Net(seed), Labels);

    [Fact]
    public void Overlapping_and_same_padded_max_pooling_matches_finite_differences() =>
        CheckGradients(seed => new OddPoolNet(seed), MseTargets);

    [Fact]
    public void Overlapping_and_same_padded_average_pooling_matches_finite_differences() =>
        CheckGradients(seed => new OddAveragePoolNet(seed), MseTargets);

    [Fact]
    public void Average_then_global_average_pooling_with_vector_tails_matches_finite_differences() =>
        CheckGradients(seed => new AverageThenGlobalNet(seed), OneHotTargets);

    [Fact]
    public void Global_average_pooling_as_the_first_layer_matches_finite_differences() =>
        CheckGradients(seed => new GlobalFirstNet(seed), Labels);

    [Fact]
    public void Filter_counts_with_vector_tails_match_finite_differences() =>
        CheckGradients(seed => new WideFilterNet(seed), OneHotTargets);

    [Fact]
    public void Four_pixel_blocks_beside_border_pixels_match_finite_differences() =>
        CheckGradients(seed => new WideRowNet(seed), Labels);

    [Fact]
    public void Pixel_blocks_across_rows_interior_blocks_and_per_kernel_position_input_gradients_match_finite_differences() =>
        CheckGradients(seed => new BlockedPathsNet(seed), Labels);

    [Fact]
    public void Conv_with_LeakyReLU_and_GELU_matches_finite_differences() =>
        CheckGradients(seed => new Networks.ConvModernActivationsNet(seed), MseTargets);

    [Fact]
    public void Conv_with_ELU_SiLU_and_GELUTanh_matches_finite_differences() =>
        CheckGradients(seed => new Networks.ConvSmoothActivationsNet(seed), Labels);

    [Fact]
    public void Generated_forward_matches_the_double_reference()
    {
        AssertForwardMatches(new Networks.ConvModernActivationsNet(3));
        AssertForwardMatches(new Networks.ConvSmoothActivationsNet(3));
        AssertForwardMatches(new WideRowNet(3));
        AssertForwardMatches(new BlockedPathsNet(3));
        AssertForwardMatches(new ConvValidStride2Net(3));
        AssertForwardMatches(new ConvSameStride2Net(3));
        AssertForwardMatches(new OddPoolNet(3));
        AssertForwardMatches(new WideFilterNet(3));
        AssertForwardMatches(new FashionCnn(3));
        AssertForwardMatches(new OddAveragePoolNet(3));
        AssertForwardMatches(new AverageThenGlobalNet(3));
        AssertForwardMatches(new GlobalFirstNet(3));
        AssertForwardMatches(new AveragePoolingCnn(3));
    }

    private static void AssertForwardMatches<TNet>(TNet network) where TNet : class, INetwork<TNet>
    {
        float[] inputs = RandomValues(new Random(11), 2 * TNet.InputSize);
        double[] parameters = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var outputs = new float[2 * TNet.OutputSize];
        network.PredictBatch(inputs, outputs);
        for (int s = 0; s < 2; s++)
        {
            double[] expected = ReferenceNetwork.Forward(TNet.Architecture, parameters, inputs.AsSpan(s * TNet.InputSize, TNet.InputSize));
            for (int j = 0; j < TNet.OutputSize; j++)
            {
                Assert.True(
                    Math.Abs(outputs[(s * TNet.OutputSize) + j] - expected[j]) <= 1e-4 * Math.Max(1, Math.Abs(expected[j])),
                    $"{typeof(TNet).Name} sample {s} output {j}: expected {expected[j]:R} (double reference), found {outputs[(s * TNet.OutputSize) + j]:R}");
            }
        }
    }

    private static void CheckGradients<TNet>(Func<int, TNet> create, Func<Random, int, (int[]? Labels, float[]? Targets)> makeTargets)
        where TNet : class, INetwork<TNet>
    {
        var random = new Random(7);
        TNet network = create(5);
        float[] inputs = RandomValues(random, Samples * TNet.InputSize);
        (int[]? labels, float[]? targets) = makeTargets(random, TNet.OutputSize);
        TargetBatch batch = labels is not null ? TargetBatch.FromLabels(labels) : TargetBatch.FromValues(targets);

        var analytic = new float[TNet.ParameterCount];
        network.ComputeGradients(inputs, batch, analytic, new float[Samples * TNet.OutputSize]);

        NetworkArchitecture architecture = TNet.Architecture;
        double[] parameters = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] numericGradient = FiniteDifferences.Gradient(architecture, parameters, inputs, labels, targets);
        double worst = 0;
        string worstAt = string.Empty;
        foreach (LayerInfo layer in architecture.Layers.Where(l => l.ParameterCount > 0))
        {
            double layerNorm = 0;
            for (int p = layer.WeightOffset; p < layer.WeightOffset + layer.ParameterCount; p++)
            {
                double numeric = numericGradient[p];
                double error = Math.Abs(analytic[p] - numeric);
                Assert.True(
                    error <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(numeric)),
                    $"{typeof(TNet).Name} {layer.Describe()} parameter {p - layer.WeightOffset}: expected ∂cost/∂θ = {numeric:R} (finite differences), found {analytic[p]:R}");
                layerNorm += numeric * numeric;
                if (error > worst)
                {
                    worst = error;
                    worstAt = layer.Describe();
                }
            }

            // A layer whose gradient is identically zero would pass any tolerance: make sure something flows.
            Assert.True(layerNorm > 1e-12, $"{typeof(TNet).Name} {layer.Describe()}: the gradient is zero, so the check proves nothing");
        }

        Assert.True(worst < AbsoluteTolerance, $"largest error {worst:E2} at {worstAt}");
    }

    private static (int[]?, float[]?) MseTargets(Random random, int outputs) => (null, RandomValues(random, Samples * outputs));

    private static (int[]?, float[]?) Labels(Random random, int outputs) =>
        (Enumerable.Range(0, Samples).Select(_ => random.Next(outputs)).ToArray(), null);

    private static (int[]?, float[]?) OneHotTargets(Random random, int outputs)
    {
        var targets = new float[Samples * outputs];
        for (int s = 0; s < Samples; s++)
        {
            targets[(s * outputs) + random.Next(outputs)] = 1f;
        }

        return (null, targets);
    }

    private static float[] RandomValues(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
