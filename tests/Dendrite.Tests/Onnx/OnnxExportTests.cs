using Dendrite.Tests.Cnn;
using Dendrite.Tests.Networks;
using Dendrite.Tests.Normalization;
using Microsoft.ML.OnnxRuntime;
using Xunit;
using Xunit.Abstractions;

namespace Dendrite.Tests.Onnx;

/// <summary>
/// ONNX Runtime runs what <c>SaveOnnx</c> writes, on the same inputs as <c>Predict</c>, for networks that together use
/// every layer kind and every activation (checked by a test below): the outputs agree within
/// <see cref="Tolerance"/> relative. Parameters and BatchNormalization statistics are perturbed away from their
/// initial values first, so biases, γ, β and the moving statistics are all non-trivial.
/// </summary>
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    /// <summary>
    /// |ONNX Runtime − Predict| ≤ 1e-5 · max(‖Predict‖∞, 1) for every output of a sample: relative to the sample's
    /// largest output, absolute below 1 (a bound relative to each output would compare rounding noise on outputs near 0
    /// that came from large intermediate values). Both compute in float, in different orders and with different
    /// exp/erf/tanh implementations, so bit equality is not expected.
    /// </summary>
    private const float Tolerance = 1e-5f;

    private const int Samples = 64;

    public static TheoryData<string> NetworkNames => [.. Exports.Keys];

    /// <summary>Each network's architecture (for the coverage test) and the check that exports and compares it.</summary>
    private static readonly Dictionary<string, (NetworkArchitecture Architecture, Func<float> Check)> Exports = new()
    {
        [nameof(DigitClassifier)] = Export(() => new DigitClassifier(seed: 1)),
        [nameof(GcMseSigmoid)] = Export(() => new GcMseSigmoid(seed: 2)),
        [nameof(GcMseSoftmax)] = Export(() => new GcMseSoftmax(seed: 3)),
        [nameof(GcMseGelu)] = Export(() => new GcMseGelu(seed: 4)),
        [nameof(GcMseSilu)] = Export(() => new GcMseSilu(seed: 5)),
        [nameof(GcMseSoftplus)] = Export(() => new GcMseSoftplus(seed: 6)),
        [nameof(GcMseLeakyReLU)] = Export(() => new GcMseLeakyReLU(seed: 7)),
        [nameof(GcMseElu)] = Export(() => new GcMseElu(seed: 8)),
        [nameof(GcMseGeluTanh)] = Export(() => new GcMseGeluTanh(seed: 9)),
        [nameof(ConvModernActivationsNet)] = Export(() => new ConvModernActivationsNet(seed: 10)),
        [nameof(ConvSmoothActivationsNet)] = Export(() => new ConvSmoothActivationsNet(seed: 11)),
        [nameof(ConvValidStride2Net)] = Export(() => new ConvValidStride2Net(seed: 12)),
        [nameof(ConvSameStride2Net)] = Export(() => new ConvSameStride2Net(seed: 13)),
        [nameof(OddPoolNet)] = Export(() => new OddPoolNet(seed: 14)),
        [nameof(WideFilterNet)] = Export(() => new WideFilterNet(seed: 15)),
        [nameof(FashionCnn)] = Export(() => new FashionCnn(seed: 16)),
        [nameof(OddAveragePoolNet)] = Export(() => new OddAveragePoolNet(seed: 17)),
        [nameof(AverageThenGlobalNet)] = Export(() => new AverageThenGlobalNet(seed: 18)),
        [nameof(GlobalFirstNet)] = Export(() => new GlobalFirstNet(seed: 19)),
        [nameof(NormalizedDenseNet)] = Export(() => new NormalizedDenseNet(seed: 20)),
        [nameof(NormalizedConvNet)] = Export(() => new NormalizedConvNet(seed: 21)),
        [nameof(TwiceNormalizedNet)] = Export(() => new TwiceNormalizedNet(seed: 22)),
        [nameof(NormalizedFashionCnn)] = Export(() => new NormalizedFashionCnn(seed: 23)),
        [nameof(OnnxSoftmaxMlp)] = Export(() => new OnnxSoftmaxMlp(seed: 24)),
        [nameof(OnnxWindowsNet)] = Export(() => new OnnxWindowsNet(seed: 25)),
    };

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void Onnx_Runtime_gives_Predicts_outputs(string network) =>
        output.WriteLine($"{network}: largest difference {Exports[network].Check():G3} × max(‖Predict‖∞, 1)");

    [Fact]
    public void The_exported_networks_cover_every_layer_kind_and_activation()
    {
        NetworkArchitecture[] architectures = [.. Exports.Values.Select(export => export.Architecture)];
        LayerInfo[] layers = [.. architectures.SelectMany(architecture => architecture.Layers)];

        Assert.Equal(Enum.GetValues<LayerKind>().Order(), layers.Select(layer => layer.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<Activation>().Order(), layers.Select(layer => layer.Activation).Distinct().Order());
        Assert.Contains(architectures, architecture => architecture.FromLogits);
        Assert.Contains(layers, layer => layer.Kind == LayerKind.Conv2D && layer.Padding == Padding.Same && layer.Stride > 1);
        Assert.Contains(layers, layer => layer.Kind == LayerKind.AveragePooling2D && layer.Padding == Padding.Same);
        Assert.Contains(layers, layer => layer.Kind == LayerKind.MaxPool2D && layer.Padding == Padding.Same);
        Assert.Contains(layers, layer => layer.Activation == Activation.LeakyReLU && layer.Slope != 0.2f);
    }

    [Fact]
    public void The_graph_declares_a_symbolic_batch_and_channels_last_images()
    {
        using var session = new InferenceSession(OnnxExport.Serialize(new FashionCnn(seed: 1)));

        NodeMetadata input = session.InputMetadata["input"], output = session.OutputMetadata["output"];
        Assert.Equal([-1, 28, 28, 1], input.Dimensions);
        Assert.Equal("batch", input.SymbolicDimensions[0]);
        Assert.Equal([-1, FashionCnn.OutputSize], output.Dimensions);
        Assert.Equal("batch", output.SymbolicDimensions[0]);
        Assert.Equal(typeof(float), input.ElementType);
        Assert.Equal(typeof(float), output.ElementType);
    }

    [Fact]
    public void A_vector_network_takes_batch_by_features()
    {
        using var session = new InferenceSession(OnnxExport.Serialize(new DigitClassifier(seed: 1)));

        Assert.Equal([-1, 784], session.InputMetadata["input"].Dimensions);
        Assert.Equal([-1, 10], session.OutputMetadata["output"].Dimensions);
    }

    [Fact]
    public void The_same_network_and_values_give_the_same_bytes()
    {
        var network = new OnnxWindowsNet(seed: 3);

        Assert.Equal(OnnxExport.Serialize(network), OnnxExport.Serialize(new OnnxWindowsNet(seed: 3)));
        network.Parameters[0] += 1f;
        Assert.NotEqual(OnnxExport.Serialize(network), OnnxExport.Serialize(new OnnxWindowsNet(seed: 3)));
    }

    [Fact]
    public void The_export_reads_the_current_values_after_Fit()
    {
        var network = new NormalizedDenseNet(seed: 4);
        var random = new Random(5);
        float[] inputs = RandomValues(random, 32 * NormalizedDenseNet.InputSize, 2f);
        float[] targets = RandomValues(random, 32 * NormalizedDenseNet.OutputSize, 1f);
        byte[] before = OnnxExport.Serialize(network);

        network.Fit(inputs, targets, new FitOptions { Epochs = 2, BatchSize = 8, Verbosity = Verbosity.Silent });

        Assert.NotEqual(before, OnnxExport.Serialize(network));
        AssertSameOutputs(network, inputs, 32);
    }

    private static (NetworkArchitecture, Func<float>) Export<TNetwork>(Func<TNetwork> create)
        where TNetwork : class, INetwork<TNetwork>
        => (TNetwork.Architecture, () => Check(create()));

    /// <summary>Perturbs the network, exports it, runs both and compares; returns the largest scaled difference.</summary>
    private static float Check<TNetwork>(TNetwork network)
        where TNetwork : class, INetwork<TNetwork>
    {
        var random = new Random(TNetwork.ParameterCount);
        Perturb(network, random);
        float[] inputs = RandomValues(random, Samples * TNetwork.InputSize, 2f);
        return AssertSameOutputs(network, inputs, Samples);
    }

    private static float AssertSameOutputs<TNetwork>(TNetwork network, float[] inputs, int samples)
        where TNetwork : class, INetwork<TNetwork>
    {
        float[] onnx = OnnxRuntimeRunner.Run(OnnxExport.Serialize(network), inputs, samples);

        Assert.Equal(samples * TNetwork.OutputSize, onnx.Length);
        var expected = new float[TNetwork.OutputSize];
        float largest = 0f;
        for (int s = 0; s < samples; s++)
        {
            network.Predict(inputs.AsSpan(s * TNetwork.InputSize, TNetwork.InputSize), expected);
            float scale = 1f;
            foreach (float value in expected)
            {
                scale = MathF.Max(scale, MathF.Abs(value));
            }

            float bound = Tolerance * scale;
            for (int j = 0; j < expected.Length; j++)
            {
                float actual = onnx[(s * expected.Length) + j];
                largest = MathF.Max(largest, MathF.Abs(actual - expected[j]) / scale);
                Assert.True(
                    MathF.Abs(actual - expected[j]) <= bound,
                    $"{TNetwork.Architecture.Name}, sample {s}, output {j}: Predict gives {expected[j]:R}, ONNX Runtime {actual:R} (difference {MathF.Abs(actual - expected[j]):R}, bound {bound:R}).");
            }
        }

        return largest;
    }

    /// <summary>
    /// Weights (and γ) scaled by a factor in [0.75, 1.25], so they keep their initialiser's magnitude; biases (and β)
    /// moved by up to ±0.2 from 0; moving means in ±0.5 and moving variances in [0.5, 2].
    /// </summary>
    internal static void Perturb<TNetwork>(TNetwork network, Random random)
        where TNetwork : class, INetwork<TNetwork>
    {
        Span<float> parameters = network.Parameters;
        foreach (LayerInfo layer in TNetwork.Architecture.Layers)
        {
            for (int i = 0; i < layer.WeightCount; i++)
            {
                parameters[layer.WeightOffset + i] *= (float)(0.75 + (random.NextDouble() * 0.5));
            }

            for (int i = 0; i < layer.BiasCount; i++)
            {
                parameters[layer.BiasOffset + i] += (float)((random.NextDouble() * 0.4) - 0.2);
            }
        }

        int offset = 0;
        Span<float> statistics = network.NonTrainableParameters;
        foreach (LayerInfo layer in TNetwork.Architecture.Layers.Where(layer => layer.NonTrainableParameterCount > 0))
        {
            int channels = layer.NonTrainableParameterCount / 2;
            for (int c = 0; c < channels; c++)
            {
                statistics[offset + c] = (float)(random.NextDouble() - 0.5);
                statistics[offset + channels + c] = (float)(0.5 + (random.NextDouble() * 1.5));
            }

            offset += layer.NonTrainableParameterCount;
        }
    }

    internal static float[] RandomValues(Random random, int count, float range)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * range);
        }

        return values;
    }
}
