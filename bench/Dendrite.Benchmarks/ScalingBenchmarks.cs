using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// Where a second thread's time goes on workloads B and C (issue 13, "two cores that pay"). Each case runs at 1 and 2
/// threads in one process, so the ratios are measured side by side:
/// <list type="bullet">
/// <item><see cref="Step"/>: the whole training step (<c>TrainingSession.Step</c>), as <c>DendriteBenchmarks.TrainStep</c>;</item>
/// <item><see cref="Gradients"/>: the generated <c>ComputeGradients</c> alone (forward, loss, backward, both phases);</item>
/// <item><see cref="Update"/>: the step minus the gradients is the optimizer update with its two finiteness checks,
/// which <c>SlicedPasses</c> splits; this is Adam's update alone on one thread, for comparison;</item>
/// <item><see cref="ForkJoin"/>: one empty phase through <see cref="ShardRunner.Run"/> (wake the worker, run nothing,
/// wait for it): the synchronisation a step pays twice;</item>
/// <item><see cref="StreamParameters"/>: one read-modify-write pass over four buffers' worth of the network's parameter
/// count (Adam touches θ, g, m and v), split like the optimizer's: how far two cores' memory bandwidth goes beyond one's.</item>
/// </list>
/// </summary>
public class ScalingBenchmarks
{
    private float[] _images = [];
    private AlignedBuffer _dendriteImages = new(0); // Dendrite reads its inputs from cache lines, as Fit's batches are (bench/README.md, "Aligned buffers")
    private int[] _labels = [];
    private float[] _gradients = [];
    private float[] _outputs = [];
    private float[] _stream = [];
    private int _batch;
    private TrainingSession<WorkloadB>? _sessionB;
    private TrainingSession<WorkloadC>? _sessionC;
    private Adam _adam = new();
    private readonly NoWork _noWork = new();
    private StreamWork? _streamWork;

    [Params("B", "C")]
    public string Workload { get; set; } = "B";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.DefaultMaxThreads = Threads; // the limit of the direct ComputeGradients calls
        _batch = Workload == "B" ? WorkloadShape.B.BatchSize : CnnBenchmarks.BatchSize;
        (_images, _labels) = FashionMnist.Load(_batch);
        _dendriteImages = AlignedBuffer.CopyOf(_images);
        int parameters = Workload == "B" ? WorkloadB.ParameterCount : WorkloadC.ParameterCount;
        _gradients = new float[parameters];
        _outputs = new float[_batch * 10];
        _stream = new float[4 * parameters];
        _streamWork = new StreamWork(_stream);
        _sessionB = Workload == "B" ? new TrainingSession<WorkloadB>(new WorkloadB(seed: 1), new Adam(0.001f), maxThreads: Threads) : null;
        _sessionC = Workload == "C" ? new TrainingSession<WorkloadC>(new WorkloadC(seed: 1), new Adam(0.001f), maxThreads: Threads) : null;
        _adam = new Adam(0.001f);
    }

    [GlobalCleanup]
    public void Cleanup() => Parallelism.DefaultMaxThreads = Environment.ProcessorCount;

    [Benchmark]
    public float Step() => Workload == "B"
        ? _sessionB!.Step(_dendriteImages, TargetBatch.FromLabels(_labels))
        : _sessionC!.Step(_dendriteImages, TargetBatch.FromLabels(_labels));

    [Benchmark]
    public float Gradients() => Workload == "B"
        ? _sessionB!.Network.ComputeGradients(_dendriteImages, TargetBatch.FromLabels(_labels), _gradients, _outputs)
        : _sessionC!.Network.ComputeGradients(_dendriteImages, TargetBatch.FromLabels(_labels), _gradients, _outputs);

    [Benchmark]
    public float Update()
    {
        Span<float> parameters = Workload == "B" ? _sessionB!.Network.Parameters : _sessionC!.Network.Parameters;
        _adam.Step(parameters, _gradients); // zero gradients: the same arithmetic, no drift
        return parameters[0];
    }

    [Benchmark]
    public int ForkJoin()
    {
        ShardRunner.Run(_noWork, 0, Threads);
        return _noWork.Runs;
    }

    [Benchmark]
    public float StreamParameters()
    {
        ShardRunner.Run(_streamWork!, 0, Threads);
        return _stream[0];
    }

    private sealed class NoWork : IShardedWork
    {
        public int Runs;

        public void RunShard(int phase, int shard, int shards) => Runs += shard == 0 ? 1 : 0;
    }

    /// <summary>x ← 0.999·x + 1e-3 over a contiguous slice per thread: memory traffic like one optimizer state buffer.</summary>
    private sealed class StreamWork(float[] values) : IShardedWork
    {
        public void RunShard(int phase, int shard, int shards)
        {
            int start = values.Length * shard / shards;
            int end = values.Length * (shard + 1) / shards;
            Span<float> slice = values.AsSpan(start, end - start);
            var scale = new System.Numerics.Vector<float>(0.999f);
            var add = new System.Numerics.Vector<float>(1e-3f);
            Span<System.Numerics.Vector<float>> vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(slice);
            for (int i = 0; i < vectors.Length; i++)
            {
                vectors[i] = (vectors[i] * scale) + add;
            }
        }
    }
}
