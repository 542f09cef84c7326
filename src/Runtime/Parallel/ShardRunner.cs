using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Dendrite;

/// <summary>
/// Runs the shards of one phase on the caller's thread (shard 0) and on long-lived worker threads (the others),
/// and returns when all are done. Allocation-free per call: workers are started once and reused; they spin
/// briefly (200 µs) between phases (a training step's phases follow each other within microseconds) and then sleep.
/// A shard is claimed before it runs, by its worker or, once the caller has finished its own shard, by the caller:
/// a worker that is asleep or descheduled when the phase is posted costs the phase its shard's time, not the wait
/// for the worker's thread to run (ShardClaimTests).
/// One phase runs at a time; concurrent callers take turns. <see cref="RunBatch"/> (ShardRunner.Batch.cs) splits a
/// batch of independent samples the same way.
/// </summary>
public static partial class ShardRunner
{
    private static readonly object s_gate = new();
    private static Worker[] s_workers = [];

    /// <summary>The most shards a <see cref="Run"/> call made on this thread asked for since the last reset (for tests).</summary>
    [ThreadStatic]
    private static int t_widestRun;

    /// <summary>Runs <paramref name="shards"/> shards of <paramref name="phase"/> and waits for all of them.</summary>
    /// <param name="work">The work to split.</param>
    /// <param name="phase">Passed through to <see cref="IShardedWork.RunShard"/>.</param>
    /// <param name="shards">At least 1; shard 0 runs on the calling thread.</param>
    public static void Run(IShardedWork work, int phase, int shards)
    {
        ArgumentNullException.ThrowIfNull(work);
        t_widestRun = Math.Max(t_widestRun, shards);
        if (shards <= 1)
        {
            work.RunShard(phase, 0, 1);
            return;
        }

        lock (s_gate)
        {
            Worker[] workers = EnsureWorkers(shards - 1);
            for (int i = 1; i < shards; i++)
            {
                workers[i - 1].Start(work, phase, i, shards);
            }

            Exception? failure = null;
            try
            {
                work.RunShard(phase, 0, shards);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            // A shard whose worker has not started it yet (asleep, or its core taken by another thread) runs here
            // instead of being waited for. Which thread runs a shard never changes its result.
            for (int i = 1; i < shards; i++)
            {
                Worker worker = workers[i - 1];
                if (!worker.TryClaimPosted())
                {
                    // Waited for even after a failure: no shard may outlive the call (PinnedStep unpins its spans).
                    Exception? workerFailure = worker.WaitForCompletion();
                    failure ??= workerFailure;
                    continue;
                }

                try
                {
                    work.RunShard(phase, i, shards);
                }
                catch (Exception exception)
                {
                    failure ??= exception;
                }
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
    }

    /// <summary>
    /// The most shards any <see cref="Run"/> call made on the calling thread asked for since
    /// <see cref="ResetWidestRun"/>; 0 when there was none. Generated code reaches other threads only through
    /// <see cref="Run"/>, so 0 or 1 means every step run on this thread stayed on it (ThreadLimitTests).
    /// </summary>
    internal static int WidestRunOnThisThread => t_widestRun;

    /// <summary>Starts a new <see cref="WidestRunOnThisThread"/> measurement on the calling thread.</summary>
    internal static void ResetWidestRun() => t_widestRun = 0;

    private static Worker[] EnsureWorkers(int count)
    {
        if (s_workers.Length < count)
        {
            var grown = new Worker[count];
            Array.Copy(s_workers, grown, s_workers.Length);
            for (int i = s_workers.Length; i < count; i++)
            {
                grown[i] = new Worker(i + 1);
            }

            s_workers = grown;
        }

        return s_workers;
    }

    /// <summary>One background thread running one shard per phase.</summary>
    private sealed class Worker
    {
        private readonly SpinThenSleep _idle = new();
        private IShardedWork? _work;
        private int _phase;
        private int _shard;
        private int _shards;
        private Exception? _failure;
        private long _requested;
        private long _completed;

        // The last request claimed, by this worker or by the caller: request r runs on whichever thread moves it from
        // r - 1 to r, exactly once.
        private long _claimed;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Dendrite worker " + index };
            thread.Start();
        }

        public void Start(IShardedWork work, int phase, int shard, int shards)
        {
            _work = work;
            _phase = phase;
            _shard = shard;
            _shards = shards;
            _failure = null;
            Interlocked.Increment(ref _requested); // full fence: the fields above are visible before the request
            _idle.WakeIfAsleep();
        }

        /// <summary>On the caller, after its own shard: claims the posted shard if the worker has not; true when the caller must run it.</summary>
        public bool TryClaimPosted() => TryClaim(Volatile.Read(ref _requested));

        private bool TryClaim(long request) => Interlocked.CompareExchange(ref _claimed, request, request - 1) == request - 1;

        // AggressiveOptimization here and on Loop: compiled optimised once, never run instrumented. Loop is entered once
        // and never returns, so the tiers could only reach it by on-stack replacement of its instrumented first
        // version; with that code B's two-thread training step measured 1,458 µs instead of 581 in one of two runs
        // (bench/README.md "Tiered compilation").
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Exception? WaitForCompletion()
        {
            long target = Volatile.Read(ref _requested);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _completed) != target)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            return _failure;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                _idle.WaitForPost(ref _requested, 0, seen);
                seen = Volatile.Read(ref _requested);
                if (!TryClaim(seen))
                {
                    continue; // the caller ran it; its next request, if any, is a new post
                }

                try
                {
                    _work!.RunShard(_phase, _shard, _shards);
                }
                catch (Exception exception)
                {
                    _failure = exception;
                }

                _work = null;
                Volatile.Write(ref _completed, seen);
            }
        }
    }
}
