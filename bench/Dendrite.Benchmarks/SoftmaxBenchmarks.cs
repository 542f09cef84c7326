using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// The softmax and log-sum-exp every classification loss runs per sample (<see cref="Activations.Softmax"/>,
/// <see cref="Activations.LogSumExp"/>), over 10 logits as a trained classifier gives them: <c>Confident</c>, the wrong
/// classes 105 to 212 below the right one, where e^(z − max z) rounds to +0 (answered without the C library's
/// underflow path since the seventh session, <c>Internal/FastExp.cs</c>), and <c>Mild</c>, all within a few units.
/// </summary>
public class SoftmaxBenchmarks
{
    private readonly float[] _confident = [12f, -200f, -131.5f, -110.9f, -120.5f, -93f, -160f, -140f, -117f, -150f];
    private readonly float[] _mild = [1.2f, -0.3f, 0.5f, -1.1f, 0.05f, 2.0f, -0.7f, 0.3f, 0.9f, -1.5f];
    private readonly float[] _probabilities = new float[10];

    [Params("Confident", "Mild")]
    public string Logits { get; set; } = "Confident";

    [Benchmark]
    public float SoftmaxAndLogSumExp()
    {
        float[] logits = Logits == "Confident" ? _confident : _mild;
        Activations.Softmax(logits, _probabilities);
        return Activations.LogSumExp(logits) + _probabilities[0];
    }
}
