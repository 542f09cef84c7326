using Dendrite.Tests.Kernels;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// The hot paths allocate nothing once warmed up: measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// through <see cref="SteadyStateAllocation"/>, around many calls, so even one small allocation per call would show.
/// </summary>
public class AllocationTests
{
    private const int Calls = 200;

    [Fact]
    public void Predict_allocates_nothing()
    {
        var net = new SpiralClassifier(seed: 1);
        float[] input = [0.3f, -0.2f];
        float[] output = new float[SpiralClassifier.OutputSize];
        net.Predict(input, output); // warm-up: JIT and the per-thread scratch

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(Calls, () =>
        {
            net.Predict(input, output);
        }));
    }

    [Fact]
    public void Classify_and_PredictProbabilities_allocate_nothing()
    {
        var net = new SpiralClassifier(seed: 1);
        float[] input = [0.3f, -0.2f];
        float[] p = new float[SpiralClassifier.OutputSize];
        // The expected answers, computed independently: Predict's softmax outputs and their arg max found by LINQ.
        float[] expectedProbabilities = new float[SpiralClassifier.OutputSize];
        net.Predict(input, expectedProbabilities);
        int expectedClass = Array.IndexOf(expectedProbabilities, expectedProbabilities.Max());
        net.Classify(input);
        net.PredictProbabilities(input, p);

        int wrongClasses = 0;
        int wrongProbabilities = 0;
        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(Calls, () =>
        {
            wrongClasses += net.Classify(input) == expectedClass ? 0 : 1;
            p.AsSpan().Clear();
            net.PredictProbabilities(input, p);
            wrongProbabilities += p.AsSpan().SequenceEqual(expectedProbabilities) ? 0 : 1;
        }));
        Assert.Equal(0, wrongClasses);
        Assert.Equal(0, wrongProbabilities);
        Assert.Equal(1f, p.Sum(), 1e-6f);
    }

    [Fact]
    public void PredictBatch_allocates_nothing_over_several_chunks()
    {
        var net = new GcCategoricalLogits(seed: 1);
        const int samples = 150; // more than one inference chunk, and a partial last chunk
        float[] inputs = Enumerable.Range(0, samples * GcCategoricalLogits.InputSize).Select(i => (float)Math.Sin(i)).ToArray();
        float[] outputs = new float[samples * GcCategoricalLogits.OutputSize];
        net.PredictBatch(inputs, outputs);

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(Calls / 10, () =>
        {
            net.PredictBatch(inputs, outputs);
        }));
    }

    [Fact]
    public void A_whole_training_step_with_labels_allocates_nothing()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 11, seed: 1); // 33 samples: a batch with a tail
        var session = new TrainingSession<SpiralClassifier>(new SpiralClassifier(seed: 1), new Adam());
        float[] outputs = new float[labels.Length * SpiralClassifier.OutputSize];
        session.Step(x, TargetBatch.FromLabels(labels), outputs);
        session.Step(x, TargetBatch.FromLabels(labels)); // the session's own output buffer

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(Calls / 10, () =>
        {
            session.Step(x, TargetBatch.FromLabels(labels), outputs);
            session.Step(x, TargetBatch.FromLabels(labels));
        }));
        Assert.Equal(2 + (3 * Calls / 5), session.Optimizer.Iterations); // the steps really ran: 3 blocks of 2 × Calls / 10
    }

    [Fact]
    public void A_whole_training_step_with_values_and_momentum_allocates_nothing()
    {
        (float[] x, float[] y) = SyntheticData.Quadrants(count: 17, seed: 1);
        var session = new TrainingSession<PointTagger>(new PointTagger(seed: 1), new Sgd(0.1f, momentum: 0.9f, nesterov: true));
        session.Step(x, TargetBatch.FromValues(y));

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(Calls / 10, () =>
        {
            session.Step(x, TargetBatch.FromValues(y));
        }));
    }
}
