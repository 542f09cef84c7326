using System;
using System.Runtime.ExceptionServices;

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
    private static ClaimedWorker[] s_workers = [];

    /// <summary>The most shards a <see cref="Run"/> call made on this thread asked for since the last reset (for tests).</summary>
    [ThreadStatic]
    private static int t_widestRun;

    /// <summary>The <see cref="Run"/> calls made on this thread with more than one shard since the last reset (for tests).</summary>
    [ThreadStatic]
    private static int t_splitRuns;

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

        t_splitRuns++;

        lock (s_gate)
        {
            ClaimedWorker[] workers = EnsureWorkers(shards - 1);
            for (int i = 1; i < shards; i++)
            {
                workers[i - 1].Post(work, phase, i, shards);
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
                ClaimedWorker worker = workers[i - 1];
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

    /// <summary>
    /// The <see cref="Run"/> calls with more than one shard made on the calling thread since <see cref="ResetWidestRun"/>:
    /// how many phases of a step were split (BatchNormalizationBehaviourTests counts the parts of a step's phase 1).
    /// </summary>
    internal static int SplitRunsOnThisThread => t_splitRuns;

    /// <summary>Starts a new <see cref="WidestRunOnThisThread"/> and <see cref="SplitRunsOnThisThread"/> measurement on the calling thread.</summary>
    internal static void ResetWidestRun()
    {
        t_widestRun = 0;
        t_splitRuns = 0;
    }

    private static ClaimedWorker[] EnsureWorkers(int count)
    {
        if (s_workers.Length < count)
        {
            var grown = new ClaimedWorker[count];
            Array.Copy(s_workers, grown, s_workers.Length);
            for (int i = s_workers.Length; i < count; i++)
            {
                grown[i] = new ClaimedWorker("Dendrite worker " + (i + 1), spinWithoutBackOff: false);
            }

            s_workers = grown;
        }

        return s_workers;
    }
}
