using System.Text.Json;
using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace Dendrite.Tests.Onnx.Import;

/// <summary>
/// Compiles an ONNX file into a network type with the generator in memory ([Network(Onnx = ...)], the file passed as
/// the Base64 AdditionalFiles copy build/Dendrite.targets makes), and runs ONNX Runtime on the same file, so a test can
/// compare the two on the same inputs.
/// </summary>
internal static class OnnxImportHarness
{
    public static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Onnx", "Fixtures");

    public static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(FixturesDirectory, file));

    /// <summary>The fixture list fixtures.json records: file, kind, input shape (with "batch"), layout, operators.</summary>
    public static IReadOnlyList<FixtureInfo> Fixtures()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturesDirectory, "fixtures.json")));
        var list = new List<FixtureInfo>();
        foreach (JsonElement fixture in json.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            string file = fixture.GetProperty("file").GetString()!;
            string kind = fixture.GetProperty("kind").GetString()!;
            if (!fixture.TryGetProperty("input", out JsonElement input) || input.ValueKind != JsonValueKind.Object)
            {
                list.Add(new FixtureInfo(file, kind, [], "", []));
                continue;
            }

            int[] shape = input.GetProperty("shape").EnumerateArray().Skip(1).Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt32() : -1).ToArray();
            string layout = input.TryGetProperty("layout", out JsonElement l) ? l.GetString() ?? "" : "";
            string[] ops = fixture.TryGetProperty("ops", out JsonElement o) ? o.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            list.Add(new FixtureInfo(file, kind, shape, layout, ops));
        }

        return list;
    }

    /// <summary>What fixtures.json records of a trained fixture: PyTorch's correct count on the 10,000 test images.</summary>
    public static FixtureRecord Record(string file)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturesDirectory, "fixtures.json")));
        JsonElement fixture = json.RootElement.GetProperty("fixtures").EnumerateArray().Single(f => f.GetProperty("file").GetString() == file);
        return new FixtureRecord(fixture.GetProperty("test_correct").GetInt32(), fixture.GetProperty("test_count").GetInt32());
    }

    /// <summary>A declaration of <paramref name="className"/> imported from <paramref name="file"/>, and a probe that runs it.</summary>
    public static string Source(string file, string loss, bool fromLogits, string className = "Imported") => $$"""
        using System;
        using Dendrite;
        namespace Onnx;

        [Network(Onnx = "{{file}}", Loss = Loss.{{loss}}, FromLogits = {{(fromLogits ? "true" : "false")}})]
        public partial class {{className}};

        public static class Probe
        {
            public static int InputSize => {{className}}.InputSize;

            public static int OutputSize => {{className}}.OutputSize;

            public static float[] PredictBatch(float[] inputs)
            {
                var outputs = new float[inputs.Length / {{className}}.InputSize * {{className}}.OutputSize];
                {{className}}.Pretrained.PredictBatch(inputs, outputs);
                return outputs;
            }

            public static float[] Predict(float[] input)
            {
                var output = new float[{{className}}.OutputSize];
                {{className}}.Pretrained.Predict(input, output);
                return output;
            }
        }
        """;

    public static AdditionalText Copy(string file, byte[] bytes) =>
        AdditionalFiles.InMemory("/project/obj/Release/net10.0/dendrite-weights/" + file + ".base64", Convert.ToBase64String(bytes));

    public static GeneratorRun Run(string file, byte[] bytes, string source) =>
        GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(Copy(file, bytes)), source);

    /// <summary>The generator's run with no diagnostic, loaded.</summary>
    public static InMemoryAssembly Compile(string file, byte[] bytes, string loss = "MeanSquaredError", bool fromLogits = false)
    {
        GeneratorRun run = Run(file, bytes, Source(file, loss, fromLogits));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.Empty(run.Exceptions);
        return run.Load();
    }

    /// <summary>ONNX Runtime's outputs for <paramref name="samples"/> inputs laid out as <paramref name="shape"/> (without the batch).</summary>
    public static float[] RunOnnxRuntime(byte[] model, float[] inputs, int samples, int[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        string name = session.InputMetadata.Keys.Single();
        var tensor = new DenseTensor<float>(inputs, [samples, .. shape]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor(name, tensor)]);
        return results.First().AsEnumerable<float>().ToArray();
    }

    /// <summary>Channels-last (H×W×C per sample, Dendrite's layout) to channels-first (C×H×W, ONNX's NCHW).</summary>
    public static float[] ToChannelsFirst(float[] hwc, int samples, int height, int width, int channels)
    {
        var chw = new float[hwc.Length];
        int size = height * width * channels;
        for (int s = 0; s < samples; s++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        chw[(s * size) + (c * height * width) + (y * width) + x] = hwc[(s * size) + (((y * width) + x) * channels) + c];
                    }
                }
            }
        }

        return chw;
    }

    /// <summary>
    /// Asserts, for every sample, |actual − expected| ≤ <paramref name="relative"/> · (the largest |expected| of that
    /// sample's outputs): relative to the output's scale, because values near 0 are differences of much larger terms
    /// summed in another order by ONNX Runtime. Returns the worst ratio seen.
    /// </summary>
    public static double AssertClose(float[] expected, float[] actual, int outputs, double relative = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int s = 0; s < expected.Length / outputs; s++)
        {
            double scale = 1e-30;
            for (int o = 0; o < outputs; o++)
            {
                scale = Math.Max(scale, Math.Abs((double)expected[(s * outputs) + o]));
            }

            for (int o = 0; o < outputs; o++)
            {
                int i = (s * outputs) + o;
                double error = Math.Abs((double)actual[i] - expected[i]) / scale;
                worst = Math.Max(worst, error);
                Assert.True(error <= relative, $"sample {s}, output {o}: expected {expected[i]:R}, found {actual[i]:R} (error {error:E2} of the sample's scale {scale:G4} > {relative:E0})");
            }
        }

        return worst;
    }
}

/// <summary>PyTorch's result on the test images, as fixtures.json records it.</summary>
internal sealed record FixtureRecord(int TestCorrect, int TestCount);

/// <summary>One entry of fixtures.json: the input shape without the batch ([] when not recorded).</summary>
internal sealed record FixtureInfo(string File, string Kind, int[] Shape, string Layout, string[] Ops);
