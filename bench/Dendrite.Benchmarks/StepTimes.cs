using System.Diagnostics;
using System.Globalization;

namespace Dendrite.Benchmarks;

/// <summary>
/// <c>step-times &lt;A|B&gt; &lt;threads&gt; [steps]</c>: every training step timed on its own after 2 seconds of
/// warm-up, printed as percentiles, with how often the shard runner's worker last ran on the caller's CPU. A mean hides
/// what this shows: whether a slow two-thread run is slow at every step (the threads share one core) or at a few (a
/// thread descheduled in the middle of a phase). <c>step-times parts &lt;B|C&gt;</c> does the same for each case of
/// <see cref="ScalingBenchmarks"/> at 1 and 2 threads: the step, its gradients, the update, an empty fork-join.
/// The worker's CPU is read from /proc between steps, and under tiered compilation that read brings its own tail:
/// B at 2 threads had a p99 of 1.0–1.8 ms by default and 0.3 ms with <c>DOTNET_TieredCompilation=0</c>, while
/// <c>step-times watch</c>, which reads nothing between steps, gave the same means either way (bench/README.md,
/// "Per-thread buffers on cache lines"). Read the tail with tiering off.
/// </summary>
internal static class StepTimes
{
    public static void Run(string workload, int threads, int steps)
    {
        RequireDenseWorkload(workload);
        var bench = new DendriteBenchmarks { Workload = workload, Threads = threads };
        bench.Setup();
        WarmUp(() => bench.TrainStep());
        string? workerStat = WorkerStatPath();
        int sameCpu = 0;
        // Where the worker ran is read between steps, outside the timing: reading /proc is a system call and allocates.
        string times = Percentiles(steps, () => bench.TrainStep(), between: () =>
        {
            if (workerStat is not null && LastCpu(workerStat) == LastCpu("/proc/thread-self/stat"))
            {
                sameCpu++;
            }
        });
        Console.WriteLine($"{workload} threads={threads}, {steps} steps (µs): {times}");
        if (workerStat is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the worker last ran on the caller's CPU after {sameCpu} of {steps} steps"));
        }
    }

    /// <summary>
    /// <c>predict-times &lt;A|B&gt; &lt;threads&gt; [calls]</c>: every single-sample <c>Predict(input, output, maxThreads)</c>
    /// timed on its own after 2 seconds of warm-up, as percentiles: with 2 threads, how often the helper thread is there
    /// in time shows in the spread (FirstLayerSharing).
    /// </summary>
    public static void RunPredict(string workload, int threads, int calls)
    {
        RequireDenseWorkload(workload);
        var bench = new DendriteBenchmarks { Workload = workload, Threads = threads };
        bench.Setup();
        WarmUp(() => bench.PredictOne());
        long helped = FirstLayerSharing.PartsRunByHelper;
        Console.WriteLine($"{workload} threads={threads}, {calls} predictions (µs): {Percentiles(calls, () => bench.PredictOne(), "F2")}");
        // A call whose helper did not claim its part in time runs both parts itself (FirstLayerSharing): how often.
        Console.WriteLine($"  layer 1 shared with the helper in {FirstLayerSharing.PartsRunByHelper - helped} of {calls} calls");
        helped = FirstLayerSharing.PartsRunByHelper;
        var blocks = new double[calls / 1000];
        for (int b = 0; b < blocks.Length; b++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < 1000; i++)
            {
                bench.PredictOne();
            }

            blocks[b] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / 1000;
        }

