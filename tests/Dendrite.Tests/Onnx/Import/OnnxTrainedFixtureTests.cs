using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Tests.Data;
using Dendrite.Tests.Generator;
using Xunit;

namespace Dendrite.Tests.Onnx.Import;

/// <summary>
/// The MLP and CNN PyTorch trained on Fashion-MNIST (Onnx/Fixtures, "kind": "trained"), compiled in with
/// [Network(Onnx = ...)]: on the first 1,000 test images every output agrees with ONNX Runtime on the same file within
/// 1e-5 of the image's output scale, and over all 10,000 test images the imported type classifies exactly as many
/// correctly as PyTorch recorded (fixtures.json "test_correct").
/// </summary>
public class OnnxTrainedFixtureTests
{
    private const int Compared = 1000;

    [FashionMnistFact]
    public void Imported_PyTorch_MLP_matches_ONNX_Runtime_and_PyTorch_accuracy() => Check("fashion-mlp.onnx", image: false);

    [FashionMnistFact]
    public void Imported_PyTorch_CNN_with_BatchNormalization_matches_ONNX_Runtime_and_PyTorch_accuracy() => Check("fashion-cnn.onnx", image: true);

    [FashionMnistFact]
    public void Imported_PyTorch_CNN_with_BatchNormalization_folded_by_the_exporter_matches_ONNX_Runtime_and_PyTorch_accuracy() => Check("fashion-cnn-fused.onnx", image: true);

    private static void Check(string file, bool image)
    {
        byte[] model = OnnxImportHarness.Fixture(file);
        using InMemoryAssembly compiled = OnnxImportHarness.Compile(file, model, "SparseCategoricalCrossentropy", fromLogits: true);
        (_, Dataset test) = FashionMnist.Load(FashionMnistData.Directory(given: null));
        Assert.Equal(784, (int)compiled.StaticProperty("Onnx.Probe", "InputSize")!);

        float[] all = test.Inputs;
        var outputs = (float[])compiled.InvokeStatic("Onnx.Probe", "PredictBatch", all)!;

        // A one-channel image reads the same channels-first and channels-last.
        float[] first = all.AsSpan(0, Compared * 784).ToArray();
        float[] expected = OnnxImportHarness.RunOnnxRuntime(model, first, Compared, image ? [1, 28, 28] : [784]);
        OnnxImportHarness.AssertClose(expected, outputs.AsSpan(0, Compared * 10).ToArray(), 10);

        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<float> row = outputs.AsSpan(i * 10, 10);
            int best = 0;
            for (int c = 1; c < 10; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            correct += best == test.Labels![i] ? 1 : 0;
        }

        FixtureRecord record = OnnxImportHarness.Record(file);
        Assert.Equal(record.TestCorrect, correct);
    }
}
