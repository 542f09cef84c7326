using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dendrite.Benchmarks;

/// <summary>
/// <c>Dendrite.Benchmarks conv-layers [peak GFLOP/s]</c>: where workload C's training step spends its time, layer by
/// layer, on one thread. Each generated per-layer method of <see cref="WorkloadC"/> (forward, whose kernels store
/// A = ReLU(Z); backward phase 1, the input gradient, from a dZ the MaxPool2D after the layer wrote with ReLU' applied,
/// so the first layer's phase 1 is empty; phase 2, the weight and bias gradients) is called directly
/// through <see cref="UnsafeAccessorAttribute"/> on a batch of 64 real images, with the activations of a real forward
/// pass and the deltas of a real backward pass in its buffers, exactly the arguments <c>TrainingSamples</c> and
/// <c>TrainingWeightGradients</c> pass. Then PredictBatch of the same images at 1 thread. Each time is the minimum over rounds of a Stopwatch-timed loop (the least
/// disturbed measurement on a shared machine); GFLOP/s count 2 × multiply-adds of the layer's formula, % of peak
/// divides by the core's FMA peak (<see cref="FmaPeak"/>, or the figure given on the command line). Then whole
/// <see cref="CnnBenchmarks.DendriteTrainStep"/>s at 1 and 2 threads for the total. A development tool: the reported
/// step times come from BenchmarkDotNet's <see cref="CnnBenchmarks"/>.
/// </summary>
internal static class ConvLayerTiming
{
    private const int M = CnnBenchmarks.BatchSize;

