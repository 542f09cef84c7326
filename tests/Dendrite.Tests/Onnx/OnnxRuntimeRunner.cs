using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dendrite.Tests.Onnx;

/// <summary>Runs an exported model in ONNX Runtime, the reference the export tests compare Dendrite's Predict with.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>
    /// Loads <paramref name="model"/> (which checks it against the ONNX spec: types, shapes, attributes) and runs it on
    /// <paramref name="inputs"/>, <paramref name="samples"/> rows of the graph input's per-sample shape.
    /// </summary>
    public static float[] Run(byte[] model, float[] inputs, int samples)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        int[] perSample = session.InputMetadata["input"].Dimensions[1..];
        int[] dims = [samples, .. perSample];
        var tensor = new DenseTensor<float>(inputs, dims);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        return [.. results.Single(result => result.Name == "output").AsEnumerable<float>()];
    }
}
