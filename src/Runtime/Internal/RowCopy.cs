using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Internal;

/// <summary>
/// Copies one sample's row of a shuffled batch while asking the memory system for the row copied next.
/// </summary>
/// <remarks>
/// A shuffled batch is a gather of rows from random places in the data set: each row is read once, and the next row's
/// address is known (the epoch's sample order) but not to the hardware prefetcher, which only follows strides. Asking
/// for the next row a cache line at a time while copying this one overlaps the two rows' memory latency instead of
/// paying it row after row: a batch of 32 MNIST rows from a data set larger than the cache took 12–16 µs with
/// <c>Span.CopyTo</c> and 6–8 µs this way (bench/README.md, "The shuffled batch copy"). Every bit pattern arrives as it
/// was and nothing past the row is written (RowCopyTests).
/// </remarks>
internal static unsafe class RowCopy
{
    private const int CacheLineBytes = 64;

    /// <summary>
    /// Copies <paramref name="length"/> floats from <paramref name="source"/> to <paramref name="destination"/> (not
    /// overlapping) and, where the processor has a prefetch instruction, asks for the same number of bytes at
    /// <paramref name="next"/> (null: nothing to ask for).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Copy(float* source, float* destination, int length, float* next)
    {
        byte* from = (byte*)source;
        byte* to = (byte*)destination;
        byte* ahead = (byte*)next;
        long bytes = (long)length * sizeof(float);
        long done = 0;
        for (; done + CacheLineBytes <= bytes; done += CacheLineBytes)
        {
            Prefetch(ahead, done);
            CopyLine(from + done, to + done);
        }

        if (done < bytes)
        {
            Prefetch(ahead, done);
            System.Buffer.MemoryCopy(from + done, to + done, bytes - done, bytes - done);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(byte* ahead, long offset)
    {
        if (Sse.IsSupported && ahead != null)
        {
            Sse.Prefetch0(ahead + offset);
        }
    }

    /// <summary>Copies 64 bytes in the widest vectors the processor accelerates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyLine(byte* from, byte* to)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512.Store(Vector512.Load(from), to);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256.Store(Vector256.Load(from), to);
            Vector256.Store(Vector256.Load(from + 32), to + 32);
        }
        else
        {
            Vector128.Store(Vector128.Load(from), to);
            Vector128.Store(Vector128.Load(from + 16), to + 16);
            Vector128.Store(Vector128.Load(from + 32), to + 32);
            Vector128.Store(Vector128.Load(from + 48), to + 48);
        }
    }
}
