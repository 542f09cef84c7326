using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// How many cores a training step or a <c>PredictBatch</c> call may use. Work is split with fixed sharding: every
/// value is computed by exactly one thread in the same order whatever the thread count, so results are bit-identical
/// at 1 and at 2 threads (BlockedKernelTests, CnnThreadingTests, PredictBatchThreadingTests). Small batches never use
/// threads: below <see cref="MinimumMultiplyAddsPerThread"/> the wake-up would cost more than it saves.
/// </summary>
/// <remarks>
/// The limit belongs to the model being trained: <see cref="FitOptions.MaxThreads"/> and the
/// <see cref="TrainingSession{TNetwork}"/> constructor set it for one training run, so two models trained at the
/// same time in one process can use different limits (ThreadLimitTests). <c>PredictBatch(inputs, outputs, maxThreads)</c>
/// takes its own for one call; without one it uses <see cref="CurrentMaxThreads"/>. <see cref="DefaultMaxThreads"/> is
/// the limit of runs and calls that set none, and of a <c>ComputeGradients</c> call made outside a session.
/// <c>Predict(input, output)</c>, <c>Evaluate</c> and <c>ComputeLoss</c> run on the calling thread only;
/// <c>Predict(input, output, maxThreads)</c> may hand half of a large first layer to a helper thread
/// (<see cref="FirstLayerSharing"/>).
/// </remarks>
public static class Parallelism
{
    private static int s_defaultMaxThreads = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// The limit that a <see cref="TrainingSession{TNetwork}"/> step running on this thread set; 0 when no step is
    /// running here. Per thread, so concurrent sessions on different threads each see their own.
    /// </summary>
    [ThreadStatic]
    private static int t_sessionMaxThreads;

    /// <summary>
    /// Most threads (the caller's included) one training step uses when its session or <c>Fit</c> call sets no
    /// limit of its own. Process-wide; default: the processor count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1; the message names <c>DefaultMaxThreads</c> and the value.</exception>
    public static int DefaultMaxThreads
    {
        get => s_defaultMaxThreads;
        set => s_defaultMaxThreads = Guard.AtLeast(value, 1, nameof(DefaultMaxThreads));
    }

    /// <summary>
    /// The limit that applies to a training step, or a <c>PredictBatch</c> call given no limit of its own, computed on the
    /// calling thread now: the running session's <see cref="TrainingSession{TNetwork}.MaxThreads"/> inside its step,
    /// else <see cref="DefaultMaxThreads"/>.
    /// </summary>
    public static int CurrentMaxThreads
    {
        get
        {
            int session = t_sessionMaxThreads;
            return session > 0 ? session : s_defaultMaxThreads;
        }
    }

    /// <summary>
    /// A thread is only worth waking for at least this many multiply-adds (about 30 µs of work on one core). Measured:
    /// with 150,000 the course's 784-25-15-10 network at batch 32 (640,000 multiply-adds) was split in two and ran
    /// slower than on one core, because handing the two phases to another core and bringing its results back
    /// costs more than the few microseconds it saves. 784-256-128-10 at batch 64 (15 million) still uses both cores.
    /// </summary>
    public const long MinimumMultiplyAddsPerThread = 1_000_000;

    /// <summary>
    /// Threads to use for <paramref name="multiplyAdds"/> of splittable work: at most <see cref="CurrentMaxThreads"/>,
    /// and 1 for small work. Generated <c>ComputeGradients</c> methods call it once per step.
    /// </summary>
    /// <param name="multiplyAdds">Multiply-adds in the step's largest phase.</param>
    public static int ThreadsFor(long multiplyAdds) => Affordable(multiplyAdds, CurrentMaxThreads);

    /// <summary>
    /// Threads to use for <paramref name="multiplyAdds"/> of splittable work under a limit of the caller's own: at most
    /// <paramref name="maxThreads"/> (<see cref="CurrentMaxThreads"/> when null), and 1 for small work. Generated
    /// <c>PredictBatch</c> methods call it with their <c>maxThreads</c> argument.
    /// </summary>
    /// <param name="multiplyAdds">Multiply-adds of the whole work.</param>
    /// <param name="maxThreads">Most threads, the caller's included, at least 1; null for <see cref="CurrentMaxThreads"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is below 1; the message names <c>maxThreads</c> and the value.</exception>
    public static int ThreadsFor(long multiplyAdds, int? maxThreads) =>
        Affordable(multiplyAdds, maxThreads is { } limit ? Guard.AtLeast(limit, 1, nameof(maxThreads)) : CurrentMaxThreads);

    private static int Affordable(long multiplyAdds, int maxThreads)
    {
        long affordable = multiplyAdds / MinimumMultiplyAddsPerThread;
        return (int)Math.Max(1, Math.Min(maxThreads, affordable));
    }

    /// <summary>
    /// Makes <paramref name="maxThreads"/> the calling thread's limit until the returned scope is disposed (then the
    /// previous limit is back); null leaves the limit as it is (<see cref="DefaultMaxThreads"/> outside any scope).
    /// A struct: entering and leaving allocate nothing.
    /// </summary>
    internal static ThreadLimitScope Limit(int? maxThreads)
    {
        int previous = t_sessionMaxThreads;
        if (maxThreads is { } limit)
        {
            t_sessionMaxThreads = limit;
        }

        return new ThreadLimitScope(previous);
    }

    /// <summary>Restores the calling thread's previous limit when disposed.</summary>
    internal readonly struct ThreadLimitScope : IDisposable
    {
        private readonly int _previous;

        internal ThreadLimitScope(int previous) => _previous = previous;

        public void Dispose() => t_sessionMaxThreads = _previous;
    }
}
