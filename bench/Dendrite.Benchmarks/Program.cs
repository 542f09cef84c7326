using System.Globalization;
using System.Numerics;
using BenchmarkDotNet.Running;

namespace Dendrite.Benchmarks;

/// <summary>
/// Runs the benchmarks (BenchmarkDotNet's command line, e.g. <c>--filter *</c>), or with <c>info</c> prints the
/// machine facts the results table needs, with <c>peak</c> this core's measured FMA peak in GFLOP/s, with <c>profile A|B threads [seconds]</c> a steady loop of training steps to attach a profiler to (<c>profile-fit A|A-19200|C threads [seconds]</c>: of one-epoch Fit calls; <c>profile-batch A|B threads [seconds]</c>: of 1,000-sample PredictBatch calls), with <c>conv-layers [peak]</c> workload C's time per layer and pass (<see cref="ConvLayerTiming"/>), with <c>quick</c> a rough Stopwatch timing for development (<c>quick-inference</c>: Dendrite beside ONNX Runtime; <c>quick-fit [rounds]</c>: a Fit epoch beside its steps; <c>steady</c>: the Dendrite cases after 3 seconds of warm-up each; <c>first-calls</c>: what compiling costs on first use; <c>step-times A|B threads [steps]</c>, <c>step-times parts B|C [steps]</c> or <c>step-times watch A|B threads [seconds]</c>, <c>predict-times A|B threads [calls]</c>: each call's time as percentiles, or a line per second, <see cref="StepTimes"/>)
/// (not the reported results), or with <c>sizes</c> prints the generated code's size per network.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "info")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Vector<float>.Count={Vector<float>.Count} Vector512.IsHardwareAccelerated={System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated} (512-bit kernels: {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "on" : "off")}) processors={Environment.ProcessorCount} data={FashionMnist.Source}"));
            return;
        }

        if (args.Length > 0 && args[0] == "peak")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{FmaPeak.MeasureGflops():F1}"));
            return;
        }

        if (args.Length > 0 && args[0] == "sizes")
        {
            Console.WriteLine("| network | generated characters | generated lines |");
            Console.WriteLine("|---|---:|---:|");
            foreach (string network in new[] { "3 layers", "10 layers", "30 layers", "Dense(4096)" })
            {
                (int characters, int lines) = GeneratorBenchmarks.GeneratedSize(network);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {network} | {characters:N0} | {lines:N0} |"));
            }

            return;
        }

        if (args.Length > 2 && args[0] == "profile")
        {
            // A steady loop of training steps to attach a profiler to: profile <A|B> <threads> [seconds].
            var bench = new DendriteBenchmarks { Workload = args[1], Threads = int.Parse(args[2], CultureInfo.InvariantCulture) };
            bench.Setup();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            double seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 10;
            long steps = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                bench.TrainStep();
                steps++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{steps} steps, {clock.Elapsed.TotalMicroseconds / steps:F1} µs per step"));
            return;
        }

        if (args.Length > 2 && args[0] == "profile-batch")
        {
            // A steady loop of 1,000-sample PredictBatch calls to attach a profiler to: profile-batch <A|B> <threads> [seconds].
            var batchBench = new DendriteBenchmarks { Workload = args[1], Threads = int.Parse(args[2], CultureInfo.InvariantCulture) };
            batchBench.Setup();
            var batchClock = System.Diagnostics.Stopwatch.StartNew();
            double batchSeconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 10;
            long calls = 0;
            while (batchClock.Elapsed.TotalSeconds < batchSeconds)
            {
                batchBench.PredictBatch1000();
                calls++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calls} calls, {batchClock.Elapsed.TotalMicroseconds / calls:F1} µs per call"));
            return;
        }

        if (args.Length > 2 && args[0] == "profile-fit")
        {
            // A steady loop of one-epoch Fit calls (FitBenchmarks) to attach a profiler to: profile-fit <A|A-19200|C> <threads> [seconds].
            var fit = new FitBenchmarks { Workload = args[1], Threads = int.Parse(args[2], CultureInfo.InvariantCulture) };
            fit.Setup();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            double seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 10;
            long epochs = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                fit.FitEpochSilent();
                epochs++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{epochs} epochs, {clock.Elapsed.TotalMilliseconds / epochs:F3} ms per epoch"));
            return;
        }

        if (args.Length > 0 && args[0] == "quick-inference")
        {
            QuickTiming.RunInference();
            return;
        }

        if (args.Length > 0 && args[0] == "first-calls")
        {
            QuickTiming.RunFirstCalls();
            return;
        }

        if (args.Length > 2 && args[0] == "predict-times")
        {
            StepTimes.RunPredict(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200_000);
            return;
        }

        if (args.Length > 3 && args[0] == "step-times" && args[1] == "watch")
        {
            StepTimes.Watch(args[2], int.Parse(args[3], CultureInfo.InvariantCulture), args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30);
            return;
        }

        if (args.Length > 2 && args[0] == "step-times" && args[1] == "parts")
        {
            StepTimes.RunParts(args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000);
            return;
        }

        if (args.Length > 2 && args[0] == "step-times")
        {
            StepTimes.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000);
            return;
        }

        if (args.Length > 0 && args[0] == "steady")
        {
            QuickTiming.RunSteady();
            return;
        }

        if (args.Length > 0 && args[0] == "quick-fit")
        {
            FitBenchmarks.Quick(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
            return;
        }

        if (args.Length > 0 && args[0] == "conv-layers")
        {
            // Workload C layer by layer (ConvLayerTiming); the peak is measured unless given: conv-layers [GFLOP/s].
            ConvLayerTiming.Run(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : FmaPeak.MeasureGflops());
            return;
        }

        if (args.Length > 0 && args[0] == "quick")
        {
            QuickTiming.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
    }
}
