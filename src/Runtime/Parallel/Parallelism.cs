using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// How many cores generated networks may use for one training step. Work is split with fixed sharding: every
/// value is computed by exactly one thread in the same order whatever the thread count, so results are
/// bit-identical at 1 and at 2 threads (see bench/README.md). Small batches never use threads: below
/// <see cref="MinimumMultiplyAddsPerThread"/> the wake-up would cost more than it saves.
/// </summary>
public static class Parallelism
{
    private static int s_maxThreads = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Most threads one training step uses (the caller's thread included). Default: the processor count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set => s_maxThreads = Guard.AtLeast(value, 1, nameof(MaxThreads));
    }

    /// <summary>
    /// A thread is only worth waking for at least this many multiply-adds (about 30 µs of work on one core). Measured:
    /// with 150,000 the course's 784-25-15-10 network at batch 32 (640,000 multiply-adds) was split in two and ran
    /// slower than on one core, because handing the two phases to another core and bringing its results back
    /// costs more than the few microseconds it saves. 784-256-128-10 at batch 64 (15 million) still uses both cores.
    /// </summary>
    public const long MinimumMultiplyAddsPerThread = 1_000_000;

    /// <summary>Threads to use for <paramref name="multiplyAdds"/> of splittable work: 1 for small work.</summary>
    /// <param name="multiplyAdds">Multiply-adds in the step's largest phase.</param>
    public static int ThreadsFor(long multiplyAdds)
    {
        long affordable = multiplyAdds / MinimumMultiplyAddsPerThread;
        return (int)Math.Max(1, Math.Min(s_maxThreads, affordable));
    }
}
