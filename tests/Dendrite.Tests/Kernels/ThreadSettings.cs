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
