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
        AllocationProbe();
    }

    /// <summary>Process-wide managed allocation (all threads, as BenchmarkDotNet counts it) over many steps.</summary>
    private static void AllocationProbe()
    {
        foreach (int threads in new[] { 1, 2 })
        {
            var bench = new DendriteBenchmarks { Workload = "B", Threads = threads };
            bench.Setup();
            var cnn = new CnnBenchmarks { Threads = threads };
            cnn.Setup();
            for (int i = 0; i < 50; i++)
            {
                bench.TrainStep();
            }

            cnn.DendriteTrainStep();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 200; i++)
            {
                bench.TrainStep();
            }

            long middle = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 20; i++)
            {
                cnn.DendriteTrainStep();
            }

            long after = GC.GetTotalAllocatedBytes(precise: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads={threads}: B {middle - before} bytes over 200 steps, C {after - middle} bytes over 20 steps (all threads)"));
        }
    }

    /// <summary>Where a training step's time goes: gradients alone, then the optimizer alone.</summary>
    private static void Breakdown(int threads)
    {
        Parallelism.DefaultMaxThreads = threads; // the limit of the direct ComputeGradients calls below
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
        var sessionB = new TrainingSession<WorkloadB>(new WorkloadB(1), new Adam(), maxThreads: threads);
        double sB = Best(() => sessionB.Step(images, TargetBatch.FromLabels(labels)), 20);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads={threads} B: session step on one batch {sB:F1} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads={threads} A: gradients {gA:F1} µs, Adam {oA:F1} µs; B: gradients {gB:F1} µs, Adam {oB:F1} µs"));
    }

    /// <summary>Inference only, Dendrite beside ONNX Runtime on the same weights (the setup checks they agree).</summary>
    public static void RunInference()
    {
        foreach (string workload in new[] { "A", "B" })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var dendrite = new DendriteBenchmarks { Workload = workload, Threads = threads };
                dendrite.Setup();
                var onnx = new OnnxRuntimeBenchmarks { Workload = workload, Threads = threads };
                onnx.Setup();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{workload} threads={threads}: predict {Best(() => dendrite.PredictOne(), 5000):F2} µs (ONNX Runtime {Best(() => onnx.PredictOne(), 5000):F2} µs), batch1000 {Best(() => dendrite.PredictBatch1000(), 20):F0} µs (ONNX Runtime {Best(() => onnx.PredictBatch1000(), 20):F0} µs)"));
                onnx.Cleanup();
            }
        }

        foreach (int threads in new[] { 1, 2 })
        {
            var cnn = new OnnxCnnBenchmarks { Threads = threads };
            cnn.Setup();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fashion-cnn.onnx threads={threads}: predict {Best(() => cnn.DendritePredictOne(), 2000):F2} µs (ONNX Runtime {Best(() => cnn.OnnxRuntimePredictOne(), 2000):F2} µs), batch1000 {Best(() => cnn.DendritePredictBatch1000(), 5):F0} µs (ONNX Runtime {Best(() => cnn.OnnxRuntimePredictBatch1000(), 5):F0} µs)"));
            cnn.Cleanup();
        }
    }

    /// <summary>
    /// The Dendrite cases in steady state, as a long-running app sees them: each case first runs training steps and
    /// single predictions for 3 seconds (the JIT's tiers, on-stack replacement and profile-guided recompilation have
    /// long finished), then is timed (minimum of several rounds). `quick` times right after setup instead, when
    /// methods may still run their first, unoptimised versions.
    /// </summary>
    public static void RunSteady()
    {
        foreach (string workload in new[] { "A", "B" })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var bench = new DendriteBenchmarks { Workload = workload, Threads = threads };
                bench.Setup();
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed.TotalSeconds < 3)
                {
                    bench.TrainStep();
                    bench.PredictOne();
                }

                for (int i = 0; i < 50; i++)
                {
                    bench.PredictBatch1000();
                }

                double step = Best(() => bench.TrainStep(), workload == "A" ? 2000 : 200);
                double one = Best(() => bench.PredictOne(), 5000);
                double batch = Best(() => bench.PredictBatch1000(), 30);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{workload} threads={threads}: step {step:F1} µs, predict {one:F2} µs, batch1000 {batch:F0} µs"));
            }
        }
    }

    /// <summary>
    /// What the JIT costs on first use, in a fresh process: the first Predict, the first PredictBatch of 64 samples
    /// and the first training step of workload B, each timed once (the price of compiling the generated methods,
    /// which are AggressiveOptimization: compiled optimised at once instead of quickly first and again later).
    /// </summary>
    public static void RunFirstCalls()
    {
        var bench = new DendriteBenchmarks { Workload = "B", Threads = 1 };
        bench.Setup();
        double predict = Once(() => bench.PredictOne());
        double again = Once(() => bench.PredictOne());
        double batch = Once(() => bench.PredictBatch1000());
        double step = Once(() => bench.TrainStep());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"B, first calls in this process: Predict {predict:F0} µs (the second {again:F1} µs), PredictBatch of 1,000 {batch:F0} µs, training step {step:F0} µs"));
    }

    private static double Once(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMicroseconds;
    }

    private static double Best(Action action, int repetitions)
    {
        double best = double.MaxValue;
        for (int round = 0; round < 7; round++)
        {
            best = Math.Min(best, MeanMicroseconds(action, repetitions));
        }

        return best;
    }

    /// <summary>
    /// For the <c>quick-…</c> modes that time one case: prints "<paramref name="label"/>: the mean time of
    /// <paramref name="calls"/> calls of <paramref name="call"/>" for each of <paramref name="rounds"/> rounds.
    /// </summary>
    public static void MeanPerCall(string label, int rounds, int calls, Action call)
    {
        for (int round = 0; round < rounds; round++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {MeanMicroseconds(call, calls):F2} µs per call"));
        }
    }

    /// <summary>The mean time of <paramref name="calls"/> calls of <paramref name="action"/> in a row, in microseconds.</summary>
    private static double MeanMicroseconds(Action action, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
    }
}
