using Dendrite.Tests.Generator;
using Dendrite.Tests.Weights;
using Xunit;

namespace Dendrite.Tests.Normalization;

/// <summary>
/// Weights files, format version 2: the moving statistics are saved and loaded with the parameters, compiled in with
/// [Network(Weights = ...)], version-1 files still load, and a file whose non-trainable section does not fit is refused
/// with the reason.
/// </summary>
public sealed class BatchNormalizationWeightsTests
{
    private const int VersionAt = 8;

    private static readonly string VersionOneFile = Path.Combine(AppContext.BaseDirectory, "Weights", "pretrained-test.weights");

    [Fact]
    public void Save_and_Load_keep_the_parameters_and_the_moving_statistics_bit_for_bit()
    {
        NormalizedConvNet trained = Trained();
        byte[] file = WeightsFile.Serialize(trained);
        Assert.Equal(2u, BitConverter.ToUInt32(file, VersionAt));

        NormalizedConvNet loaded = NormalizedConvNet.Load(new MemoryStream(file));
        Assert.Equal(Bits(trained.Parameters.ToArray()), Bits(loaded.Parameters.ToArray()));
        Assert.Equal(Bits(trained.NonTrainableParameters.ToArray()), Bits(loaded.NonTrainableParameters.ToArray()));
        Assert.Contains(trained.NonTrainableParameters.ToArray(), v => v is not (0f or 1f)); // really trained

        var into = new NormalizedConvNet(99);
        WeightsFile.LoadInto(into, new MemoryStream(file));
        Assert.Equal(Bits(trained.NonTrainableParameters.ToArray()), Bits(into.NonTrainableParameters.ToArray()));

        float[] inputs = BatchNormalizationGradientTests.RandomValues(new Random(4), 4 * NormalizedConvNet.InputSize);
        var expected = new float[4 * NormalizedConvNet.OutputSize];
        var actual = new float[expected.Length];
        trained.PredictBatch(inputs, expected);
        loaded.PredictBatch(inputs, actual);
        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Fact]
    public void A_version_1_file_still_loads()
    {
        byte[] file = File.ReadAllBytes(VersionOneFile); // written by make_pretrained_test_weights.py, format version 1
        Assert.Equal(1u, BitConverter.ToUInt32(file, VersionAt));
        PretrainedTestNet loaded = PretrainedTestNet.Load(VersionOneFile);
        Assert.Equal(PretrainedTestNet.CreatePretrained().Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(0, PretrainedTestNet.Architecture.NonTrainableParameterCount);
    }

    [Fact]
    public void A_file_whose_moving_statistics_do_not_fit_the_network_is_refused_with_the_reason()
    {
        byte[] file = WeightsFile.Serialize(Trained());

        // A version-1 header on a version-2 body: the non-trainable count is read as data, so the sizes disagree.
        byte[] relabelled = (byte[])file.Clone();
        relabelled[VersionAt] = 1;
        RewriteChecksum(relabelled);
        var corrupt = Assert.Throws<InvalidDataException>(() => NormalizedConvNet.Load(new MemoryStream(relabelled)));
        Assert.Contains("corrupt", corrupt.Message, StringComparison.Ordinal);

        // The same layers and fingerprint with the statistics cut off: refused as a mismatch, naming both counts.
        var layers = NormalizedConvNet.Architecture.Layers
            .Select(l => new Dendrite.Weights.WeightsLayerShape(l.InputShape.Size, l.OutputShape.Size, l.WeightCount, l.BiasCount)).ToArray();
        byte[] parameters = new byte[NormalizedConvNet.ParameterCount * 4];
        byte[] withoutStatistics = Dendrite.Weights.WeightsFormat.Build(NormalizedConvNet.Architecture.Fingerprint, layers, parameters, Array.Empty<byte>());
        var mismatch = Assert.Throws<InvalidDataException>(() => NormalizedConvNet.Load(new MemoryStream(withoutStatistics)));
        Assert.Contains("non-trainable values (moving statistics) do not match: expected 8, found 0", mismatch.Message, StringComparison.Ordinal);
    }

    // NormalizedConvNet's declaration compiled again with its saved file: Pretrained carries the moving statistics.
    private const string Source = """
        using System;
        using Dendrite;
        namespace Compiled;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "normalized.weights")]
        [Input(6, 5, 2)]
        [Conv2D(4, kernel: 3, Padding = Padding.Same)]
        [BatchNormalization(Activation = Activation.Tanh)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(3)]
        public partial class NormalizedConvNet;

        public static class Probe
        {
            public static float[] Statistics() => NormalizedConvNet.Pretrained.NonTrainableParameters.ToArray();

            public static float[] PredictBatch(float[] inputs)
            {
                var outputs = new float[inputs.Length / NormalizedConvNet.InputSize * NormalizedConvNet.OutputSize];
                NormalizedConvNet.Pretrained.PredictBatch(inputs, outputs);
                return outputs;
            }
        }
        """;

    [Fact]
    public void Compiled_in_weights_carry_the_moving_statistics()
    {
        NormalizedConvNet trained = Trained();
        GeneratorRun run = GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("normalized.weights", WeightsFile.Serialize(trained))), Source);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));

        using InMemoryAssembly compiled = run.Load();
        Assert.Equal(Bits(trained.NonTrainableParameters.ToArray()), Bits((float[])compiled.InvokeStatic("Compiled.Probe", "Statistics")!));
        float[] inputs = BatchNormalizationGradientTests.RandomValues(new Random(8), 3 * NormalizedConvNet.InputSize);
        var expected = new float[3 * NormalizedConvNet.OutputSize];
        trained.PredictBatch(inputs, expected);
        Assert.Equal(Bits(expected), Bits((float[])compiled.InvokeStatic("Compiled.Probe", "PredictBatch", inputs)!));
    }

    private static NormalizedConvNet Trained()
    {
        var network = new NormalizedConvNet(2);
        var random = new Random(6);
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, 24 * NormalizedConvNet.InputSize);
        int[] labels = Enumerable.Range(0, 24).Select(i => i % 3).ToArray();
        network.Fit(inputs, labels, new FitOptions { Epochs = 2, BatchSize = 8, Seed = 1 });
        return network;
    }

    private static void RewriteChecksum(byte[] file)
    {
        uint crc = Dendrite.Weights.Crc32.Compute(file, 0, file.Length - 4);
        BitConverter.TryWriteBytes(file.AsSpan(file.Length - 4), crc);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
