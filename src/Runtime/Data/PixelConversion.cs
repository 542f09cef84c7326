using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dendrite.Data;

/// <summary>Converts pixel bytes 0…255 to floats in [0, 1], a vector of bytes at a time.</summary>
internal static class PixelConversion
{
    /// <summary>Writes b / 255 for every byte b of <paramref name="source"/> into <paramref name="target"/> (same length).</summary>
    // Fully optimised from the first call: a data set is loaded once, so tiered JIT would run it unoptimised.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToUnitFloats(ReadOnlySpan<byte> source, Span<float> target)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // One vector of bytes widens to two of ushort, then four of uint, each converted and scaled.
            // Division rather than multiplying by 1/255 gives the correctly rounded b / 255 (255 → exactly 1).
            var divisor = new Vector<float>(255f);
            int step = Vector<byte>.Count;
            for (; i <= source.Length - step; i += step)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out Vector<ushort> low, out Vector<ushort> high);
                Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
                int quarter = Vector<uint>.Count;
                (Vector.ConvertToSingle(a) / divisor).CopyTo(target[i..]);
                (Vector.ConvertToSingle(b) / divisor).CopyTo(target[(i + quarter)..]);
                (Vector.ConvertToSingle(c) / divisor).CopyTo(target[(i + (2 * quarter))..]);
                (Vector.ConvertToSingle(d) / divisor).CopyTo(target[(i + (3 * quarter))..]);
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = source[i] / 255f;
        }
    }
}
