using Dendrite.Tests.Cnn;
using Dendrite.Tests.Generator;
using Dendrite.Tests.Networks;
using Dendrite.Tests.Normalization;
using Dendrite.Tests.Onnx.Import;
using Xunit;

namespace Dendrite.Tests.Onnx;

/// <summary>
/// Export then import is the identity: a network written by <c>SaveOnnx</c> and compiled back with
/// <c>[Network(Onnx = …)]</c> gives the original's outputs bit for bit, in <c>Predict</c> and in <c>PredictBatch</c>.
/// The networks are OnnxExportTests' (every layer kind and activation between them; the small ones, as compiling
/// FashionCnn's 225,000 weights in took 83 s of the suite), perturbed the same way, so biases, γ, β and the moving
/// statistics are all non-trivial.
/// </summary>
public sealed class OnnxRoundTripTests
{
    private const int Samples = 24;

    public static TheoryData<string> NetworkNames => [.. Networks.Keys];

    private static readonly Dictionary<string, Func<RoundTrip>> Networks = new()
    {
        [nameof(DigitClassifier)] = () => RoundTrip.Of(new DigitClassifier(seed: 1)),
        [nameof(GcMseSoftmax)] = () => RoundTrip.Of(new GcMseSoftmax(seed: 3)),
        [nameof(GcMseGelu)] = () => RoundTrip.Of(new GcMseGelu(seed: 4)),
        [nameof(GcMseSilu)] = () => RoundTrip.Of(new GcMseSilu(seed: 5)),
        [nameof(GcMseSoftplus)] = () => RoundTrip.Of(new GcMseSoftplus(seed: 6)),
        [nameof(GcMseLeakyReLU)] = () => RoundTrip.Of(new GcMseLeakyReLU(seed: 7)),
        [nameof(GcMseElu)] = () => RoundTrip.Of(new GcMseElu(seed: 8)),
        [nameof(GcMseGeluTanh)] = () => RoundTrip.Of(new GcMseGeluTanh(seed: 9)),
        [nameof(ConvModernActivationsNet)] = () => RoundTrip.Of(new ConvModernActivationsNet(seed: 10)),
        [nameof(ConvSameStride2Net)] = () => RoundTrip.Of(new ConvSameStride2Net(seed: 13)),
        [nameof(ConvValidStride2Net)] = () => RoundTrip.Of(new ConvValidStride2Net(seed: 12)),
        [nameof(OddPoolNet)] = () => RoundTrip.Of(new OddPoolNet(seed: 14)),
        [nameof(AverageThenGlobalNet)] = () => RoundTrip.Of(new AverageThenGlobalNet(seed: 18)),
        [nameof(NormalizedFashionCnn)] = () => RoundTrip.Of(new NormalizedFashionCnn(seed: 23)),
        [nameof(OnnxSoftmaxMlp)] = () => RoundTrip.Of(new OnnxSoftmaxMlp(seed: 24)),
        [nameof(OnnxWindowsNet)] = () => RoundTrip.Of(new OnnxWindowsNet(seed: 25)),
    };

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void Export_then_import_gives_the_original_outputs_bit_for_bit(string network)
    {
        RoundTrip trip = Networks[network]();
        const string File = "roundtrip.onnx";
        GeneratorRun run = OnnxImportHarness.Run(File, trip.Onnx, OnnxImportHarness.Source(File, trip.Loss.ToString(), trip.FromLogits));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, network + ": " + GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationProblems().Count == 0, network + ": " + GeneratorRun.Describe(run.CompilationProblems()));
        using InMemoryAssembly imported = run.Load();

        Assert.Equal(trip.InputSize, (int)imported.StaticProperty("Onnx.Probe", "InputSize")!);
        Assert.Equal(trip.OutputSize, (int)imported.StaticProperty("Onnx.Probe", "OutputSize")!);
        for (int s = 0; s < Samples; s++)
        {
            float[] input = trip.Inputs.AsSpan(s * trip.InputSize, trip.InputSize).ToArray();
            var actual = (float[])imported.InvokeStatic("Onnx.Probe", "Predict", input)!;
            Assert.Equal(trip.Predicted.AsSpan(s * trip.OutputSize, trip.OutputSize).ToArray(), actual);
        }

        Assert.Equal(trip.Batch, (float[])imported.InvokeStatic("Onnx.Probe", "PredictBatch", trip.Inputs)!);
    }

    [Fact]
    public void The_round_tripped_networks_cover_every_layer_kind_and_activation()
    {
        LayerInfo[] layers = [.. Networks.Values.SelectMany(make => make().Architecture.Layers)];

        Assert.Equal(Enum.GetValues<LayerKind>().Order(), layers.Select(layer => layer.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<Activation>().Order(), layers.Select(layer => layer.Activation).Distinct().Order());
    }

    /// <summary>One exported network: its file, its loss, and what Predict and PredictBatch give on some inputs.</summary>
    private sealed record RoundTrip(NetworkArchitecture Architecture, byte[] Onnx, Loss Loss, bool FromLogits, int InputSize, int OutputSize, float[] Inputs, float[] Predicted, float[] Batch)
    {
        public static RoundTrip Of<TNetwork>(TNetwork network)
            where TNetwork : class, INetwork<TNetwork>
        {
            var random = new Random(TNetwork.ParameterCount + 1);
            OnnxExportTests.Perturb(network, random);
            float[] inputs = OnnxExportTests.RandomValues(random, Samples * TNetwork.InputSize, 2f);
            var predicted = new float[Samples * TNetwork.OutputSize];
            for (int s = 0; s < Samples; s++)
            {
                network.Predict(inputs.AsSpan(s * TNetwork.InputSize, TNetwork.InputSize), predicted.AsSpan(s * TNetwork.OutputSize, TNetwork.OutputSize));
            }

            var batch = new float[Samples * TNetwork.OutputSize];
            network.PredictBatch(inputs, batch);
            NetworkArchitecture architecture = TNetwork.Architecture;
            return new RoundTrip(architecture, OnnxExport.Serialize(network), architecture.Loss, architecture.FromLogits, TNetwork.InputSize, TNetwork.OutputSize, inputs, predicted, batch);
        }
    }
}
