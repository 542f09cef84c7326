using Dendrite.Tests.Kernels;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.ModernActivations;

/// <summary>
/// Keeping Z for GELU and SiLU layers adds no allocation: the training workspace is sized for it up front, and
/// Predict and a training step through every new activation allocate nothing once warmed up.
/// </summary>
public sealed class ActivationAllocationTests
{
    private const int Calls = 50;

    [Fact]
    public void Predict_and_a_training_step_through_the_new_activations_allocate_nothing()
    {
        var net = new GcMseGelu(seed: 1);
        var random = new Random(2);
        const int Samples = 8;
        float[] inputs = Enumerable.Range(0, Samples * GcMseGelu.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = new float[Samples * GcMseGelu.OutputSize];
        float[] output = new float[GcMseGelu.OutputSize];
        float[] outputs = new float[Samples * GcMseGelu.OutputSize];
        var session = new TrainingSession<GcMseGelu>(net, new Adam(), maxThreads: 1);
        net.Predict(inputs.AsSpan(0, GcMseGelu.InputSize), output);
        session.Step(inputs, TargetBatch.FromValues(targets), outputs); // warm-up: JIT, workspace, optimizer state

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(Calls, () =>
        {
            net.Predict(inputs.AsSpan(0, GcMseGelu.InputSize), output);
            session.Step(inputs, TargetBatch.FromValues(targets), outputs);
        }));
    }
}
