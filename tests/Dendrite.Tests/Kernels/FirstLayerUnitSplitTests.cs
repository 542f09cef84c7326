using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// A training step on two threads computes the first Dense layer's forward pass by units (phase 0, each thread every
/// sample of its units: FirstLayerUnitSplit) instead of by samples. That must change where values are computed, never
/// what they are: the gradients, outputs and loss of two threads are those of one thread bit for bit, and both match
/// backpropagation in double precision. Batch sizes reach every path of the unit-range driver: blocks of 6 samples
/// (AVX-512 hardware), of 4, and single samples, each ending in single units (UnitSplitClassifier's 37 units).
/// </summary>
public sealed class FirstLayerUnitSplitTests
{
    [Theory]
    [InlineData(31)] // 5 × 6 + 1 (AVX-512), 7 × 4 + 3 (otherwise)
    [InlineData(32)] // 4 × 6 + 2 × 4 (AVX-512: the 6-sample blocks back off, WideBlockBackOffTests), 8 × 4 (otherwise)
    [InlineData(41)] // 6 × 6 + 4 + 1
    [InlineData(64)] // 10 × 6 + 4, the benchmarks' batch
    [InlineData(103)]
    public void Two_threads_give_the_gradients_of_one_bit_for_bit(int batch)
    {
        var net = new UnitSplitClassifier(seed: 5);
        float[] x = KernelTestValues.Uniform(batch * UnitSplitClassifier.InputSize, seed: batch);
        int[] labels = Enumerable.Range(0, batch).Select(s => (s * 7) % UnitSplitClassifier.OutputSize).ToArray();

        (float loss1, float[] gradients1, float[] outputs1, int widest1) = Step(net, x, labels, threads: 1);
        (float loss2, float[] gradients2, float[] outputs2, int widest2) = Step(net, x, labels, threads: 2);

        Assert.True(widest1 <= 1, "one thread was allowed but " + widest1 + " ran");
        Assert.Equal(2, widest2); // the second step really ran on two threads
        Assert.Equal(BitConverter.SingleToInt32Bits(loss1), BitConverter.SingleToInt32Bits(loss2));
        Assert.True(gradients1.SequenceEqual(gradients2), "1 and 2 threads computed different gradients.");
        Assert.True(outputs1.SequenceEqual(outputs2), "1 and 2 threads computed different outputs.");
    }

    [Fact]
    public void Two_thread_gradients_match_double_precision_backpropagation()
    {
        const int batch = 41;
        var net = new UnitSplitClassifier(seed: 6);
        Span<float> parameters = net.Parameters;
        float[] noise = KernelTestValues.Uniform(parameters.Length, seed: 8);
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += 0.05f * (noise[i] - 0.5f); // non-zero biases, so their paths count
        }

        float[] x = KernelTestValues.Uniform(batch * UnitSplitClassifier.InputSize, seed: 9);
        int[] labels = Enumerable.Range(0, batch).Select(s => s % UnitSplitClassifier.OutputSize).ToArray();
        (float loss, float[] gradients, _, int widest) = Step(net, x, labels, threads: 2);

        var expected = new double[gradients.Length];
        double expectedLoss = ReferenceNetwork.Gradients(UnitSplitClassifier.Architecture, net.Parameters.ToArray().Select(v => (double)v).ToArray(), x, labels, null, expected);
        Assert.Equal(2, widest);
        double scale = Math.Max(1e-3, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - gradients[i]) <= 1e-4 * scale, $"gradient {i}: expected {expected[i]} but found {gradients[i]}");
        }

        Assert.Equal(expectedLoss, loss, 1e-3 * Math.Max(1, Math.Abs(expectedLoss)));
    }

    [Fact]
    public void One_and_two_threads_train_to_bit_identical_weights()
    {
        const int samples = 250;
        float[] x = KernelTestValues.Uniform(samples * UnitSplitClassifier.InputSize, seed: 12);
        int[] labels = Enumerable.Range(0, samples).Select(s => (s * 5) % UnitSplitClassifier.OutputSize).ToArray();
        // Batches of 41: the last of each epoch has 4 samples, below two threads' threshold, so both paths run.
        ThreadSettings.AssertOneAndTwoThreadsTrainAlike(() => new UnitSplitClassifier(seed: 13), x, labels, batchSize: 41);
    }

    /// <summary>One ComputeGradients at a thread limit, and the most shards it ran.</summary>
    private static (float Loss, float[] Gradients, float[] Outputs, int Widest) Step(UnitSplitClassifier net, float[] x, int[] labels, int threads)
    {
        var gradients = new float[UnitSplitClassifier.ParameterCount];
        var outputs = new float[labels.Length * UnitSplitClassifier.OutputSize];
        ShardRunner.ResetWidestRun();
        float loss = ThreadSettings.WithMaxThreads(threads, () => net.ComputeGradients(x, TargetBatch.FromLabels(labels), gradients, outputs));
        return (loss, gradients, outputs, ShardRunner.WidestRunOnThisThread);
    }
}
