using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// One epoch of <c>Fit</c> against the same number of bare <see cref="TrainingSession{TNetwork}.Step"/> calls on
/// workloads A (batch 32) and C (batch 64), over the first 1,920 Fashion-MNIST images (6 MB, which stays in this
/// machine's 32 MB L3 cache): 60 steps of A, 30 of C. <c>A-19200</c> is A over 19,200 images (60 MB, 600 steps): a data
/// set that outgrows the cache, as real ones do, so the shuffled copy of each batch reads main memory. The <c>Ratio</c> column (against <see cref="Steps"/>, the baseline) is issue 13's "an epoch of Fit costs at
/// most 10 % more than the sum of its steps". Each <c>Fit</c> call is a whole one-epoch call, so its per-call set-up
/// (a <see cref="TrainingSession{TNetwork}"/>, the shuffle order, the batch buffers) counts against it, as it does for a
/// user who calls <c>Fit</c> once per epoch. The optimizer is shared between calls (its state carries over, as
/// <see cref="FitOptions.Optimizer"/> documents), so every call trains on from where the last stopped, as the steps do.
/// </summary>
public class FitBenchmarks
{
    /// <summary>Samples per epoch of A and C: the 1,920 images the other benchmarks load, a whole number of batches of both.</summary>
    public const int CachedSamples = 1920;

    /// <summary>Samples per epoch of <c>A-19200</c>.</summary>
    public const int MemorySamples = 19200;

    private const int Pixels = 28 * 28;

    private float[] _images = [];
    private AlignedBuffer _alignedImages = new(0); // the bare steps' inputs, on cache lines as Fit's batches are
    private int[] _labels = [];
    private int _batchSize;
    private int _samples;
    private WorkloadA? _fitA;
    private WorkloadC? _fitC;
    private Optimizer? _fitOptimizer;
    private FitOptions? _silent;
    private FitOptions? _reporting;
    private TrainingSession<WorkloadA>? _sessionA;
    private TrainingSession<WorkloadC>? _sessionC;

    [Params("A", "A-19200", "C")]
    public string Workload { get; set; } = "A";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        bool cnn = Workload == "C";
        _samples = Workload == "A-19200" ? MemorySamples : CachedSamples;
        (_images, _labels) = FashionMnist.Load(_samples);
        _alignedImages = AlignedBuffer.CopyOf(_images);
        _batchSize = cnn ? CnnBenchmarks.BatchSize : WorkloadShape.A.BatchSize;
        _fitOptimizer = new Adam(0.001f);
        _fitA = cnn ? null : new WorkloadA(seed: 1);
        _fitC = cnn ? new WorkloadC(seed: 1) : null;
        _sessionA = cnn ? null : new TrainingSession<WorkloadA>(new WorkloadA(seed: 1), new Adam(0.001f), maxThreads: Threads);
        _sessionC = cnn ? new TrainingSession<WorkloadC>(new WorkloadC(seed: 1), new Adam(0.001f), maxThreads: Threads) : null;
        _silent = new FitOptions
        {
            Epochs = 1,
            BatchSize = _batchSize,
            Optimizer = _fitOptimizer,
            MaxThreads = Threads,
            Seed = 1,
            Verbosity = Verbosity.Silent,
        };

        // What the default Verbosity.ProgressBar does on an interactive terminal (a bar redrawn every 100 ms and a
        // line per epoch), written to a null writer: the console's own cost is the terminal's, not Fit's.
        _reporting = new FitOptions
        {
            Epochs = 1,
            BatchSize = _batchSize,
            Optimizer = _fitOptimizer,
            MaxThreads = Threads,
            Seed = 1,
            Verbosity = Verbosity.Silent,
            Callbacks = [new ConsoleReporter(TextWriter.Null, progressBar: true)],
        };
    }

    /// <summary>The sum of the steps: one bare <see cref="TrainingSession{TNetwork}.Step"/> per batch, in order, no shuffle.</summary>
    [Benchmark(Baseline = true)]
    public float Steps()
    {
        float loss = 0;
        for (int start = 0; start < _samples; start += _batchSize)
        {
            ReadOnlySpan<float> x = _alignedImages.Span.Slice(start * Pixels, _batchSize * Pixels);
            var y = TargetBatch.FromLabels(_labels.AsSpan(start, _batchSize));
            loss += _sessionA is not null ? _sessionA.Step(x, y) : _sessionC!.Step(x, y);
        }

        return loss;
    }

    /// <summary>One <c>Fit</c> call of one epoch, console report off (<see cref="Verbosity.Silent"/>).</summary>
    [Benchmark]
    public double FitEpochSilent() => Fit(_silent!);

    /// <summary>One <c>Fit</c> call of one epoch with the default console report of an interactive terminal, to a null writer.</summary>
    [Benchmark]
    public double FitEpochReporting() => Fit(_reporting!);

    /// <summary>
    /// A rough Stopwatch view for development (never reported): for each case, <c>rounds</c> alternations of the
    /// steps and the two Fit variants, the least time of each, and their ratios.
    /// </summary>
    public static void Quick(int rounds)
    {
        foreach (string workload in new[] { "A", "A-19200", "C" })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var bench = new FitBenchmarks { Workload = workload, Threads = threads };
                bench.Setup();
                double steps = double.MaxValue, silent = double.MaxValue, reporting = double.MaxValue;
                int n = workload == "A" ? rounds * 10 : workload == "A-19200" ? rounds * 2 : rounds;
                for (int i = 0; i < n; i++)
                {
                    steps = Math.Min(steps, Milliseconds(() => bench.Steps()));
                    silent = Math.Min(silent, Milliseconds(() => bench.FitEpochSilent()));
                    reporting = Math.Min(reporting, Milliseconds(() => bench.FitEpochReporting()));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{workload} threads={threads}: steps {steps:F2} ms, fit silent {silent:F2} ms ({silent / steps:F3}), fit reporting {reporting:F2} ms ({reporting / steps:F3})"));
            }
        }
    }

    /// <summary>One run of <paramref name="action"/>, in milliseconds.</summary>
    internal static double Milliseconds(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private double Fit(FitOptions options) => _fitA is not null
        ? _fitA!.Fit(_images, _labels, options).Epochs[^1].Loss
        : _fitC!.Fit(_images, _labels, options).Epochs[^1].Loss;
}