    public static void Run(double peak)
    {
        (float[] images, int[] labels) = FashionMnist.Load(M);
        var network = new WorkloadC(seed: 1);
        float[] parameters = network.Parameters.ToArray();
        float[] gradients = new float[WorkloadC.ParameterCount];
        float[] a1 = new float[M * 21632], d1 = new float[M * 21632];
        float[] a2 = new float[M * 5408], d2 = new float[M * 5408];
        float[] a3 = new float[M * 7744], d3 = new float[M * 7744];
        float[] a4 = new float[M * 1600], d4 = new float[M * 1600];
        float[] a5 = new float[M * 1600], d5 = new float[M * 1600];
        float[] a6 = new float[M * 128], d6 = new float[M * 128];
        float[] z7 = new float[M * 10], a7 = new float[M * 10], d7 = new float[M * 10];
        float[] losses = new float[M];

        // One real forward and backward pass fills every buffer as a training step leaves it.
        Layers.Conv2D1Forward(null, parameters, images, a1, a1, M);
        Layers.MaxPool2D2Forward(null, parameters, a1, a2, a2, M);
        Layers.Conv2D3Forward(null, parameters, a2, a3, a3, M);
        Layers.MaxPool2D4Forward(null, parameters, a3, a4, a4, M);
        Layers.Flatten5Forward(null, parameters, a4, a5, a5, M);
        Layers.Dense6Forward(null, parameters, a5, a6, a6, M);
        Layers.Dense7Forward(null, parameters, a6, z7, a7, M);
        for (int s = 0; s < M; s++)
        {
            losses[s] = Losses.SparseCategoricalCrossentropy.FromLogitsWithGradient(z7.AsSpan(s * 10, 10), labels[s], d7.AsSpan(s * 10, 10), 1f / M);
        }

        Layers.Dense7Backward(null, parameters, a7, d7, d6, M);
        Layers.Dense6Backward(null, parameters, a6, d6, d5, M);
        Layers.Flatten5Backward(null, parameters, a4, a5, d5, d4, M);
        Layers.MaxPool2D4Backward(null, parameters, a3, a4, d4, d3, M);
        Layers.Conv2D3Backward(null, parameters, a2, a3, d3, d2, M);
        Layers.MaxPool2D2Backward(null, parameters, a1, a2, d2, d1, M);
        Layers.Conv2D1Backward(null, parameters, images, a1, d1, M);

        // Multiply-adds per sample of each formula: output pixels × filters × window taps × input channels.
        const double Conv1 = 26.0 * 26 * 32 * 9 * 1, Conv3 = 11.0 * 11 * 64 * 9 * 32, Dense6 = 1600.0 * 128, Dense7 = 128.0 * 10;
        var rows = new List<(string Layer, string Pass, double Microseconds, double MultiplyAdds)>
        {
            ("Conv2D(32, 3, ReLU)", "forward, ReLU in the stores", Time(() => Layers.Conv2D1Forward(null, parameters, images, a1, a1, M)), Conv1),
            // Phase 1 of the first layer has nothing left: no input gradient, and MaxPool2D2Backward applied ReLU'.
            ("Conv2D(32, 3, ReLU)", "phase 1 (empty)", Time(() => Layers.Conv2D1Backward(null, parameters, images, a1, d1, M)), 0),
            ("Conv2D(32, 3, ReLU)", "dW, db", Time(() => Layers.Conv2D1WeightGradients(null, images, d1, gradients, M, 0, 1)), Conv1),
            ("MaxPool2D(2)", "forward", Time(() => Layers.MaxPool2D2Forward(null, parameters, a1, a2, a2, M)), 0),
            ("MaxPool2D(2)", "dZ of conv1 (input gradient ⊙ ReLU')", Time(() => Layers.MaxPool2D2Backward(null, parameters, a1, a2, d2, d1, M)), 0),
            ("Conv2D(64, 3, ReLU)", "forward, ReLU in the stores", Time(() => Layers.Conv2D3Forward(null, parameters, a2, a3, a3, M)), Conv3),
            ("Conv2D(64, 3, ReLU)", "dA_prev", Time(() => Layers.Conv2D3Backward(null, parameters, a2, a3, d3, d2, M)), Conv3),
            ("Conv2D(64, 3, ReLU)", "dW, db", Time(() => Layers.Conv2D3WeightGradients(null, a2, d3, gradients, M, 0, 1)), Conv3),
            ("MaxPool2D(2)", "forward", Time(() => Layers.MaxPool2D4Forward(null, parameters, a3, a4, a4, M)), 0),
            ("MaxPool2D(2)", "dZ of conv3 (input gradient ⊙ ReLU')", Time(() => Layers.MaxPool2D4Backward(null, parameters, a3, a4, d4, d3, M)), 0),
            ("Dense(128, ReLU)", "forward + ReLU", Time(() => Layers.Dense6Forward(null, parameters, a5, a6, a6, M)), Dense6),
            ("Dense(128, ReLU)", "dZ, dA_prev", Time(() => Layers.Dense6Backward(null, parameters, a6, d6, d5, M)), Dense6),
            ("Dense(128, ReLU)", "dW, db", Time(() => Layers.Dense6WeightGradients(null, a5, d6, gradients, M, 0, 1)), Dense6),
            ("Dense(10)", "forward", Time(() => Layers.Dense7Forward(null, parameters, a6, z7, a7, M)), Dense7),
            ("Dense(10)", "dZ, dA_prev", Time(() => Layers.Dense7Backward(null, parameters, a7, d7, d6, M)), Dense7),
            ("Dense(10)", "dW, db", Time(() => Layers.Dense7WeightGradients(null, a6, d7, gradients, M, 0, 1)), Dense7),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Workload C, batch {M}, 1 thread, Vector<float>.Count {System.Numerics.Vector<float>.Count}, Vector512.IsHardwareAccelerated {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated} (the wide conv blocks and the 512-bit kernels), peak {peak:F0} GFLOP/s, load average {LoadAverage()}"));
        Console.WriteLine();
        Console.WriteLine("| layer | pass | µs | GFLOP/s | % of peak | % of the layers' sum |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        double total = rows.Sum(r => r.Microseconds);
        foreach ((string layer, string pass, double microseconds, double multiplyAdds) in rows)
        {
            double gflops = 2 * multiplyAdds * M / (microseconds * 1e3);
            string rate = multiplyAdds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{gflops:F1} | {100 * gflops / peak:F0} %") : "– | –";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {layer} | {pass} | {microseconds:F0} | {rate} | {100 * microseconds / total:F1} % |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| all layers | | {total:F0} | | | |"));
        Console.WriteLine();
        float[] outputs = new float[M * 10];
        double inference = Time(() => network.PredictBatch(images, outputs, maxThreads: 1));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PredictBatch of the {M} images, 1 thread: {inference:F0} µs, load average {LoadAverage()}"));
        foreach (int threads in new[] { 1, 2 })
        {
            var bench = new CnnBenchmarks { Threads = threads };
            bench.Setup();
            double step = Time(() => bench.DendriteTrainStep());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole training step (TrainingSession.Step, Adam), {threads} thread(s): {step / 1000:F2} ms, load average {LoadAverage()}"));
        }
    }

    /// <summary>The least time of one call in µs: 15 rounds of a loop lasting about 20 ms each, after a warm-up.</summary>
    private static double Time(Action action)
    {
        for (int i = 0; i < 3; i++)
        {
            action();
        }

        long start = Stopwatch.GetTimestamp();
        action();
        double once = Math.Max(Stopwatch.GetElapsedTime(start).TotalMicroseconds, 1);
        int calls = Math.Max(1, (int)(20_000 / once));
        double best = double.MaxValue;
        for (int round = 0; round < 15; round++)
        {
            start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                action();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls);
        }

        return best;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The generated per-layer methods of <see cref="WorkloadC"/> (private static), with their exact signatures.</summary>
    private static class Layers
    {
        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Conv2D1Forward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Conv2D1Backward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> a, Span<float> delta, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Conv2D1WeightGradients(WorkloadC? network, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> gradients, int samples, int shard, int shards);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void MaxPool2D2Forward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void MaxPool2D2Backward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> a, Span<float> delta, Span<float> inputGradient, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Conv2D3Forward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Conv2D3Backward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> a, Span<float> delta, Span<float> inputGradient, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Conv2D3WeightGradients(WorkloadC? network, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> gradients, int samples, int shard, int shards);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void MaxPool2D4Forward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void MaxPool2D4Backward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> a, Span<float> delta, Span<float> inputGradient, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Flatten5Forward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Flatten5Backward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> a, Span<float> delta, Span<float> inputGradient, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Dense6Forward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Dense6Backward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> a, Span<float> delta, Span<float> inputGradient, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Dense6WeightGradients(WorkloadC? network, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> gradients, int samples, int shard, int shards);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Dense7Forward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Dense7Backward(WorkloadC? network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> a, Span<float> delta, Span<float> inputGradient, int samples);

        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Dense7WeightGradients(WorkloadC? network, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> gradients, int samples, int shard, int shards);
    }
}
