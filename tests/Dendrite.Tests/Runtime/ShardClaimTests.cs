using System.Threading;
using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// <see cref="ShardRunner.Run"/> claims each shard once before running it: the worker claims its shard when it sees the
/// phase, and the caller, done with shard 0, claims any shard whose worker has not started it and runs it itself, so
/// a sleeping or descheduled worker does not hold the phase up. Whatever fails, no shard is still running when the
/// call returns (a step's shards read spans pinned only for the call).
/// </summary>
[Collection(nameof(ThreadSettingCollection))] // uses the shared workers; timing-sensitive
public sealed class ShardClaimTests
{
    [Fact]
    public void A_shard_whose_worker_is_asleep_runs_on_the_caller_once_the_callers_own_shard_is_done()
    {
        var work = new RecordingWork(shards: 2);
        int onCaller = 0;
        for (int phase = 0; phase < 20; phase++)
        {
            // Idle longer than the workers spin (200 µs): the worker is asleep when the phase is posted, and shard 0
            // returns at once, so the caller reaches shard 1 long before a sleeping thread can wake.
            Thread.Sleep(5);
            work.Reset();
            ShardRunner.Run(work, phase, 2);
            work.AssertEachShardRanOnce($"phase {phase}");
            if (work.ThreadOf(1) == Environment.CurrentManagedThreadId)
            {
                onCaller++;
            }
        }

        Assert.True(onCaller > 0, "the caller never ran the sleeping worker's shard in 20 phases");
    }

    [Fact]
    public void A_shard_the_worker_has_started_is_waited_for_and_not_run_again()
    {
        var work = new RecordingWork(shards: 2) { CallerShardSpin = TimeSpan.FromMilliseconds(2) };
        int onWorker = 0;
        for (int phase = 0; phase < 20; phase++)
        {
            work.Reset();
            ShardRunner.Run(work, phase, 2);
            work.AssertEachShardRanOnce($"phase {phase}");
            if (work.ThreadOf(1) != Environment.CurrentManagedThreadId)
            {
                onWorker++;
            }
        }

        // Shard 0 takes 2 ms: a worker spinning between phases, or woken, starts shard 1 well within that.
        Assert.True(onWorker > 0, "the worker never ran its shard in 20 phases");
    }

    [Fact]
    public void Every_shard_runs_exactly_once_before_the_call_returns_even_when_one_fails()
    {
        var work = new RecordingWork(shards: 3);
        for (int phase = 0; phase < 3000; phase++)
        {
            work.Reset();
            work.FailingShard = phase % 7 == 0 ? phase % 3 : -1;
            Exception? thrown = Record.Exception(() => ShardRunner.Run(work, phase, 3));
            work.AssertEachShardRanOnce($"phase {phase} ({thrown?.Message ?? "no exception"})");
            if (work.FailingShard >= 0)
            {
                Assert.IsType<InvalidOperationException>(thrown);
                Assert.Contains($"shard {work.FailingShard}", thrown.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(thrown);
            }
        }
    }

    private sealed class RecordingWork(int shards) : IShardedWork
    {
        private readonly int[] _runs = new int[shards];
        private readonly int[] _threads = new int[shards];

        public TimeSpan CallerShardSpin { get; init; }

        public int FailingShard { get; set; } = -1;

        public void Reset()
        {
            Array.Clear(_runs);
            Array.Clear(_threads);
        }

        public int ThreadOf(int shard) => _threads[shard];

        public void RunShard(int phase, int shard, int count)
        {
            Interlocked.Increment(ref _runs[shard]);
            _threads[shard] = Environment.CurrentManagedThreadId;
            if (shard == 0 && CallerShardSpin > TimeSpan.Zero)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed < CallerShardSpin)
                {
                    Thread.SpinWait(20);
                }
            }

            if (shard == FailingShard)
            {
                throw new InvalidOperationException($"shard {shard} of phase {phase} failed");
            }
        }

        public void AssertEachShardRanOnce(string what)
        {
            for (int shard = 0; shard < _runs.Length; shard++)
            {
                Assert.True(Volatile.Read(ref _runs[shard]) == 1, $"{what}: shard {shard} ran {_runs[shard]} times");
            }
        }
    }
}
