using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace Dendrite.Benchmarks;

/// <summary>
/// ONNX Runtime (Microsoft.ML.OnnxRuntime 1.31.1, CPU execution provider) running the ONNX export of workloads A and B
/// (<see cref="OnnxWorkloadModels"/>): the inference column beside <see cref="DendriteBenchmarks"/>, whose networks
/// hold the same weights. <see cref="Threads"/> is <see cref="SessionOptions.IntraOpNumThreads"/> (inter-op 1,
/// sequential execution, all graph optimisations). Inputs and outputs are OrtValues over pinned float arrays bound
/// once with an <see cref="OrtIoBinding"/>, so a call does no copying or name marshalling: the fastest way an app
/// can call ONNX Runtime from .NET.
/// </summary>
public class OnnxRuntimeBenchmarks
{
    private readonly List<IDisposable> _owned = [];
    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private OrtIoBinding? _one;
    private OrtIoBinding? _thousand;
    private float[] _oneOutput = [];
    private float[] _batchOutput = [];

    [Params("A", "B")]
    public string Workload { get; set; } = "A";

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
        _session = Own(new InferenceSession(OnnxWorkloadModels.OnnxPath(Workload), options));
        _runOptions = Own(new RunOptions());
        _oneOutput = new float[10];
        _batchOutput = new float[1000 * 10];
        _one = Bind(images.AsSpan(0, 784).ToArray(), 1, _oneOutput);
        _thousand = Bind(images.AsSpan(0, 1000 * 784).ToArray(), 1000, _batchOutput);
        OnnxRuntimeAgreement.Check(Workload, images, Run(_thousand, _batchOutput));
    }

    [Benchmark]
    public float PredictOne() => Run(_one!, _oneOutput)[0];

    [Benchmark]
    public float PredictBatch1000() => Run(_thousand!, _batchOutput)[0];

    [GlobalCleanup]
    public void Cleanup()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    private float[] Run(OrtIoBinding binding, float[] output)
    {
        _session!.RunWithBinding(_runOptions!, binding);
        return output;
    }

    private OrtIoBinding Bind(float[] input, int samples, float[] output)
    {
        OrtIoBinding binding = Own(_session!.CreateIoBinding());
        binding.BindInput("input", Own(OrtValue.CreateTensorValueFromMemory(input, [samples, 784])));
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
