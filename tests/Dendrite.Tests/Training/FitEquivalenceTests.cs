using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// <c>Fit</c> is exactly its steps: the weights after <c>Fit</c> equal, bit for bit, those of a loop written here with
/// the public API — reshuffle the sample order with <see cref="DeterministicRandom"/> seeded by <see cref="FitOptions.Seed"/>
/// before every epoch, copy each batch's samples in that order, one <see cref="TrainingSession{TNetwork}.Step"/> per batch
/// (the last one smaller). However Fit assembles its batches (copied on the training thread or, with more than one
/// thread allowed, on another thread while the previous step runs; not copied at all without shuffling), the result
/// must not change.
/// </summary>
public class FitEquivalenceTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public void Fit_with_labels_equals_a_loop_of_steps_over_the_documented_shuffle(int maxThreads, bool shuffle)
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 50, seed: 2); // 150 samples: 9 batches of 16 and one of 6
        var fitted = new SpiralClassifier(seed: 4);
        fitted.Fit(x, labels, Options(maxThreads, shuffle, new Adam(0.01f)));

        var stepped = new SpiralClassifier(seed: 4);
        var session = new TrainingSession<SpiralClassifier>(stepped, new Adam(0.01f), maxThreads);
        foreach ((int[] samples, int count) in Batches(labels.Length, shuffle))
        {
            float[] batchX = Rows(x, SpiralClassifier.InputSize, samples, count);
            int[] batchLabels = samples.Take(count).Select(s => labels[s]).ToArray();
            session.Step(batchX, TargetBatch.FromLabels(batchLabels));
        }

        Assert.Equal(Bits(stepped.Parameters), Bits(fitted.Parameters));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public void Fit_with_target_values_equals_a_loop_of_steps_over_the_documented_shuffle(int maxThreads, bool shuffle)
    {
        (float[] x, float[] y) = SyntheticData.OneHot(count: 101, inputSize: OneHotClassifier.InputSize, classes: OneHotClassifier.OutputSize, seed: 3);
        var fitted = new OneHotClassifier(seed: 5);
        fitted.Fit(x, y, Options(maxThreads, shuffle, new Sgd(0.05f, momentum: 0.9f)));

        var stepped = new OneHotClassifier(seed: 5);
        var session = new TrainingSession<OneHotClassifier>(stepped, new Sgd(0.05f, momentum: 0.9f), maxThreads);
        foreach ((int[] samples, int count) in Batches(101, shuffle))
        {
            float[] batchX = Rows(x, OneHotClassifier.InputSize, samples, count);
            float[] batchY = Rows(y, OneHotClassifier.OutputSize, samples, count);
            session.Step(batchX, TargetBatch.FromValues(batchY));
        }

        Assert.Equal(Bits(stepped.Parameters), Bits(fitted.Parameters));
    }

    private const int Epochs = 4;
    private const int BatchSize = 16;
    private const int Seed = 11;

    private static FitOptions Options(int maxThreads, bool shuffle, Optimizer optimizer) => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        Optimizer = optimizer,
        MaxThreads = maxThreads,
        Shuffle = shuffle,
        Seed = Seed,
        Verbosity = Verbosity.Silent,
    };

    /// <summary>Every batch of every epoch: the sample order from the batch's first sample on (reshuffled per epoch when asked), and the batch's size.</summary>
    private static IEnumerable<(int[] Samples, int Count)> Batches(int sampleCount, bool shuffle)
    {
        int[] order = Enumerable.Range(0, sampleCount).ToArray();
        var random = new DeterministicRandom(Seed);
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            if (shuffle)
            {
                random.Shuffle<int>(order);
            }

            for (int start = 0; start < sampleCount; start += BatchSize)
            {
                yield return (order[start..], Math.Min(BatchSize, sampleCount - start));
            }
        }
    }

    private static float[] Rows(float[] values, int width, int[] samples, int count) =>
        samples.Take(count).SelectMany(s => values.Skip(s * width).Take(width)).ToArray();

    private static int[] Bits(Span<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