        Array.Sort(blocks);
        Console.WriteLine($"  back to back, blocks of 1,000: min {blocks[0]:F2}, median {blocks[blocks.Length / 2]:F2}, mean {blocks.Average():F2}; shared in {FirstLayerSharing.PartsRunByHelper - helped} of {blocks.Length * 1000}");
    }

    /// <summary>
    /// <c>step-times watch &lt;A|B&gt; &lt;threads&gt; [seconds]</c>: training steps for that many seconds, one line per
    /// second with the mean step and what each CPU did meanwhile (user, system and idle time, and time the hypervisor
    /// stole, from /proc/stat, in 10 ms ticks): whether a slow second coincides with other work on the machine.
    /// </summary>
    public static void Watch(string workload, int threads, int seconds)
    {
        RequireDenseWorkload(workload);
        var bench = new DendriteBenchmarks { Workload = workload, Threads = threads };
        bench.Setup();
        WarmUp(() => bench.TrainStep());
        for (int second = 0; second < seconds; second++)
        {
            long[][] before = CpuTicks();
            var clock = Stopwatch.StartNew();
            int steps = 0;
            while (clock.ElapsedMilliseconds < 1000)
            {
                bench.TrainStep();
                steps++;
            }

            double micros = clock.Elapsed.TotalMicroseconds / steps;
            long[][] after = CpuTicks();
            var line = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{second,3} s: {micros,6:F0} µs a step"));
            for (int cpu = 0; cpu < after.Length; cpu++)
            {
                long Delta(int field) => after[cpu][field] - before[cpu][field];
                line.Append(CultureInfo.InvariantCulture, $" | cpu{cpu} user {Delta(0)} system {Delta(2)} idle {Delta(3)} steal {Delta(7)}");
            }

            Console.WriteLine(line);
        }
    }

    /// <summary>Each CPU's line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal, … ticks.</summary>
    private static long[][] CpuTicks() =>
        File.ReadAllLines("/proc/stat")
            .Where(line => line.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(line[3]))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    public static void RunParts(string workload, int steps)
    {
        if (workload is not ("B" or "C"))
        {
            throw new ArgumentException($"Expected workload B or C (the cases of ScalingBenchmarks) but found '{workload}'.", nameof(workload));
        }

        foreach (int threads in new[] { 1, 2 })
        {
            var scaling = new ScalingBenchmarks { Workload = workload, Threads = threads };
            scaling.Setup();
            try
            {
                foreach ((string name, Action call) in new (string, Action)[]
                {
                    ("step", () => scaling.Step()),
                    ("gradients", () => scaling.Gradients()),
                    ("Adam update, 1 thread", () => scaling.Update()),
                    ("empty fork-join", () => scaling.ForkJoin()),
                    ("stream 4 × parameters", () => scaling.StreamParameters()),
                })
                {
                    WarmUp(call);
                    Console.WriteLine($"{workload} threads={threads} {name} (µs): {Percentiles(steps, call)}");
                }
            }
            finally
            {
                scaling.Cleanup();
            }
        }
    }

    /// <summary>DendriteBenchmarks trains A and B only; C's step is timed by <c>step-times parts C</c>.</summary>
    private static void RequireDenseWorkload(string workload)
    {
        if (workload is not ("A" or "B"))
        {
            throw new ArgumentException($"Expected workload A or B but found '{workload}' (C: step-times parts C).", nameof(workload));
        }
    }

    internal static void WarmUp(Action call)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 2)
        {
            call();
        }
    }

    /// <summary>Times <paramref name="count"/> calls one by one (<paramref name="between"/>, if any, runs after each, untimed): min, p10, p50, p90, p99, max and mean in µs.</summary>
    internal static string Percentiles(int count, Action call, string format = "F1", Action? between = null)
    {
        var micros = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            between?.Invoke();
        }

        double mean = micros.Average();
        Array.Sort(micros);
        string At(double p) => micros[Math.Min(count - 1, (int)(p * count))].ToString(format, CultureInfo.InvariantCulture);
        string Of(double value) => value.ToString(format, CultureInfo.InvariantCulture);
        // The mean of the fastest 99 %: how much of the mean the slowest calls (the host's stalls) carry.
        double fastMean = micros.AsSpan(0, Math.Max(1, count * 99 / 100)).ToArray().Average();
        return $"min {Of(micros[0])}, p10 {At(0.1)}, p50 {At(0.5)}, p90 {At(0.9)}, p99 {At(0.99)}, max {Of(micros[^1])}; mean {Of(mean)}, of the fastest 99 % {Of(fastMean)}";
    }

    /// <summary>/proc's stat file of the shard runner's first worker ("Dendrite worker 1", cut to 15 characters), or null before one exists.</summary>
    private static string? WorkerStatPath()
    {
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            if (File.ReadAllText(Path.Combine(task, "comm")).Trim() == "Dendrite worker")
            {
                return Path.Combine(task, "stat");
            }
        }

        return null;
    }

    /// <summary>Field 39 of a /proc thread stat file: the CPU the thread last ran on.</summary>
    private static int LastCpu(string statPath)
    {
        string stat = File.ReadAllText(statPath);
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[39 - 3], CultureInfo.InvariantCulture);
    }
}
