using System;
using System.Collections.Generic;
using System.Threading;

namespace Dendrite.Internal;

/// <summary>
/// Aligned buffers that one <c>Fit</c> call hands back for the next: its gradients and its batch buffers.
/// </summary>
/// <remarks>
/// <para>
/// Why: a buffer allocated anew costs more than its size suggests. It is memory the call clears and then touches
/// page by page (a page fault per 4 KB on pages the heap had handed back to the system), and pinned or large
/// allocations count against the budget of full collections, so a program that calls <c>Fit</c> in a loop (Keras'
/// <c>fit(epochs=1)</c> once per epoch) brought on background full collections as well. A one-batch <c>Fit</c> of
/// workload A, 500 calls in a row, took 115–141 µs on average against its 25–28 µs step; with this pool (and the
/// update checkpoint made only when needed, <see cref="UpdateCheckpoint"/>) 32–36 µs (bench <c>fit-setup</c>,
/// bench/README.md "Fit end to end"). A rented buffer was written by the previous call, so its pages are mapped
/// and often still in the cache.
/// </para>
/// <para>
/// What is kept is bounded: at most <see cref="MaxKept"/> buffers and <see cref="MaxKeptBytes"/> bytes, and a buffer
/// not rented again before the second full (generation 2) collection after its return is let go, so an
/// application that stops training gets the memory back (AlignedBufferPoolTests).
/// </para>
/// </remarks>
internal static class AlignedBufferPool
{
    /// <summary>Most buffers kept between calls.</summary>
    internal const int MaxKept = 8;

    /// <summary>Most bytes kept between calls; a larger buffer is never kept (its pages cost little beside its steps).</summary>
    internal const long MaxKeptBytes = 64L * 1024 * 1024;

    private static readonly object s_gate = new();
    private static readonly List<(AlignedBuffer Buffer, int Returned)> s_kept = [];
    private static int s_fullCollections; // full collections seen by the trimmer, the age of a kept buffer

    static AlignedBufferPool() => _ = new FullCollectionTrimmer();

    /// <summary>Buffers kept now (for tests).</summary>
    internal static int KeptCount
    {
        get
        {
            lock (s_gate)
            {
                return s_kept.Count;
            }
        }
    }

    /// <summary>Buffers kept now and full collections seen so far, read together (for tests: other tests' collections age buffers too).</summary>
    internal static (int Kept, int FullCollections) State
    {
        get
        {
            lock (s_gate)
            {
                return (s_kept.Count, Volatile.Read(ref s_fullCollections));
            }
        }
    }

    /// <summary>A buffer of <paramref name="length"/> zeros: a kept one when there is one of that length, else a new one.</summary>
    public static AlignedBuffer Rent(int length)
    {
        lock (s_gate)
        {
            for (int i = s_kept.Count - 1; i >= 0; i--)
            {
                AlignedBuffer kept = s_kept[i].Buffer;
                if (kept.Length == length)
                {
                    s_kept.RemoveAt(i);
                    kept.Span.Clear(); // as a new buffer would be, so no value of the last call leaks into this one
                    return kept;
                }
            }
        }

        return new AlignedBuffer(length);
    }

    /// <summary>Hands <paramref name="buffer"/> back; the caller must not use it afterwards.</summary>
    public static void Return(AlignedBuffer buffer)
    {
        long bytes = (long)buffer.Length * sizeof(float);
        if (bytes > MaxKeptBytes || buffer.Length == 0)
        {
            return;
        }

        lock (s_gate)
        {
            long keptBytes = bytes;
            foreach ((AlignedBuffer kept, _) in s_kept)
            {
                keptBytes += (long)kept.Length * sizeof(float);
            }

            // The oldest go first: a program that trains one network keeps the buffers its next call will ask for.
            while (s_kept.Count > 0 && (s_kept.Count >= MaxKept || keptBytes > MaxKeptBytes))
            {
                keptBytes -= (long)s_kept[0].Buffer.Length * sizeof(float);
                s_kept.RemoveAt(0);
            }

            s_kept.Add((buffer, Volatile.Read(ref s_fullCollections)));
        }
    }

    /// <summary>Lets go of every buffer returned before the last full collection (for tests, and the trimmer).</summary>
    internal static void Trim()
    {
        lock (s_gate)
        {
            int now = Interlocked.Increment(ref s_fullCollections);
            s_kept.RemoveAll(entry => now - entry.Returned >= 2);
        }
    }

    /// <summary>
    /// An object whose finalizer runs once per full collection: unreachable from the start, it is finalized by the
    /// first collection that sees it and registers itself again; each time it survives to an older generation, and
    /// from generation 2 on only full collections find it unreachable again.
    /// </summary>
    private sealed class FullCollectionTrimmer
    {
        ~FullCollectionTrimmer()
        {
            if (Environment.HasShutdownStarted)
            {
                return;
            }

            Trim();
            GC.ReRegisterForFinalize(this);
        }
    }
}
