using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// Tests that change the process-wide <see cref="Parallelism.DefaultMaxThreads"/>, or that measure what a step split
/// across threads allocates (it must not share the shard runner with a concurrent test), run one at a time.
/// </summary>
[CollectionDefinition(nameof(ThreadSettingCollection), DisableParallelization = true)]
public class ThreadSettingCollection;

/// <summary>Thread limits for tests that call a network's <c>ComputeGradients</c> directly, outside a session.</summary>
internal static class ThreadSettings
{
    /// <summary>
    /// Runs <paramref name="action"/> with a limit of <paramref name="threads"/> on the calling thread only (the limit
    /// a <see cref="TrainingSession{TNetwork}"/> sets around its step), so other tests running at the same time keep theirs.
    /// </summary>
    public static T WithMaxThreads<T>(int threads, Func<T> action)
    {
        using (Parallelism.Limit(threads))
        {
            return action();
        }
    }

    /// <summary>
    /// Trains two networks made by <paramref name="create"/> (the same seed) with <c>Fit</c> for 2 epochs, one at a limit
    /// of 1 thread and one at 2, and asserts that they end with the same weights, bit for bit, and that training moved them.
    /// Returns the one-thread network, for assertions of the caller's own.
    /// </summary>
    public static TNetwork AssertOneAndTwoThreadsTrainAlike<TNetwork>(Func<TNetwork> create, float[] inputs, int[] labels, int batchSize)
        where TNetwork : class, INetwork<TNetwork>
    {
        TNetwork single = create(), dual = create();
        NetworkTrainer.Fit(single, inputs, TargetBatch.FromLabels(labels), new FitOptions { Epochs = 2, BatchSize = batchSize, Seed = 4, MaxThreads = 1 });
        NetworkTrainer.Fit(dual, inputs, TargetBatch.FromLabels(labels), new FitOptions { Epochs = 2, BatchSize = batchSize, Seed = 4, MaxThreads = 2 });

        Assert.True(single.Parameters.SequenceEqual(dual.Parameters), "1 and 2 threads trained to different weights.");
        Assert.False(single.Parameters.SequenceEqual(create().Parameters), "training did not change the weights.");
        return single;
    }

    /// <summary>Runs <paramref name="action"/> with the process default set to <paramref name="threads"/>, then restores it.</summary>
    public static T WithDefaultMaxThreads<T>(int threads, Func<T> action)
    {
        int previous = Parallelism.DefaultMaxThreads;
        Parallelism.DefaultMaxThreads = threads;
        try
        {
            return action();
        }
        finally
        {
            Parallelism.DefaultMaxThreads = previous;
        }
    }
}
