using Dendrite.Tests.Generator;
using Xunit;

namespace Dendrite.Tests.Onnx.Import;

/// <summary>
/// An imported type is a full Dendrite network: CreatePretrained gives a copy that Fit fine-tunes (the loss falls,
/// Pretrained is untouched), and Save/Load round-trip it bit for bit, BatchNormalization's moving statistics included.
/// </summary>
public class OnnxFineTuneTests
{
    private const string Probe = """

        public static class FineTune
        {
            public static double[] Run()
            {
                var random = new Random(3);
                int n = 64;
                var inputs = new float[n * Imported.InputSize];
                for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(random.NextDouble() * 2 - 1);
                var targets = new float[n * Imported.OutputSize];
                for (int i = 0; i < targets.Length; i++) targets[i] = (float)(random.NextDouble() - 0.5);

                Imported model = Imported.CreatePretrained();
                double before = model.Evaluate(inputs, targets).Loss;
                model.Fit(inputs, targets, new FitOptions { Epochs = 30, BatchSize = 16, Seed = 5 });
                double after = model.Evaluate(inputs, targets).Loss;
                double pretrained = Imported.Pretrained.Evaluate(inputs, targets).Loss;

                using var stream = new System.IO.MemoryStream();
                model.Save(stream);
                stream.Position = 0;
                Imported loaded = Imported.Load(stream);
                var a = new float[n * Imported.OutputSize];
                var b = new float[n * Imported.OutputSize];
                model.PredictBatch(inputs, a);
                loaded.PredictBatch(inputs, b);
                bool same = a.AsSpan().SequenceEqual(b);
                return new[] { before, after, pretrained, same ? 1 : 0 };
            }
        }
        """;

    [Theory]
    [InlineData("op-relu.onnx")]
    [InlineData("op-batchnorm-conv.onnx")]
    public void Fit_fine_tunes_an_imported_network_and_Save_Load_round_trips_it(string file)
    {
        GeneratorRun run = OnnxImportHarness.Run(file, OnnxImportHarness.Fixture(file), OnnxImportHarness.Source(file, "MeanSquaredError", false) + Probe);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        using InMemoryAssembly compiled = run.Load();
        var result = (double[])compiled.InvokeStatic("Onnx.FineTune", "Run")!;
        Assert.True(result[1] < result[0] * 0.9, $"loss before {result[0]}, after {result[1]}");
        Assert.Equal(result[0], result[2]);
        Assert.Equal(1, result[3]);
    }
}
