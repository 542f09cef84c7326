using Microsoft.ML.OnnxRuntime;

namespace Dendrite.Tests.Onnx.FixtureChecks;

/// <summary>Runs an ONNX file in ONNX Runtime (CPU, one thread) on a batch of float inputs laid out as the file's input.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>
    /// The outputs of <paramref name="path"/>'s graph for <paramref name="samples"/> samples of
    /// <paramref name="inputs"/>, whose per-sample shape is <paramref name="sampleShape"/>.
    /// </summary>
    public static float[] Run(string path, float[] inputs, int samples, long[] sampleShape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        long[] shape = [samples, .. sampleShape];
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>The largest |a − b| / max(1, |a|, |b|) over two equally long arrays.</summary>
    public static double WorstRelativeDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Lengths differ: {a.Length} and {b.Length}.", nameof(b));
        }

        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double scale = Math.Max(1.0, Math.Max(Math.Abs(a[i]), Math.Abs(b[i])));
            worst = Math.Max(worst, Math.Abs(a[i] - (double)b[i]) / scale);
        }

        return worst;
    }
}
