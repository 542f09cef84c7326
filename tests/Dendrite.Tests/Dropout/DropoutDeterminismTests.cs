using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Dropout;

/// <summary>
/// Training with Dropout is bit-identical per seed at 1 and 2 threads: the masks are keyed by the step and each sample's
/// index in the batch, not by the shard that computes it. A different seed draws different masks (and so trains to
/// different weights from the same starting weights).
/// </summary>
[Collection(nameof(ThreadSettingCollection))]
public sealed class DropoutDeterminismTests
{
    private const int Samples = 412;

    [Fact]
    public void One_and_two_threads_train_to_bit_identical_weights()
    {
        (float[] x, int[] labels) = Data();

        // The step is really split: 103 samples × about 40,400 multiply-adds.
        Assert.Equal(2, ThreadSettings.WithMaxThreads(2, () => Parallelism.ThreadsFor(103 * ((100L * 300) + (300 * 33) + (33 * 5)))));

        ShardedDropoutClassifier single = ThreadSettings.AssertOneAndTwoThreadsTrainAlike(() => new ShardedDropoutClassifier(seed: 3), x, labels, batchSize: 103);
        Assert.Equal(8, single.DropoutStep); // 2 epochs × 4 batches
    }

    [Fact]
    public void One_and_two_threads_give_bit_identical_gradients_and_outputs_in_one_step()
    {
        (float[] x, int[] labels) = Data();
        float[] batch = x.AsSpan(0, 103 * ShardedDropoutClassifier.InputSize).ToArray();
        int[] batchLabels = labels.AsSpan(0, 103).ToArray();
        (float[] Gradients, float[] Outputs, float Loss) Step(int threads) => ThreadSettings.WithMaxThreads(threads, () =>
        {
            var network = new ShardedDropoutClassifier(seed: 5) { DropoutStep = 3 };
            var gradients = new float[ShardedDropoutClassifier.ParameterCount];
            var outputs = new float[103 * ShardedDropoutClassifier.OutputSize];
            float loss = network.ComputeGradients(batch, TargetBatch.FromLabels(batchLabels), gradients, outputs);
            return (gradients, outputs, loss);
        });

        var one = Step(1);
        var two = Step(2);
        Assert.Equal(one.Gradients, two.Gradients);
        Assert.Equal(one.Outputs, two.Outputs);
        Assert.Equal(one.Loss, two.Loss);
    }

    [Fact]
    public void Another_seed_draws_other_masks()
    {
        (float[] x, int[] labels) = Data();
        var first = new ShardedDropoutClassifier(seed: 3);
        var second = new ShardedDropoutClassifier(seed: 9);
        first.Parameters.CopyTo(second.Parameters); // the same starting weights: only the dropout stream differs
        var options = new FitOptions { Epochs = 1, BatchSize = 103, Seed = 4, MaxThreads = 1 };
        first.Fit(x, labels, options);
        second.Fit(x, labels, options);
        Assert.False(first.Parameters.SequenceEqual(second.Parameters), "two dropout seeds trained to the same weights.");

        var again = new ShardedDropoutClassifier(seed: 3);
        again.Fit(x, labels, options);
        Assert.True(first.Parameters.SequenceEqual(again.Parameters), "the same seed trained to different weights.");
    }

    private static (float[] X, int[] Labels) Data()
    {
        var random = new Random(11);
        float[] x = Enumerable.Range(0, Samples * ShardedDropoutClassifier.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        int[] labels = Enumerable.Range(0, Samples).Select(s => (s * 3) % ShardedDropoutClassifier.OutputSize).ToArray();
        return (x, labels);
    }
}
