using Dendrite.Tests.Cnn;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Reference;

/// <summary>
/// The reference's own backward pass (<see cref="ReferenceNetwork.Gradients"/>, which the kernel checks compare the
/// generated code with) agrees with central finite differences of its forward pass and loss
/// (<see cref="ReferenceNetwork.Cost"/>, which the gradient checks differentiate), on architectures that together
/// hold every layer kind, activation, loss with and without FromLogits, padding and a stride above 1.
/// </summary>
public sealed class ReferenceNetworkTests
{
    /// <summary>
    /// |backprop − numeric| ≤ AbsoluteTolerance + RelativeTolerance·|numeric|. Both are double precision: the
    /// central difference is off by about h²·f‴ + 1e-16/h ≈ 1e-10, while a wrong derivative is off by the size of
    /// the gradient itself.
    /// </summary>
    private const double AbsoluteTolerance = 1e-8, RelativeTolerance = 1e-6;

    private const int Samples = 3;

    /// <summary>A training step's dropout masks, so the Dropout layers are checked as training runs them (other layers ignore it).</summary>
    private static readonly ReferenceDropout Masks = ReferenceDropout.ForStep(seed: 1, step: 2);

    private static readonly NetworkArchitecture[] Architectures =
    [
        GcMseLinear.Architecture, GcMseSigmoid.Architecture, GcMseTanh.Architecture, GcMseReLU.Architecture, GcMseSoftmax.Architecture,
        GcBceSigmoid.Architecture, GcBceLogits.Architecture, GcSparseSoftmax.Architecture, GcSparseLogits.Architecture,
        GcCategoricalSoftmax.Architecture, GcCategoricalLogits.Architecture, GcLogisticRegression.Architecture,
        GcSoftmaxRegression.Architecture, GcLinearRegression.Architecture,
        ConvValidStride2Net.Architecture, ConvSameStride2Net.Architecture, OddPoolNet.Architecture,
        OddAveragePoolNet.Architecture, AverageThenGlobalNet.Architecture,
        Dropout.DropoutMlp.Architecture, Dropout.DropoutCnn.Architecture,
        GcMseGelu.Architecture, GcMseSilu.Architecture, GcMseSoftplus.Architecture, GcMseLeakyReLU.Architecture,
        GcMseElu.Architecture, GcMseGeluTanh.Architecture, GcBceLogitsGelu.Architecture,
        ConvModernActivationsNet.Architecture, ConvSmoothActivationsNet.Architecture,
    ];

    public static TheoryData<string> Names() => new(Architectures.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Backpropagation_matches_finite_differences(string name)
    {
        NetworkArchitecture architecture = Architectures.Single(a => a.Name == name);
        var random = new Random(name.Sum(c => c));
        double[] parameters = Enumerable.Range(0, architecture.ParameterCount).Select(_ => (random.NextDouble() - 0.5) * 0.8).ToArray();
        float[] inputs = Enumerable.Range(0, Samples * architecture.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        (int[]? labels, float[]? targets) = Targets(architecture, random);

        var backprop = new double[parameters.Length];
        double lossSum = ReferenceNetwork.Gradients(architecture, parameters, inputs, labels, targets, backprop, Masks);
        double[] numeric = FiniteDifferences.Gradient(architecture, parameters, inputs, labels, targets, Masks);

        Assert.Equal(ReferenceNetwork.Cost(architecture, parameters, inputs, labels, targets, Masks) * Samples, lossSum, 1e-12 * Math.Max(1, lossSum));
        foreach (LayerInfo layer in architecture.Layers.Where(l => l.ParameterCount > 0))
        {
            double layerNorm = 0;
            for (int p = layer.WeightOffset; p < layer.WeightOffset + layer.ParameterCount; p++)
            {
                Assert.True(
                    Math.Abs(backprop[p] - numeric[p]) <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(numeric[p])),
                    $"{name} {layer.Describe()} parameter {p - layer.WeightOffset}: finite differences {numeric[p]:R}, backpropagation {backprop[p]:R}");
                layerNorm += numeric[p] * numeric[p];
            }

            // A layer whose gradient is identically zero would pass any tolerance: make sure something flows.
            Assert.True(layerNorm > 1e-12, $"{name} {layer.Describe()}: the gradient is zero, so the check proves nothing");
        }
    }

    [Fact]
    public void The_checked_architectures_hold_every_layer_kind_activation_loss_and_padding()
    {
        IEnumerable<LayerInfo> layers = Architectures.SelectMany(a => a.Layers);
        // BatchNormalization couples the samples of a batch, so this per-sample reference cannot hold it: its checks run
        // against the batch reference (ReferenceBatchNetwork, BatchNormalizationGradientTests).
        Assert.Equal(Enum.GetValues<LayerKind>().Where(k => k != LayerKind.BatchNormalization), layers.Select(l => l.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<Activation>(), layers.Where(l => l.Kind is not (LayerKind.MaxPool2D or LayerKind.Flatten or LayerKind.AveragePooling2D or LayerKind.GlobalAveragePooling2D or LayerKind.Dropout)).Select(l => l.Activation).Distinct().Order());
        Assert.Equal(
            Enum.GetValues<Loss>().SelectMany(loss => new[] { (loss, false), (loss, true) }).Where(c => c != (Loss.MeanSquaredError, true)),
            Architectures.Select(a => (a.Loss, a.FromLogits)).Distinct().Order());
        foreach (LayerKind kind in new[] { LayerKind.Conv2D, LayerKind.MaxPool2D, LayerKind.AveragePooling2D })
        {
            Assert.Equal(Enum.GetValues<Padding>(), layers.Where(l => l.Kind == kind).Select(l => l.Padding).Distinct().Order());
            Assert.Contains(layers, l => l.Kind == kind && l.Stride > 1);
        }
    }

    private static (int[]? Labels, float[]? Targets) Targets(NetworkArchitecture architecture, Random random)
    {
        int n = architecture.OutputSize;
        if (architecture.TargetKind == TargetKind.ClassLabels)
        {
            return (Enumerable.Range(0, Samples).Select(_ => random.Next(n)).ToArray(), null);
        }

        var targets = new float[Samples * n];
        for (int s = 0; s < Samples; s++)
        {
            // Probability vectors for categorical cross-entropy, values in [0, 1) otherwise.
            double[] row = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            double total = architecture.Loss == Loss.CategoricalCrossentropy ? row.Sum() : 1;
            for (int j = 0; j < n; j++)
            {
                targets[(s * n) + j] = (float)(row[j] / total);
            }
        }

        return (null, targets);
    }
}
