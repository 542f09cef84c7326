using Dendrite.Tests.Generator;
using Xunit;

namespace Dendrite.Tests.Onnx.Import;

/// <summary>
/// Every per-operator fixture PyTorch exported (Onnx/Fixtures, "kind": "operator") compiles into a Dendrite type whose
/// PredictBatch agrees with ONNX Runtime on the same file over 1,000 random samples, within 1e-5 relative.
/// </summary>
public class OnnxOperatorTests
{
    private const int Samples = 1000;

    public static TheoryData<string> OperatorFixtures()
    {
        var data = new TheoryData<string>();
        foreach (FixtureInfo fixture in OnnxImportHarness.Fixtures().Where(f => f.Kind == "operator"))
        {
            data.Add(fixture.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OperatorFixtures))]
    public void Imported_operator_fixture_predicts_what_ONNX_Runtime_predicts(string file)
    {
        FixtureInfo fixture = OnnxImportHarness.Fixtures().Single(f => f.File == file);
        byte[] model = OnnxImportHarness.Fixture(file);
        bool softmax = fixture.Ops.Length > 0 && fixture.Ops[^1] == "Softmax";
        using InMemoryAssembly compiled = OnnxImportHarness.Compile(file, model, softmax ? "SparseCategoricalCrossentropy" : "MeanSquaredError");

        int inputSize = (int)compiled.StaticProperty("Onnx.Probe", "InputSize")!;
        Assert.Equal(fixture.Shape.Aggregate(1, (a, b) => a * b), inputSize);
        var random = new Random(12);
        float[] inputs = Enumerable.Range(0, Samples * inputSize).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();

        // Dendrite reads channels-last; an NCHW graph gets the same images channels-first.
        float[] onnxInputs = fixture.Shape.Length == 3 && fixture.Layout == "NCHW"
            ? OnnxImportHarness.ToChannelsFirst(inputs, Samples, fixture.Shape[1], fixture.Shape[2], fixture.Shape[0])
            : inputs;
        float[] expected = OnnxImportHarness.RunOnnxRuntime(model, onnxInputs, Samples, fixture.Shape);
        var actual = (float[])compiled.InvokeStatic("Onnx.Probe", "PredictBatch", inputs)!;
        OnnxImportHarness.AssertClose(expected, actual, (int)compiled.StaticProperty("Onnx.Probe", "OutputSize")!);
    }
}
