using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Dendrite;

/// <summary>
/// How a Dendrite background thread (a <see cref="ShardRunner"/> worker, the <see cref="FirstLayerSharing"/> helper)
/// waits for its next piece of work, posted by raising a counter: it spins for 200 µs, long enough to cover the gap
/// between a training step's phases or the optimizer step between two steps of a small network, and a stream of
/// Predict calls; then it sleeps until the poster wakes it, so it holds no core once the work stops.
/// </summary>
internal sealed class SpinThenSleep
{
    private static readonly long s_spinTicks = Stopwatch.Frequency / 5_000; // 200 µs

    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private int _sleeping;

    /// <summary>
    /// On the waiting thread: returns once <c>Volatile.Read(ref counter) &gt;&gt; shift</c> differs from
    /// <paramref name="seen"/> (the low <paramref name="shift"/> bits may carry state that is not a new post).
    /// </summary>
    // AggressiveOptimization: compiled optimised once, never run instrumented (bench/README.md "Tiered compilation").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WaitForPost(ref long counter, int shift, long seen)
    {
        long spinUntil = Stopwatch.GetTimestamp() + s_spinTicks;
        while ((Volatile.Read(ref counter) >> shift) == seen)
        {
            if (Stopwatch.GetTimestamp() < spinUntil)
            {
                Thread.SpinWait(4);
                continue;
            }

            // Announce sleep, then re-check: a post made before the announcement is seen here, and one made after it
            // finds _sleeping set and signals the event (WakeIfAsleep).
            Interlocked.Exchange(ref _sleeping, 1);
            if ((Volatile.Read(ref counter) >> shift) == seen)
            {
                _wake.Wait();
            }

            Interlocked.Exchange(ref _sleeping, 0);
            _wake.Reset();
            spinUntil = Stopwatch.GetTimestamp() + s_spinTicks;
        }
    }

    /// <summary>
    /// On the posting thread, right after the post was made with a full fence (an <see cref="Interlocked"/> write of
    /// the counter, so that this read of the sleep flag cannot move before it): wakes the waiter if it sleeps.
    /// </summary>
    public void WakeIfAsleep()
    {
        if (Volatile.Read(ref _sleeping) == 1)
        {
            _wake.Set();
        }
    }
}
