using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Dendrite.Benchmarks;

/// <summary>
/// The same work in TorchSharp (libtorch, CPU): an nn.Sequential of Linear/ReLU, CrossEntropyLoss, Adam 1e-3.
/// Inference copies the input from a float[] into a tensor and the output back, as an app would.
/// </summary>
public class TorchSharpBenchmarks
{
    private const int Batches = 30;

    private float[] _images = [];
    private int[] _labels = [];
    private float[] _one = [];
    private float[] _thousand = [];
    private float[] _output = [];
    private float[] _batchOutput = [];
    private int _next;
    private WorkloadShape _shape = WorkloadShape.A;
    private nn.Module<Tensor, Tensor>? _model;
    private optim.Optimizer? _optimizer;
    private nn.Module<Tensor, Tensor, Tensor>? _loss;
    private Tensor[] _inputs = [];
    private Tensor[] _targets = [];

    [Params("A", "B")]
    public string Workload { get; set; } = "A";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _shape = WorkloadShape.Named(Workload);
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        (_images, _labels) = FashionMnist.Load(Math.Max(1000, Batches * _shape.BatchSize));
        int[] s = _shape.Sizes;
        _model = nn.Sequential(
            nn.Linear(s[0], s[1]), nn.ReLU(),
            nn.Linear(s[1], s[2]), nn.ReLU(),
            nn.Linear(s[2], s[3]));
        _optimizer = optim.Adam(_model.parameters(), lr: 0.001);
        _loss = nn.CrossEntropyLoss();
        int batch = _shape.BatchSize;
        _inputs = new Tensor[Batches];
        _targets = new Tensor[Batches];
        for (int b = 0; b < Batches; b++)
        {
            _inputs[b] = torch.tensor(_images.AsSpan(b * batch * 784, batch * 784).ToArray(), [batch, 784]);
            _targets[b] = torch.tensor(_labels.AsSpan(b * batch, batch).ToArray().Select(l => (long)l).ToArray(), [batch]);
        }

        _one = _images.AsSpan(0, 784).ToArray();
        _thousand = _images.AsSpan(0, 1000 * 784).ToArray();
        _output = new float[10];
        _batchOutput = new float[1000 * 10];
    }

    [Benchmark]
    public float TrainStep()
    {
        int batch = _next;
        _next = (_next + 1) % Batches;
        return TorchTraining.Step(_model!, _optimizer!, _loss!, _inputs[batch], _targets[batch]);
    }

    [Benchmark]
    public float PredictOne()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable noGrad = torch.no_grad();
        Tensor input = torch.tensor(_one, [1, 784]);
        _model!.call(input).data<float>().CopyTo(_output, 0);
        return _output[0];
    }

    [Benchmark]
    public float PredictBatch1000()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable noGrad = torch.no_grad();
        Tensor input = torch.tensor(_thousand, [1000, 784]);
        _model!.call(input).data<float>().CopyTo(_batchOutput, 0);
        return _batchOutput[0];
    }
}
