using System.Text.Json;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Tests.Data;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Dendrite.Tests.Onnx.FixtureChecks;

/// <summary>
/// The checked-in PyTorch fixtures (Onnx/Fixtures, made by make-fixtures.py) are what fixtures.json says they are:
/// ONNX Runtime runs every operator and trained file and reproduces PyTorch's recorded outputs and test accuracy,
/// every file is listed with its true size and operators, the operator files together cover every operator the
/// importer supports, and each hostile file is wrong for exactly the stated reason (the valid-but-unsupported ones
/// still run in ONNX Runtime; the broken ones do not load). Agreement is |a − b| ≤ 1e-5 · max(1, |a|, |b|).
/// </summary>
public class PyTorchFixtureTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> OperatorFixtures()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement entry in FixtureManifest.OfKind("operator"))
        {
            data.Add(entry.GetProperty("file").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OperatorFixtures))]
    public void OnnxRuntimeReproducesPyTorchOnEachOperatorFixture(string file)
    {
        JsonElement entry = FixtureManifest.Entry(file);
        long[] sampleShape = SampleShape(entry);
        float[] input = FixtureManifest.Floats(entry.GetProperty("sample_input"));
        float[] expected = FixtureManifest.Floats(entry.GetProperty("sample_output"));
        int samples = (int)(input.Length / sampleShape.Aggregate(1L, (a, b) => a * b));

        float[] actual = OnnxRuntimeRunner.Run(FixtureManifest.PathOf(file), input, samples, sampleShape);

        Assert.Equal(2, samples);
        Assert.InRange(OnnxRuntimeRunner.WorstRelativeDifference(expected, actual), 0, Tolerance);
    }

    [Fact]
    public void EveryFileIsListedWithItsSizeAndOperators()
    {
        string[] onDisk = Directory.GetFiles(FixtureManifest.Folder, "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        string[] listed = FixtureManifest.Entries.Select(e => e.GetProperty("file").GetString()!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(onDisk, listed);
        Assert.All(FixtureManifest.Entries, entry =>
            Assert.Equal(new FileInfo(FixtureManifest.PathOf(entry.GetProperty("file").GetString()!)).Length, entry.GetProperty("bytes").GetInt64()));
        // The trained models and the operator files are small enough to check in (the largest is about 210 KB).
        Assert.All(onDisk, name => Assert.InRange(new FileInfo(FixtureManifest.PathOf(name)).Length, 1, 300_000));
    }

    [Fact]
    public void OperatorFixturesCoverEveryOperatorTheImporterSupports()
    {
        string[] required =
        [
            "Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "Softmax", "LeakyRelu", "Elu", "Softplus", "Erf", "Div", "Mul",
            "Gelu", "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "BatchNormalization",
            "Dropout", "Identity", "Transpose", "Pad",
        ];
        var covered = FixtureManifest.OfKind("operator").SelectMany(e => e.GetProperty("ops").EnumerateArray().Select(op => op.GetString()!)).ToHashSet();

        Assert.Empty(required.Except(covered));
    }

    /// <summary>
    /// ONNX Runtime on all 10,000 Fashion-MNIST test images classifies exactly as many correctly as PyTorch did
    /// (fixtures.json's test_correct), and reproduces PyTorch's logits for the first 8 within 1e-5: the recorded
    /// accuracy is the file's, which the imported Dendrite type must then match.
    /// </summary>
    [FashionMnistFact]
    public void OnnxRuntimeReproducesPyTorchsTestAccuracyOnTheTrainedModels()
    {
        Dataset test = FashionMnist.Locate(FashionMnistData.Directory(given: null)).LoadTest();
        foreach (JsonElement entry in FixtureManifest.OfKind("trained"))
        {
            string file = entry.GetProperty("file").GetString()!;
            long[] sampleShape = SampleShape(entry);
            float[] outputs = OnnxRuntimeRunner.Run(FixtureManifest.PathOf(file), test.Inputs, test.Count, sampleShape);

            int correct = 0;
            for (int i = 0; i < test.Count; i++)
            {
                ReadOnlySpan<float> logits = outputs.AsSpan(i * 10, 10);
                int best = 0;
                for (int k = 1; k < 10; k++)
                {
                    if (logits[k] > logits[best])
                    {
                        best = k;
                    }
                }

                correct += best == test.Labels![i] ? 1 : 0;
            }

            float[] firstLogits = entry.GetProperty("first_test_logits").EnumerateArray().SelectMany(row => FixtureManifest.Floats(row)).ToArray();
            Assert.Equal(entry.GetProperty("test_correct").GetInt32(), correct);
            Assert.Equal(test.Count, entry.GetProperty("test_count").GetInt32());
            Assert.InRange(OnnxRuntimeRunner.WorstRelativeDifference(firstLogits, outputs.AsSpan(0, firstLogits.Length)), 0, Tolerance);
        }
    }

    [Theory]
    [InlineData("hostile-unsupported-op.onnx")]
    [InlineData("hostile-opset9.onnx")]
    [InlineData("hostile-external-data.onnx")]
    public void ValidButUnsupportedHostileFilesStillRunInOnnxRuntime(string file)
    {
        float[] input = Enumerable.Range(0, 12).Select(i => i / 12f).ToArray();

        float[] output = OnnxRuntimeRunner.Run(FixtureManifest.PathOf(file), input, 1, [12]);

        Assert.Equal(5, output.Length);
        Assert.All(output, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void TheDynamicDimensionFixtureAcceptsAnyImageSize()
    {
        float[] small = new float[3 * 5 * 5], large = new float[3 * 11 * 7];

        Assert.Equal(5, OnnxRuntimeRunner.Run(FixtureManifest.PathOf("hostile-dynamic-dim.onnx"), small, 1, [3, 5, 5]).Length);
        Assert.Equal(5, OnnxRuntimeRunner.Run(FixtureManifest.PathOf("hostile-dynamic-dim.onnx"), large, 1, [3, 11, 7]).Length);
    }

    [Theory]
    [InlineData("hostile-truncated.onnx")]
    [InlineData("hostile-not-onnx.onnx")]
    public void BrokenHostileFilesDoNotLoadInOnnxRuntime(string file)
    {
        Assert.ThrowsAny<OnnxRuntimeException>(() => OnnxRuntimeRunner.Run(FixtureManifest.PathOf(file), new float[12], 1, [12]));
    }

    private static long[] SampleShape(JsonElement entry) =>
        entry.GetProperty("input").GetProperty("shape").EnumerateArray().Skip(1).Select(d => d.GetInt64()).ToArray();
}
