using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// Dendrite on workloads A and B: one training step (forward, loss, backward, Adam 1e-3) per operation, a
/// single-sample Predict, and a 1,000-sample PredictBatch. The networks start from the weights of the ONNX models
/// <see cref="OnnxRuntimeBenchmarks"/> runs (<see cref="OnnxWorkloadModels"/>). <see cref="Threads"/> is the sessions' thread limit
/// (<see cref="TrainingSession{TNetwork}.MaxThreads"/>) and the <c>maxThreads</c> of Predict and PredictBatch.
/// </summary>
public class DendriteBenchmarks
{
    private const int StepsPerOperation = 1;
    private const int Batches = 30;

    private AlignedBuffer _imageStorage = new(0);
    private int _imageCount;
    private int[] _labels = [];
    private float[] _output = [];
    private float[] _batchOutput = [];
    private int _next;
    private WorkloadShape _shape = WorkloadShape.A;
    private TrainingSession<WorkloadA>? _sessionA;
    private TrainingSession<WorkloadB>? _sessionB;

    [Params("A", "B")]
    public string Workload { get; set; } = "A";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Floats between a 64-byte boundary and the first image (0 to 15). The images sit on cache lines by default, as
    /// Fit's batches do (AlignedBuffer); the <c>alignment</c> mode sets 4 to time inputs 16 bytes off.
    /// </summary>
    public int InputMisalignment { get; set; }

    private ReadOnlySpan<float> Images => _imageStorage.Span.Slice(InputMisalignment, _imageCount);

    [GlobalSetup]
    public void Setup()
    {
        _shape = WorkloadShape.Named(Workload);
        (float[] images, _labels) = FashionMnist.Load(Math.Max(1000, Batches * _shape.BatchSize));
        _imageCount = images.Length;
        _imageStorage = new AlignedBuffer(images.Length + (AlignedBuffer.Alignment / sizeof(float)));
        images.CopyTo(_imageStorage.Span.Slice(InputMisalignment));
        _output = new float[10];
        _batchOutput = new float[1000 * 10];
        // The weights of bench/models/workload-{a,b}.onnx, so Predict computes what OnnxRuntimeBenchmarks times
        // (timings do not depend on the values: no data-dependent branches).
        var a = new WorkloadA(seed: 1);
        OnnxWorkloadModels.CopyWeightsInto("A", a.Parameters);
        var b = new WorkloadB(seed: 1);
        OnnxWorkloadModels.CopyWeightsInto("B", b.Parameters);
        _sessionA = new TrainingSession<WorkloadA>(a, new Adam(0.001f), maxThreads: Threads);
        _sessionB = new TrainingSession<WorkloadB>(b, new Adam(0.001f), maxThreads: Threads);
    }

    /// <summary>One optimizer step on the next batch (batches cycle through the first 30 × batch samples).</summary>
    [Benchmark(OperationsPerInvoke = StepsPerOperation)]
    public float TrainStep()
    {
        int batch = _shape.BatchSize;
        int start = _next * batch;
        _next = (_next + 1) % Batches;
        ReadOnlySpan<float> x = Images.Slice(start * 784, batch * 784);
        var y = TargetBatch.FromLabels(_labels.AsSpan(start, batch));
        return Workload == "A" ? _sessionA!.Step(x, y) : _sessionB!.Step(x, y);
    }

    [Benchmark]
    public float PredictOne()
    {
        if (Workload == "A")
        {
            _sessionA!.Network.Predict(Images.Slice(0, 784), _output, maxThreads: Threads);
        }
        else
        {
            _sessionB!.Network.Predict(Images.Slice(0, 784), _output, maxThreads: Threads);
        }

        return _output[0];
    }

    [Benchmark]
    public float PredictBatch1000()
    {
        if (Workload == "A")
        {
            _sessionA!.Network.PredictBatch(Images.Slice(0, 1000 * 784), _batchOutput, maxThreads: Threads);
        }
        else
        {
            _sessionB!.Network.PredictBatch(Images.Slice(0, 1000 * 784), _batchOutput, maxThreads: Threads);
        }

        return _batchOutput[0];
    }
}
