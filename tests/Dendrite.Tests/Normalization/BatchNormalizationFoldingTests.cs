using Dendrite.Tests.Kernels;
using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Normalization;

/// <summary>A linear Dense layer normalised, then an output layer the tests set to the identity, so the output is the normalisation's.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(33)]
[Dense(17)]
[BatchNormalization]
[Dense(17)]
public partial class FoldBoundDenseNet;

/// <summary>A linear Same convolution normalised per channel, flattened into an identity output layer.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5, 4, 3)]
[Conv2D(6, kernel: 3, Padding = Padding.Same)]
[BatchNormalization]
[Flatten]
[Dense(120)]
public partial class FoldBoundConvNet;

/// <summary>
/// Batch inference (PredictBatch, and ComputeLoss under Evaluate and validation) folds each BatchNormalization after a
/// linear layer into that layer's weights, W' = s·W and b' = s·(b − moving μ) + β with s = γ/√(moving σ² + ε), rebuilt
/// from the current parameters at every call; Predict applies s and t = β − moving μ·s in place to the layer's output.
/// Both are the exact normalisation up to float rounding, with the bound below, and both follow every way the weights
/// can change: Fit, Load, and direct writes to Parameters and NonTrainableParameters.
/// </summary>
[Collection(nameof(ThreadSettingCollection))]
public sealed class BatchNormalizationFoldingTests
{
    /// <summary>The unit roundoff of float, 2⁻²⁴.</summary>
    private const double U = 1.0 / (1 << 24);

