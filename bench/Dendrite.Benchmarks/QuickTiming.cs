using System.Diagnostics;
using System.Globalization;

namespace Dendrite.Benchmarks;

/// <summary>
/// A rough Stopwatch timing of the Dendrite cases (minimum of several rounds) for quick iteration while tuning
/// kernels. The reported numbers come from BenchmarkDotNet, never from this.
/// </summary>
internal static class QuickTiming
{
    public static void Run()
    {
        var bench = new DendriteBenchmarks();
        foreach (string workload in new[] { "A", "B" })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                bench.Workload = workload;
                bench.Threads = threads;
                bench.Setup();
                double train = Best(() => bench.TrainStep(), 200);
                double predict = Best(() => bench.PredictOne(), 5000);
                double batch = Best(() => bench.PredictBatch1000(), 20);
                int batchSize = WorkloadShape.Named(workload).BatchSize;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{workload} threads={threads}: step {train:F1} µs ({batchSize / train * 1e6:N0} samples/s), predict {predict:F2} µs, batch1000 {batch:F0} µs"));
            }
        }

        Breakdown(1);
        Breakdown(2);
    }

    /// <summary>Where a training step's time goes: gradients alone, then the optimizer alone.</summary>
    private static void Breakdown(int threads)
    {
        Parallelism.MaxThreads = threads;
        (float[] images, int[] labels) = FashionMnist.Load(64);
        var a = new WorkloadA(1);
        var b = new WorkloadB(1);
        float[] gradientsA = new float[WorkloadA.ParameterCount];
        float[] gradientsB = new float[WorkloadB.ParameterCount];
        float[] outputs = new float[64 * 10];
        var adamA = new Adam();
        var adamB = new Adam();
        double gA = Best(() => a.ComputeGradients(images.AsSpan(0, 32 * 784), TargetBatch.FromLabels(labels.AsSpan(0, 32)), gradientsA, outputs.AsSpan(0, 320)), 200);
        double oA = Best(() => adamA.Step(a.Parameters, gradientsA), 200);
        double gB = Best(() => b.ComputeGradients(images, TargetBatch.FromLabels(labels), gradientsB, outputs), 20);
        double oB = Best(() => adamB.Step(b.Parameters, gradientsB), 20);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads={threads} A: gradients {gA:F1} µs, Adam {oA:F1} µs; B: gradients {gB:F1} µs, Adam {oB:F1} µs"));
    }

    private static double Best(Action action, int repetitions)
    {
        double best = double.MaxValue;
        for (int round = 0; round < 7; round++)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < repetitions; i++)
            {
                action();
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / repetitions);
        }

        return best;
    }
}
