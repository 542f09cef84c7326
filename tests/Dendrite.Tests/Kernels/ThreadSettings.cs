using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>Tests that change <see cref="Parallelism.MaxThreads"/> run one at a time.</summary>
[CollectionDefinition(nameof(ThreadSettingCollection), DisableParallelization = true)]
public class ThreadSettingCollection;

/// <summary>Runs code at a given <see cref="Parallelism.MaxThreads"/> and restores the previous value.</summary>
internal static class ThreadSettings
{
    public static T WithMaxThreads<T>(int threads, Func<T> action)
    {
        int previous = Parallelism.MaxThreads;
        Parallelism.MaxThreads = threads;
        try
        {
            return action();
        }
        finally
        {
            Parallelism.MaxThreads = previous;
        }
    }
}
