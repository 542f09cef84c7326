using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// One Adam update (<see cref="Optimizer.Step"/>, on the calling thread) over workload A's or B's parameter count, with
/// <c>Ordinary</c> gradients or with a third of them <c>Tiny</c> (10⁻²⁵, whose squares are below the smallest normal
/// float) and a third exactly 0, as a confident network's are. Under x86's default floating-point mode a subnormal
/// square or moment takes a microcode assist; the optimizers compute as under flush-to-zero, so the two cases should
/// cost the same (bench/README.md, "Subnormal numbers in the optimizer").
/// </summary>
public class OptimizerBenchmarks
{
    private float[] _parameters = [];
    private float[] _gradients = [];
    private Adam _adam = new();

    [Params("A", "B")]
    public string Workload { get; set; } = "A";

    [Params("Ordinary", "Tiny")]
    public string Gradients { get; set; } = "Ordinary";

    [GlobalSetup]
    public void Setup()
    {
        int count = Workload == "A" ? WorkloadA.ParameterCount : WorkloadB.ParameterCount;
        var random = new Random(1);
        _parameters = new float[count];
        _gradients = new float[count];
        for (int i = 0; i < count; i++)
        {
            _parameters[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
            float ordinary = (float)(random.NextDouble() - 0.5) * 0.01f;
            _gradients[i] = Gradients == "Ordinary" ? ordinary : (i % 3) switch { 0 => 0f, 1 => ordinary * 1e-23f, _ => ordinary };
        }

        _adam = new Adam(0.001f);
    }

    [Benchmark]
    public float AdamUpdate()
    {
        _adam.Step(_parameters, _gradients);
        return _parameters[0];
    }
}
