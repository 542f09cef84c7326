using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Dendrite;

/// <summary>
/// The masks of inverted dropout, for the generated code of networks that declare <c>[Dropout(rate)]</c>.
/// Counter-based: whether value <c>j</c> of sample <c>s</c> in dropout layer <c>l</c> is kept at training step
/// <c>t</c> is a hash of (the network's dropout seed, t, l, s, j) compared with a threshold, not a draw from a
/// sequential generator. So the mask does not depend on which thread computes a sample, on where a batch is split
/// into shards, or on the vector width, and the backward pass recomputes exactly the mask the forward pass used
/// (DropoutTests).
/// </summary>
/// <remarks>
/// The keys: <see cref="StreamSeed"/> turns the constructor's seed into the network's dropout stream;
/// <see cref="StepKey"/> picks step t of it (the network counts its ComputeGradients calls); <see cref="SampleKey"/>
/// a layer and a sample's index in the batch; each value then uses a 32-bit hash of the sample key and its index
/// (MurmurHash3's finaliser), kept when the hash is at least the layer's threshold, round(rate · 2³²).
/// SplitMix64's finaliser mixes the 64-bit keys. All integer arithmetic: the same bits on every machine.
/// </remarks>
public static class DropoutMask
{
    private const ulong Golden64 = 0x9E3779B97F4A7C15UL;
    private const uint Golden32 = 0x9E3779B9u;

    /// <summary>"DROPOUT!": keeps the dropout stream of seed s apart from the weight initialisation of seed s.</summary>
    private const ulong Domain = 0x44524F504F555421UL;

    /// <summary>The dropout stream of a network constructed with <paramref name="seed"/> (a loaded one uses seed 0's).</summary>
    public static ulong StreamSeed(int seed) => Mix64(unchecked((ulong)(long)seed + Domain));

    /// <summary>The key of training step <paramref name="step"/> (0 for the first ComputeGradients call) of a stream.</summary>
    public static ulong StepKey(ulong streamSeed, long step) => Mix64(unchecked(streamSeed + ((ulong)step * Golden64)));

    /// <summary>The key of sample <paramref name="sample"/> (its index in the batch) in dropout layer <paramref name="layer"/> (its 1-based index in the network).</summary>
    public static ulong SampleKey(ulong stepKey, int layer, int sample) =>
        Mix64(unchecked(stepKey + ((((ulong)(uint)layer << 32) | (uint)sample) * Golden64)));

    /// <summary>
    /// The threshold of a rate: a value is kept when its 32-bit hash is at least round(rate · 2³²), so it is dropped
    /// with probability rate (to within 2⁻³³). 0 keeps everything.
    /// </summary>
    public static uint Threshold(double rate)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Expected a dropout rate in [0, 1) but found {rate}.");
        }

        return (uint)Math.Min(Math.Round(rate * 4294967296.0), uint.MaxValue);
    }

    /// <summary>Whether value <paramref name="index"/> of the sample with <paramref name="sampleKey"/> is kept.</summary>
    public static bool Keeps(ulong sampleKey, int index, uint threshold) => Hash(Fold(sampleKey), (uint)index) >= threshold;

    /// <summary>
    /// result[j] = values[j] · scale where value j is kept, 0 where it is dropped: the forward pass (A = A_prev ⊙ M / (1 − rate))
    /// and, with the same key, the backward pass (dA_prev = dA ⊙ M / (1 − rate)). Vectorised over j; the same bits at any width.
    /// </summary>
    /// <param name="values">One sample's values (or gradients).</param>
    /// <param name="result">Receives as many values; may not overlap <paramref name="values"/> except exactly.</param>
    /// <param name="sampleKey">From <see cref="SampleKey"/>.</param>
    /// <param name="threshold">From <see cref="Threshold"/>.</param>
    /// <param name="scale">1 / (1 − rate), in float.</param>
    public static void Apply(ReadOnlySpan<float> values, Span<float> result, ulong sampleKey, uint threshold, float scale)
    {
        if (result.Length < values.Length)
        {
            throw new ArgumentException($"Expected at least {values.Length} values in the result but found {result.Length}.", nameof(result));
        }

        uint key = Fold(sampleKey);
        int n = values.Length, j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            ref float source = ref MemoryMarshal.GetReference(values);
            ref float target = ref MemoryMarshal.GetReference(result);
            Vector<uint> index = Vector<uint>.Indices;
            Vector<uint> step = new((uint)Vector<uint>.Count);
            Vector<uint> keys = new(key), limit = new(threshold);
            Vector<float> factor = new(scale);
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
            {
                Vector<uint> kept = Vector.GreaterThanOrEqual(Hash(keys, index), limit);
                Vector<float> scaled = Vector.LoadUnsafe(ref source, (nuint)j) * factor;
                Vector.ConditionalSelect(Vector.AsVectorSingle(kept), scaled, Vector<float>.Zero).StoreUnsafe(ref target, (nuint)j);
                index += step;
            }
        }

        for (; j < n; j++)
        {
            result[j] = Hash(key, (uint)j) >= threshold ? values[j] * scale : 0f;
        }
    }

    /// <summary>SplitMix64's finaliser: a bijection of 64-bit values in which every input bit reaches every output bit.</summary>
    private static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static uint Fold(ulong key) => (uint)key ^ (uint)(key >> 32);

    /// <summary>MurmurHash3's 32-bit finaliser of key ⊕ index·φ: distinct indices of one sample get distinct hashes.</summary>
    private static uint Hash(uint key, uint index)
    {
        uint h = key ^ (index * Golden32);
        h = (h ^ (h >> 16)) * 0x85EBCA6Bu;
        h = (h ^ (h >> 13)) * 0xC2B2AE35u;
        return h ^ (h >> 16);
    }

    private static Vector<uint> Hash(Vector<uint> key, Vector<uint> index)
    {
        Vector<uint> h = key ^ (index * Golden32);
        h = (h ^ Vector.ShiftRightLogical(h, 16)) * 0x85EBCA6Bu;
        h = (h ^ Vector.ShiftRightLogical(h, 13)) * 0xC2B2AE35u;
        return h ^ Vector.ShiftRightLogical(h, 16);
    }
}
