using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// What Dropout and BatchNormalization cost per training step (forward, loss, backward, Adam 1e-3), beside the plain
/// workloads they extend: B against B with Dropout and B with BatchNormalization (batch 64), C against the regularised
/// C of samples/FashionMnistCnn (batch 64). Threads is the session's thread limit.
/// </summary>
public class RegularizationBenchmarks
{
    private const int BatchSize = 64;
    private const int Batches = 10;
    private const int Pixels = 28 * 28;

    private float[] _images = [];
    private int[] _labels = [];
    private int _next;
    private Func<int, float> _step = _ => 0f;

    [Params("B", "B+Dropout", "B+BatchNorm", "C", "C+BatchNorm+Dropout")]
    public string Network { get; set; } = "B";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        (_images, _labels) = FashionMnist.Load(Batches * BatchSize);
        _step = Network switch
        {
            "B" => Stepper(new WorkloadB(seed: 1)),
            "B+Dropout" => Stepper(new WorkloadBDropout(seed: 1)),
            "B+BatchNorm" => Stepper(new WorkloadBNormalized(seed: 1)),
            "C" => Stepper(new WorkloadC(seed: 1)),
            _ => Stepper(new WorkloadCRegularized(seed: 1)),
        };
    }

    /// <summary>One optimizer step on the next batch (batches cycle through the first 10 × 64 images).</summary>
    [Benchmark]
    public float TrainStep()
    {
        int start = _next * BatchSize;
        _next = (_next + 1) % Batches;
        return _step(start);
    }

    /// <summary>
    /// A rough Stopwatch view for development (never reported): the mean of 100 <see cref="TrainStep"/> calls of
    /// <paramref name="network"/>, once per round, in microseconds.
    /// </summary>
    public static void Quick(string network, int threads, int rounds)
    {
        var bench = new RegularizationBenchmarks { Network = network, Threads = threads };
        bench.Setup();
        QuickTiming.MeanPerCall(network + " threads=" + threads + ", training step", rounds, calls: 100, () => bench.TrainStep());
    }

    /// <summary>A step of <paramref name="network"/>'s session on the batch starting at a sample (no allocation per call).</summary>
    private Func<int, float> Stepper<TNetwork>(TNetwork network)
        where TNetwork : class, INetwork<TNetwork>
    {
        var session = new TrainingSession<TNetwork>(network, new Adam(0.001f), maxThreads: Threads);
        return start => session.Step(
            _images.AsSpan(start * Pixels, BatchSize * Pixels),
            TargetBatch.FromLabels(_labels.AsSpan(start, BatchSize)));
    }
}
