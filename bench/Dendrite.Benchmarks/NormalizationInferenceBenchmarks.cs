using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// What BatchNormalization costs in inference, beside the same network without it: Predict of one image and PredictBatch
/// of 1,000, for workload B against B with each hidden layer linear and normalised (WorkloadBNormalized), and C against C
/// normalised the same way (WorkloadCNormalized). Batch inference folds each normalisation into the linear layer before
/// it once per call (W' = s·W, b' = s·(b − μ) + β), so B+BatchNorm's batch should cost about what B's does; Predict applies
/// the scale and shift in place to that layer's output. Threads is PredictBatch's maxThreads (Predict runs on one thread).
/// </summary>
public class NormalizationInferenceBenchmarks
{
    private const int Pixels = 28 * 28;
    private const int Samples = 1000;

    private float[] _images = [];
    private float[] _output = [];
    private float[] _batchOutput = [];
    private Action _predictOne = () => { };
    private Action _predictBatch = () => { };

    [Params("B", "B+BatchNorm", "C", "C+BatchNorm")]
    public string Network { get; set; } = "B";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        (_images, _) = FashionMnist.Load(Samples);
        _output = new float[10];
        _batchOutput = new float[Samples * 10];
        switch (Network)
        {
            case "B":
                Bind(new WorkloadB(seed: 1));
                break;
            case "B+BatchNorm":
                Bind(Trained(new WorkloadBNormalized(seed: 1)));
                break;
            case "C":
                Bind(new WorkloadC(seed: 1));
                break;
            default:
                Bind(Trained(new WorkloadCNormalized(seed: 1)));
                break;
        }
    }

    [Benchmark]
    public float PredictOne()
    {
        _predictOne();
        return _output[0];
    }

    [Benchmark]
    public float PredictBatch1000()
    {
        _predictBatch();
        return _batchOutput[0];
    }

    /// <summary>
    /// For development (<c>quick-normalized B|B+BatchNorm|C|C+BatchNorm [threads]</c>): the mean of 100 PredictBatch1000
    /// calls and of 20,000 PredictOne calls, four rounds each.
    /// </summary>
    public static void Quick(string network, int threads, int rounds)
    {
        var bench = new NormalizationInferenceBenchmarks { Network = network, Threads = threads };
        bench.Setup();
        QuickTiming.MeanPerCall(network + " threads=" + threads + ", PredictBatch of 1,000", rounds, calls: 100, () => bench.PredictBatch1000());
        QuickTiming.MeanPerCall(network + ", Predict of one", rounds, calls: 20_000, () => bench.PredictOne());
    }

    /// <summary>A few training steps, so the moving statistics are real ones rather than 0 and 1 (the cost does not depend on them).</summary>
    private TNetwork Trained<TNetwork>(TNetwork network)
        where TNetwork : class, INetwork<TNetwork>
    {
        var session = new TrainingSession<TNetwork>(network, new Adam(0.001f));
        int[] labels = new int[64];
        for (int step = 0; step < 3; step++)
        {
            session.Step(_images.AsSpan(step * 64 * Pixels, 64 * Pixels), TargetBatch.FromLabels(labels));
        }

        return network;
    }

    private void Bind<TNetwork>(TNetwork network)
        where TNetwork : class, INetwork<TNetwork>
    {
        _predictOne = () => network.Predict(_images.AsSpan(0, Pixels), _output);
        _predictBatch = () => network.PredictBatch(_images.AsSpan(0, Samples * Pixels), _batchOutput, maxThreads: Threads);
    }
}
