using System.Globalization;

namespace Dendrite.Benchmarks;

/// <summary>
/// Proof that the ONNX Runtime column times the same function as the Dendrite one: the Dendrite workload network,
/// holding the ONNX file's weights, predicts the same 1,000 images, and every output must agree with ONNX Runtime's
/// within 1e-5 relative (|a − b| ≤ 1e-5 · max(1, |a|, |b|)). Throws otherwise, which fails the benchmark case.
/// </summary>
public static class OnnxRuntimeAgreement
{
    public static void Check(string workload, float[] images, float[] onnxRuntimeOutputs)
    {
        float[] dendrite = new float[1000 * 10];
        if (workload == "A")
        {
            var network = new WorkloadA(seed: 1);
            OnnxWorkloadModels.CopyWeightsInto("A", network.Parameters);
            network.PredictBatch(images.AsSpan(0, 1000 * 784), dendrite, maxThreads: 1);
        }
        else
        {
            var network = new WorkloadB(seed: 1);
            OnnxWorkloadModels.CopyWeightsInto("B", network.Parameters);
            network.PredictBatch(images.AsSpan(0, 1000 * 784), dendrite, maxThreads: 1);
        }

        double worst = 0;
        for (int i = 0; i < dendrite.Length; i++)
        {
            double a = dendrite[i], b = onnxRuntimeOutputs[i];
            double relative = Math.Abs(a - b) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
            worst = Math.Max(worst, relative);
        }

        if (!(worst <= 1e-5))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Workload {workload}: Dendrite and ONNX Runtime disagree by {worst:E2} relative (more than 1e-5)."));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Workload {workload}: Dendrite and ONNX Runtime agree on 1,000 images within {worst:E2} relative."));
    }
}