    /// <summary>
    /// The bound, per normalised value y of a unit with fan-in n (inputs x, weights w, bias b, moving μ, scale s, shift β):
    /// |y − y_exact| ≤ (n + 8)·u·M with M = |s|·(Σ|w·x| + |b| + |μ|) + |β| and u = 2⁻²⁴: a dot product of n terms in any
    /// order is within n·u·Σ|w·x|, and the scale, the shift and the fold add a few roundings each (s itself is a division
    /// and a square root). Checked here for every value of a Dense and a Conv2D layer, folded (PredictBatch, ComputeLoss)
    /// and unfolded (Predict), with s from 0.07 to 45 and means and biases that cancel most of Σ w·x.
    /// </summary>
    [Fact]
    public void Folded_and_unfolded_values_are_within_the_rounding_bound_of_the_exact_normalisation_Dense()
    {
        var network = new FoldBoundDenseNet(1);
        var random = new Random(5);
        Span<float> p = network.Parameters;
        LayerInfo dense = FoldBoundDenseNet.Architecture.Layers[0], norm = FoldBoundDenseNet.Architecture.Layers[1], output = FoldBoundDenseNet.Architecture.Layers[2];
        Randomize(random, network, dense, norm);
        SetIdentity(p, output);

        const int Samples = 70; // more than one chunk of PredictBatch
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, Samples * FoldBoundDenseNet.InputSize);
        (double[] exact, double[] magnitude) = ExactDense(p, network.NonTrainableParameters, dense, norm, inputs, Samples);
        AssertWithinBound(network, inputs, Samples, exact, magnitude, fanIn: 33);
    }

    /// <summary>The bound of the Dense case for a convolution: fan-in 3·3·3 = 27, Same padding, 20 pixels per channel.</summary>
    [Fact]
    public void Folded_and_unfolded_values_are_within_the_rounding_bound_of_the_exact_normalisation_Conv2D()
    {
        var network = new FoldBoundConvNet(1);
        var random = new Random(6);
        Span<float> p = network.Parameters;
        LayerInfo conv = FoldBoundConvNet.Architecture.Layers[0], norm = FoldBoundConvNet.Architecture.Layers[1], output = FoldBoundConvNet.Architecture.Layers[3];
        Randomize(random, network, conv, norm);
        SetIdentity(p, output);

        const int Samples = 9;
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, Samples * FoldBoundConvNet.InputSize);
        (double[] exact, double[] magnitude) = ExactConv(p, network.NonTrainableParameters, conv, norm, inputs, Samples);
        AssertWithinBound(network, inputs, Samples, exact, magnitude, fanIn: 27);
    }

    /// <summary>
    /// After Fit, after Load, and after each kind of direct write, PredictBatch, ComputeLoss (what Evaluate runs) and
    /// Predict agree with the double-precision reference of the unfolded normalisation (relative 1e-5, the tolerance of
    /// the other BatchNormalization inference tests) — so no stale fold survives a change of the weights — for a network
    /// that folds (linear Conv2D before the normalisation) and one that cannot (tanh Dense before it: scale and shift in place).
    /// </summary>
    [Fact]
    public void Inference_follows_Fit_Load_and_direct_writes_when_folded()
    {
        var random = new Random(11);
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, 40 * NormalizedConvNet.InputSize);
        int[] labels = Enumerable.Range(0, 40).Select(i => i % 3).ToArray();
        var network = new NormalizedConvNet(2);
        AssertMatchesReference(network, inputs, labels, "fresh");

        network.Fit(inputs, labels, new FitOptions { Epochs = 3, BatchSize = 8, Seed = 1, Verbosity = Verbosity.Silent });
        AssertMatchesReference(network, inputs, labels, "after Fit");
        Assert.NotEqual(0f, network.NonTrainableParameters[0]); // training moved the statistics the fold reads

        using var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        NormalizedConvNet loaded = NormalizedConvNet.Load(stream);
        AssertMatchesReference(loaded, inputs, labels, "after Load");

        float[] before = Batch(loaded, inputs);
        LayerInfo conv = NormalizedConvNet.Architecture.Layers[0], norm = NormalizedConvNet.Architecture.Layers[1];
        loaded.NonTrainableParameters[1] += 0.75f; // moving μ of channel 1
        loaded.NonTrainableParameters[4 + 2] *= 3f; // moving σ² of channel 2
        AssertMatchesReference(loaded, inputs, labels, "after writing the moving statistics");
        loaded.Parameters[norm.WeightOffset + 3] = -2f; // γ of channel 3
        loaded.Parameters[norm.BiasOffset] = 0.5f; // β of channel 0
        AssertMatchesReference(loaded, inputs, labels, "after writing γ and β");
        loaded.Parameters[conv.WeightOffset + 5] += 1f; // a kernel weight of filter 1
        loaded.Parameters[conv.BiasOffset + 2] = 0.25f; // the bias of filter 2
        AssertMatchesReference(loaded, inputs, labels, "after writing the convolution's weights");
        Assert.NotEqual(before, Batch(loaded, inputs));
    }

    /// <summary>The same for normalisations after a tanh Dense and a sigmoid Dense, which batch inference cannot fold.</summary>
    [Fact]
    public void Inference_follows_Fit_and_direct_writes_when_not_folded()
    {
        var random = new Random(12);
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, 30 * TwiceNormalizedNet.InputSize);
        float[] targets = Enumerable.Range(0, 30).Select(i => (float)(i % 2)).ToArray();
        var network = new TwiceNormalizedNet(4);
        network.Fit(inputs, targets, new FitOptions { Epochs = 3, BatchSize = 6, Seed = 1, Verbosity = Verbosity.Silent });
        AssertMatchesReference(network, inputs, TargetBatch.FromValues(targets), "after Fit");
        network.NonTrainableParameters[2] -= 0.5f;
        network.Parameters[TwiceNormalizedNet.Architecture.Layers[1].WeightOffset] = 3f;
        AssertMatchesReference(network, inputs, TargetBatch.FromValues(targets), "after direct writes");
    }

    /// <summary>Folding rebuilds a per-thread copy in place: PredictBatch (1 and 2 threads) and Evaluate allocate nothing once warm.</summary>
    [Fact]
    public void PredictBatch_and_Evaluate_allocate_nothing_once_warm()
    {
        var network = new NormalizedFashionCnn(1);
        var random = new Random(2);
        const int Samples = 200;
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, Samples * NormalizedFashionCnn.InputSize);
        int[] labels = Enumerable.Range(0, Samples).Select(i => i % 10).ToArray();
        var outputs = new float[Samples * NormalizedFashionCnn.OutputSize];
        for (int i = 0; i < 3; i++)
        {
            network.PredictBatch(inputs, outputs, maxThreads: 1);
            network.PredictBatch(inputs, outputs, maxThreads: 2);
            network.ComputeLoss(inputs, TargetBatch.FromLabels(labels), outputs);
        }

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(5, () =>
        {
            network.PredictBatch(inputs, outputs, maxThreads: 1);
            network.PredictBatch(inputs, outputs, maxThreads: 2);
            network.ComputeLoss(inputs, TargetBatch.FromLabels(labels), outputs);
        }));
        float[] two = outputs.ToArray();
        network.PredictBatch(inputs, outputs, maxThreads: 1);
        Assert.Equal(outputs, two); // each thread folds its own copy, to the same bits
    }

    private static void AssertWithinBound<TNetwork>(TNetwork network, float[] inputs, int samples, double[] exact, double[] magnitude, int fanIn)
        where TNetwork : class, INetwork<TNetwork>
    {
        int size = TNetwork.OutputSize;
        var batch = new float[samples * size];
        network.PredictBatch(inputs, batch);
        var loss = new float[samples * size];
        network.ComputeLoss(inputs, TargetBatch.FromValues(new float[samples * size]), loss);
        var one = new float[size];
        int differ = 0;
        for (int s = 0; s < samples; s++)
        {
            network.Predict(inputs.AsSpan(s * TNetwork.InputSize, TNetwork.InputSize), one);
            for (int j = 0; j < size; j++)
            {
                int k = (s * size) + j;
                double bound = (fanIn + 8) * U * magnitude[k];
                Assert.True(Math.Abs(one[j] - exact[k]) <= bound, $"Predict, value {k}: exact {exact[k]:R}, found {one[j]:R}, bound {bound:R}");
                Assert.True(Math.Abs(batch[k] - exact[k]) <= bound, $"PredictBatch, value {k}: exact {exact[k]:R}, found {batch[k]:R}, bound {bound:R}");
                Assert.Equal(batch[k], loss[k]);
                differ += one[j] == batch[k] ? 0 : 1;
            }
        }

        Assert.True(differ > 0, "the folded and unfolded paths should round differently somewhere, or the test does not see the fold");
    }

    /// <summary>Random weights, γ, β and moving statistics chosen so that s ranges widely and μ cancels most of Z.</summary>
    private static void Randomize<TNetwork>(Random random, TNetwork network, LayerInfo layer, LayerInfo norm)
        where TNetwork : class, INetwork<TNetwork>
    {
        Span<float> p = network.Parameters;
        Span<float> state = network.NonTrainableParameters;
        int channels = norm.WeightCount;
        for (int i = 0; i < layer.ParameterCount; i++)
        {
            p[layer.WeightOffset + i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (int c = 0; c < channels; c++)
        {
            p[norm.WeightOffset + c] = (float)((random.NextDouble() * 3) - 1.5);
            p[norm.BiasOffset + c] = (float)((random.NextDouble() * 2) - 1);
            state[c] = (float)((random.NextDouble() * 4) - 2); // moving μ
            state[channels + c] = (float)Math.Pow(10, (random.NextDouble() * 4) - 3); // moving σ² from 0.001 to 10
        }
    }

    private static void SetIdentity(Span<float> p, LayerInfo output)
    {
        int n = output.BiasCount;
        p.Slice(output.WeightOffset, output.ParameterCount).Clear();
        for (int j = 0; j < n; j++)
        {
            p[output.WeightOffset + (j * n) + j] = 1f;
        }
    }

    private static (double Exact, double Magnitude) Normalize(double dot, double absDot, double b, ReadOnlySpan<float> p, ReadOnlySpan<float> state, LayerInfo norm, int c)
    {
        int channels = norm.WeightCount;
        double s = p[norm.WeightOffset + c] / Math.Sqrt(state[channels + c] + 0.001f);
        double mu = state[c], beta = p[norm.BiasOffset + c];
        return ((s * (dot + b - mu)) + beta, (Math.Abs(s) * (absDot + Math.Abs(b) + Math.Abs(mu))) + Math.Abs(beta));
    }

    private static (double[] Exact, double[] Magnitude) ExactDense(ReadOnlySpan<float> p, ReadOnlySpan<float> state, LayerInfo dense, LayerInfo norm, float[] inputs, int samples)
    {
        int n = dense.InputShape.Size, units = dense.BiasCount;
        var exact = new double[samples * units];
        var magnitude = new double[exact.Length];
        for (int s = 0; s < samples; s++)
        {
            for (int j = 0; j < units; j++)
            {
                double dot = 0, abs = 0;
                for (int i = 0; i < n; i++)
                {
                    double term = (double)p[dense.WeightOffset + (j * n) + i] * inputs[(s * n) + i];
                    dot += term;
                    abs += Math.Abs(term);
                }

                (exact[(s * units) + j], magnitude[(s * units) + j]) = Normalize(dot, abs, p[dense.BiasOffset + j], p, state, norm, j);
            }
        }

        return (exact, magnitude);
    }

    private static (double[] Exact, double[] Magnitude) ExactConv(ReadOnlySpan<float> p, ReadOnlySpan<float> state, LayerInfo conv, LayerInfo norm, float[] inputs, int samples)
    {
        int h = conv.InputShape.Height, w = conv.InputShape.Width, cin = conv.InputShape.Channels, filters = conv.OutputShape.Channels, k = conv.KernelSize;
        int size = h * w * filters;
        var exact = new double[samples * size];
        var magnitude = new double[exact.Length];
        for (int s = 0; s < samples; s++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    for (int f = 0; f < filters; f++)
                    {
                        double dot = 0, abs = 0;
                        for (int ky = 0; ky < k; ky++)
                        {
                            for (int kx = 0; kx < k; kx++)
                            {
                                int iy = y + ky - (k / 2), ix = x + kx - (k / 2); // Same padding, stride 1
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                {
                                    continue;
                                }

                                for (int c = 0; c < cin; c++)
                                {
                                    double term = (double)p[conv.WeightOffset + (((((ky * k) + kx) * cin) + c) * filters) + f] * inputs[(s * h * w * cin) + (((iy * w) + ix) * cin) + c];
                                    dot += term;
                                    abs += Math.Abs(term);
                                }
                            }
                        }

                        int index = (s * size) + (((y * w) + x) * filters) + f;
                        (exact[index], magnitude[index]) = Normalize(dot, abs, p[conv.BiasOffset + f], p, state, norm, f);
                    }
                }
            }
        }

        return (exact, magnitude);
    }

    private static float[] Batch(NormalizedConvNet network, float[] inputs)
    {
        var outputs = new float[inputs.Length / NormalizedConvNet.InputSize * NormalizedConvNet.OutputSize];
        network.PredictBatch(inputs, outputs);
        return outputs;
    }

    private static void AssertMatchesReference(NormalizedConvNet network, float[] inputs, int[] labels, string when) =>
        AssertMatchesReference(network, inputs, TargetBatch.FromLabels(labels), when);

    private static void AssertMatchesReference<TNetwork>(TNetwork network, float[] inputs, TargetBatch targets, string when)
        where TNetwork : class, INetwork<TNetwork>
    {
        int samples = inputs.Length / TNetwork.InputSize, size = TNetwork.OutputSize;
        double[][] expected = ReferenceBatchNetwork.Forward(TNetwork.Architecture, network.Parameters.ToArray().Select(v => (double)v).ToArray(),
            network.NonTrainableParameters.ToArray().Select(v => (double)v).ToArray(), inputs, training: false);
        var batch = new float[samples * size];
        network.PredictBatch(inputs, batch, maxThreads: 2);
        var loss = new float[samples * size];
        network.ComputeLoss(inputs, targets, loss);
        var one = new float[size];
        for (int s = 0; s < samples; s++)
        {
            network.Predict(inputs.AsSpan(s * TNetwork.InputSize, TNetwork.InputSize), one);
            for (int j = 0; j < size; j++)
            {
                double e = expected[s][j], tolerance = 1e-5 * Math.Max(1, Math.Abs(e));
                Assert.True(Math.Abs(one[j] - e) <= tolerance, $"{when}, Predict, sample {s} output {j}: expected {e:R}, found {one[j]:R}");
                Assert.True(Math.Abs(batch[(s * size) + j] - e) <= tolerance, $"{when}, PredictBatch, sample {s} output {j}: expected {e:R}, found {batch[(s * size) + j]:R}");
                Assert.Equal(batch[(s * size) + j], loss[(s * size) + j]);
            }
        }
    }
}
