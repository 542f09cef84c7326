using System.Globalization;
using System.Numerics;
using BenchmarkDotNet.Running;

namespace Dendrite.Benchmarks;

/// <summary>
/// Runs the benchmarks (BenchmarkDotNet's command line, e.g. <c>--filter *</c>), or with <c>info</c> prints the
/// machine facts the results table needs, with <c>peak</c> this core's measured FMA peak in GFLOP/s, with <c>profile A|B threads [seconds]</c> a steady loop of training steps to attach a profiler to (<c>profile-fit A|A-19200|C threads [seconds]</c>: of one-epoch Fit calls; <c>profile-batch A|B threads [seconds]</c>: of 1,000-sample PredictBatch calls), with <c>conv-layers [peak]</c> workload C's time per layer and pass (<see cref="ConvLayerTiming"/>), with <c>quick</c> a rough Stopwatch timing for development (<c>quick-inference</c>: Dendrite beside ONNX Runtime; <c>quick-onnx-cnn [rounds]</c>: the mean of 200,000 one-image Predict calls of the imported CNN, per round; <c>quick-regularized B|B+Dropout|B+BatchNorm|C|C+BatchNorm+Dropout [threads]</c>: the mean of 100 training steps, four rounds; <c>quick-normalized B|B+BatchNorm|C|C+BatchNorm [threads]</c>: batch and one-sample inference with and without BatchNormalization, <see cref="NormalizationInferenceBenchmarks.Quick"/>; <c>quick-fit [rounds]</c>: a Fit epoch beside its steps; <c>fit-setup [threads] [rounds]</c>: what a Fit call costs besides its epochs, <see cref="FitSetupTiming"/>; <c>steady</c>: the Dendrite cases after 3 seconds of warm-up each; <c>first-calls</c>: what compiling costs on first use; <c>step-times A|B threads [steps]</c>, <c>step-times parts B|C [steps]</c> or <c>step-times watch A|B threads [seconds]</c>, <c>predict-times A|B threads [calls]</c>: each call's time as percentiles, or a line per second, <see cref="StepTimes"/>; <c>alignment A|B threads</c>: steps and batch inference on inputs on and off a cache-line boundary, <see cref="AlignmentTiming"/>)
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

        if (args.Length > 2 && args[0] is "profile" or "profile-batch" or "profile-fit")
        {
            // A steady loop to attach a profiler to: profile <A|B> (training steps), profile-batch <A|B> (1,000-sample
            // PredictBatch calls) or profile-fit <A|A-19200|C> (one-epoch Fit calls), then <threads> [seconds].
            int threads = int.Parse(args[2], CultureInfo.InvariantCulture);
            double seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 10;
            if (args[0] == "profile-fit")
            {
                var fit = new FitBenchmarks { Workload = args[1], Threads = threads };
                fit.Setup();
                SteadyLoop("epoch", () => fit.FitEpochSilent(), seconds);
                return;
            }

            var bench = new DendriteBenchmarks { Workload = args[1], Threads = threads };
            bench.Setup();
            SteadyLoop(args[0] == "profile" ? "step" : "call", args[0] == "profile" ? () => bench.TrainStep() : () => bench.PredictBatch1000(), seconds);
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

        if (args.Length > 1 && args[0] == "quick-regularized")
        {
            RegularizationBenchmarks.Quick(args[1], threads: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1, rounds: 4);
            return;
        }

        if (args.Length > 1 && args[0] == "quick-normalized")
        {
            NormalizationInferenceBenchmarks.Quick(args[1], threads: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1, rounds: 4);
            return;
        }

        if (args.Length > 0 && args[0] == "quick-onnx-cnn")
        {
            OnnxCnnBenchmarks.QuickPredictOne(rounds: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
            return;
        }

        if (args.Length > 2 && args[0] == "predict-times")
        {
            StepTimes.RunPredict(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200_000);
            return;
        }

        if (args.Length > 2 && args[0] == "alignment")
        {
            AlignmentTiming.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return;
        }

        if (args.Length > 3 && args[0] == "step-times" && args[1] == "watch")
        {
            StepTimes.Watch(args[2], int.Parse(args[3], CultureInfo.InvariantCulture), args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30);
            return;
        }

        if (args.Length > 2 && args[0] == "step-times" && args[1] == "update-parts")
        {
            UpdateParts.Run(int.Parse(args[2], CultureInfo.InvariantCulture));
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

        if (args.Length > 0 && args[0] == "fit-setup")
        {
            FitSetupTiming.Run(
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30);
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

    /// <summary>Calls <paramref name="call"/> for <paramref name="seconds"/> and prints how many calls ran and the mean time of one.</summary>
    private static void SteadyLoop(string unit, Action call, double seconds)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long calls = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            call();
            calls++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calls} {unit}s, {clock.Elapsed.TotalMicroseconds / calls:F1} µs per {unit}"));
    }
}
