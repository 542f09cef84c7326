using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Dendrite;

/// <summary>
/// A long-lived background thread that runs one posted shard at a time, which the thread that posted it may take back:
/// <see cref="ShardRunner"/>'s workers and <see cref="FirstLayerSharing"/>'s helper.
/// </summary>
/// <remarks>
/// Each shard is claimed before it runs, exactly once: by the worker when it sees the post, or by the poster
/// (<see cref="TryClaimPosted"/>) once it has finished its own share, in which case the poster runs it itself. So the
/// poster never waits for a worker that is asleep, preempted or busy; it waits (<see cref="WaitForCompletion"/>) only
/// for a shard the worker has already started, and must, even when its own share failed: the shard may read memory
/// pinned only until the poster returns. Between posts the worker spins for 200 µs, then sleeps (<see cref="SpinThenSleep"/>).
/// </remarks>
internal sealed class ClaimedWorker
{
    private readonly SpinThenSleep _idle = new();
    private readonly bool _spinWithoutBackOff;
    private IShardedWork? _work;
    private int _phase;
    private int _shard;
    private int _shards;
    private Exception? _failure;
    private long _requested;
    private long _completed;
    private long _shardsRun;

    // The last request claimed, by this worker or by the poster: request r runs on whichever thread moves it from
    // r - 1 to r, exactly once.
    private long _claimed;

    /// <param name="name">The thread's name.</param>
    /// <param name="spinWithoutBackOff">
    /// Wait for a started shard with a plain spin instead of <see cref="SpinWait"/>'s growing back-off: for shards of a
    /// few microseconds (one Predict call's part), where each back-off step could overshoot the shard's end by more than
    /// the wait itself.
    /// </param>
    public ClaimedWorker(string name, bool spinWithoutBackOff)
    {
        _spinWithoutBackOff = spinWithoutBackOff;
        var thread = new Thread(Loop) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Shards this worker's thread has run (for tests).</summary>
    public long ShardsRun => Volatile.Read(ref _shardsRun);

    /// <summary>Posts shard <paramref name="shard"/> of <paramref name="phase"/>; the previous post must be settled (claimed back, or waited for).</summary>
    public void Post(IShardedWork work, int phase, int shard, int shards)
    {
        _work = work;
        _phase = phase;
        _shard = shard;
        _shards = shards;
        _failure = null;
        Interlocked.Increment(ref _requested); // full fence: the fields above are visible before the request
        _idle.WakeIfAsleep();
    }

    /// <summary>On the poster, after its own share: claims the posted shard if the worker has not; true when the poster must run it.</summary>
    public bool TryClaimPosted() => TryClaim(Volatile.Read(ref _requested));

    private bool TryClaim(long request) => Interlocked.CompareExchange(ref _claimed, request, request - 1) == request - 1;

    // AggressiveOptimization here and on Loop: compiled optimised once, never run instrumented. Loop is entered once
    // and never returns, so the tiers could only reach it by on-stack replacement of its instrumented first
    // version; with that code B's two-thread training step measured 1,458 µs instead of 581 in one of two runs
    // (bench/README.md "Tiered compilation").

    /// <summary>Waits for the shard the worker claimed; returns what it threw, if anything.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Exception? WaitForCompletion()
    {
        long target = Volatile.Read(ref _requested);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _completed) != target)
        {
            if (_spinWithoutBackOff)
            {
                Thread.SpinWait(1);
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
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
                continue; // the poster ran it; its next request, if any, is a new post
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
            Interlocked.Increment(ref _shardsRun);
            Volatile.Write(ref _completed, seen);
        }
    }
}
