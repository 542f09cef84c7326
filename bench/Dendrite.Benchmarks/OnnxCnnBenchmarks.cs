using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace Dendrite.Benchmarks;

/// <summary>
/// The PyTorch-trained Fashion-MNIST CNN that samples/OnnxImport compiles into plain C#
/// (<see cref="OnnxWorkloadModels.CnnFixturePath"/>), one image and a batch of 1,000, in Dendrite
/// (<see cref="ImportedFashionCnn"/>, compiled from the same file) and in ONNX Runtime 1.31.1 (same session settings
/// and IoBinding as <see cref="OnnxRuntimeBenchmarks"/>). <see cref="Threads"/> is IntraOpNumThreads and
/// PredictBatch's maxThreads. The setup checks that both give the same outputs on the 1,000 images (1e-5 relative).
/// </summary>
public class OnnxCnnBenchmarks
{
    private readonly List<IDisposable> _owned = [];
    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private OrtIoBinding? _one;
    private OrtIoBinding? _thousand;
    private float[] _oneOutput = [];
    private float[] _batchOutput = [];
    private AlignedBuffer _dendriteImages = new(0); // Dendrite reads its inputs from cache lines, as Fit's batches are (bench/README.md, "Aligned buffers")
    private float[] _dendriteOutput = [];
    private float[] _dendriteBatchOutput = [];

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        (float[] images, _) = FashionMnist.Load(1000);
        var options = Own(new SessionOptions
        {
            IntraOpNumThreads = Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        });
        _session = Own(new InferenceSession(OnnxWorkloadModels.CnnFixturePath, options));
        _runOptions = Own(new RunOptions());
        _oneOutput = new float[10];
        _batchOutput = new float[1000 * 10];
        _one = Bind(images.AsSpan(0, 784).ToArray(), 1, _oneOutput);
        _thousand = Bind(images.AsSpan(0, 1000 * 784).ToArray(), 1000, _batchOutput);
        _dendriteImages = AlignedBuffer.CopyOf(images);
        _dendriteOutput = new float[10];
        _dendriteBatchOutput = new float[1000 * 10];

        // A 1-channel image is the same 784 values in NCHW (ONNX Runtime) and HWC (Dendrite) order.
        _session.RunWithBinding(_runOptions, _thousand);
        DendritePredictBatch1000();
        double worst = 0;
        for (int i = 0; i < _batchOutput.Length; i++)
        {
            double a = _batchOutput[i], b = _dendriteBatchOutput[i];
            worst = Math.Max(worst, Math.Abs(a - b) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b))));
        }

        if (!(worst <= 1e-5))
        {
            throw new InvalidOperationException($"fashion-cnn.onnx: Dendrite and ONNX Runtime disagree by {worst:E2} relative.");
        }
    }

    /// <summary>
    /// A rough Stopwatch view for development (never reported): the mean time of 200,000 one-image Dendrite
    /// <c>Predict</c> calls of the imported CNN, once per round, in microseconds.
    /// </summary>
    public static void QuickPredictOne(int rounds)
    {
        var bench = new OnnxCnnBenchmarks { Threads = 1 };
        bench.Setup();
        QuickTiming.MeanPerCall("imported CNN, Predict one image", rounds, calls: 200_000, () => bench.DendritePredictOne());
    }

    [Benchmark]
    public float DendritePredictOne()
    {
        ImportedFashionCnn.Pretrained.Predict(_dendriteImages.Span.Slice(0, 784), _dendriteOutput);
        return _dendriteOutput[0];
    }

    [Benchmark]
    public float DendritePredictBatch1000()
    {
        ImportedFashionCnn.Pretrained.PredictBatch(_dendriteImages.Span.Slice(0, 1000 * 784), _dendriteBatchOutput, maxThreads: Threads);
        return _dendriteBatchOutput[0];
    }

    [Benchmark]
    public float OnnxRuntimePredictOne()
    {
        _session!.RunWithBinding(_runOptions!, _one!);
        return _oneOutput[0];
    }

    [Benchmark]
    public float OnnxRuntimePredictBatch1000()
    {
        _session!.RunWithBinding(_runOptions!, _thousand!);
        return _batchOutput[0];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    private OrtIoBinding Bind(float[] input, int samples, float[] output)
    {
        OrtIoBinding binding = Own(_session!.CreateIoBinding());
        binding.BindInput("input", Own(OrtValue.CreateTensorValueFromMemory(input, [samples, 1, 28, 28])));
        binding.BindOutput("output", Own(OrtValue.CreateTensorValueFromMemory(output, [samples, 10])));
        return binding;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
