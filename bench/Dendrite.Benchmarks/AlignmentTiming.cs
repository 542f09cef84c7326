using System.Diagnostics;
using System.Globalization;

namespace Dendrite.Benchmarks;

/// <summary>
/// <c>alignment &lt;A|B&gt; &lt;threads&gt;</c>: the same training steps and 1,000-sample PredictBatch calls on inputs that
/// start on a 64-byte boundary and on inputs 16 bytes past one, in one process, in alternating rounds of 200 calls
/// (each side's first rounds dropped), printed as median and 10th percentile per call. Two instances of the same
/// network in one process differ by a few percent whichever is built first, so the rounds alternate and the order of
/// construction swaps half-way (two instances each side).
/// </summary>
internal static class AlignmentTiming
{
    private const int Rounds = 24;
    private const int CallsPerRound = 200;

    public static void Run(string workload, int threads)
    {
        foreach (string operation in new[] { "train step", "PredictBatch 1000" })
        {
            var aligned = new List<double>();
            var offset = new List<double>();
            foreach (bool alignedFirst in new[] { true, false })
            {
                DendriteBenchmarks first = Create(workload, threads, alignedFirst ? 0 : 4);
                DendriteBenchmarks second = Create(workload, threads, alignedFirst ? 4 : 0);
                (DendriteBenchmarks onLine, DendriteBenchmarks offLine) = alignedFirst ? (first, second) : (second, first);
                int calls = operation == "train step" ? CallsPerRound : CallsPerRound / 20;
                for (int round = 0; round < Rounds; round++)
                {
                    bool keep = round >= 2;
                    Time(onLine, operation, calls, keep ? aligned : null);
                    Time(offLine, operation, calls, keep ? offset : null);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{workload} threads={threads} {operation} (µs): 64-byte aligned p50 {Percentile(aligned, 50):F1} p10 {Percentile(aligned, 10):F1} | 16 bytes off p50 {Percentile(offset, 50):F1} p10 {Percentile(offset, 10):F1}"));
        }
    }

    private static DendriteBenchmarks Create(string workload, int threads, int misalignment)
    {
        var bench = new DendriteBenchmarks { Workload = workload, Threads = threads, InputMisalignment = misalignment };
        bench.Setup();
        return bench;
    }

    private static void Time(DendriteBenchmarks bench, string operation, int calls, List<double>? into)
    {
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            _ = operation == "train step" ? bench.TrainStep() : bench.PredictBatch1000();
            into?.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    private static double Percentile(List<double> values, int percent)
    {
        values.Sort();
        return values[Math.Min(values.Count - 1, values.Count * percent / 100)];
    }
}
