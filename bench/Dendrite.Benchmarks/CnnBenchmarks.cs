using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Dendrite.Benchmarks;

/// <summary>
/// Workload C, the convolutional network, one training step (forward, loss, backward, Adam 1e-3) on a batch of 64,
/// Dendrite and TorchSharp side by side. Threads sets the session's thread limit
/// (<see cref="TrainingSession{TNetwork}.MaxThreads"/>) and torch's thread count.
/// </summary>
public class CnnBenchmarks
{
    public const int BatchSize = 64;
    private const int Batches = 10;
    private const int Pixels = 28 * 28;

    private float[] _images = [];
    private AlignedBuffer _dendriteImages = new(0); // Dendrite reads its inputs from cache lines, as Fit's batches are (bench/README.md, "Aligned buffers")
    private int[] _labels = [];
    private int _next;
    private TrainingSession<WorkloadC>? _session;
    private nn.Module<Tensor, Tensor>? _model;
    private optim.Optimizer? _optimizer;
    private nn.Module<Tensor, Tensor, Tensor>? _loss;
    private Tensor[] _inputs = [];
    private Tensor[] _targets = [];

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        (_images, _labels) = FashionMnist.Load(Batches * BatchSize);
        _dendriteImages = AlignedBuffer.CopyOf(_images);
        _session = new TrainingSession<WorkloadC>(new WorkloadC(seed: 1), new Adam(0.001f), maxThreads: Threads);

        // The same layers in TorchSharp (NCHW: one channel, so the pixel order is the same as Dendrite's HWC).
        _model = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(64 * 5 * 5, 128), nn.ReLU(),
            nn.Linear(128, 10));
        _optimizer = optim.Adam(_model.parameters(), lr: 0.001);
        _loss = nn.CrossEntropyLoss();
        _inputs = new Tensor[Batches];
        _targets = new Tensor[Batches];
        for (int b = 0; b < Batches; b++)
        {
            _inputs[b] = torch.tensor(_images.AsSpan(b * BatchSize * Pixels, BatchSize * Pixels).ToArray(), [BatchSize, 1, 28, 28]);
            _targets[b] = torch.tensor(_labels.AsSpan(b * BatchSize, BatchSize).ToArray().Select(l => (long)l).ToArray(), [BatchSize]);
        }
    }

    /// <summary>Dendrite: one <see cref="TrainingSession{TNetwork}.Step"/> on the next batch.</summary>
    [Benchmark]
    public float DendriteTrainStep()
    {
        int start = _next * BatchSize;
        _next = (_next + 1) % Batches;
        return _session!.Step(_dendriteImages.Span.Slice(start * Pixels, BatchSize * Pixels), TargetBatch.FromLabels(_labels.AsSpan(start, BatchSize)));
    }

    /// <summary>TorchSharp: zero_grad, forward, CrossEntropyLoss, backward, Adam.step, loss.item().</summary>
    [Benchmark]
    public float TorchSharpTrainStep()
    {
        int batch = _next;
        _next = (_next + 1) % Batches;
        return TorchTraining.Step(_model!, _optimizer!, _loss!, _inputs[batch], _targets[batch]);
    }
}
