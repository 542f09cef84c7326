using System.Collections.Generic;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Block sizes the emitted kernels are built around. They live with the plan because the limits on a network's
/// sizes depend on them (a kernel for 4 samples writes the constant offset 3 × inputs), and the emitters read them
/// from here, so the check and the code it protects cannot disagree.
/// </summary>
internal static class KernelBlocks
{
    /// <summary>Samples per Dense forward and input-gradient block; shards of a batch start at multiples of it.</summary>
    public const int RowBlock = 4;

    /// <summary>
    /// Samples per Dense forward block on hardware with AVX-512, chosen when the JIT compiles the layer
    /// (<c>Vector512.IsHardwareAccelerated</c>, a constant to it): AVX-512 gives 32 vector registers, at every vector
    /// width, so a block of 6 samples × <see cref="WideForwardUnits"/> units keeps 24 accumulators, 4 weight vectors and
    /// the input vector in registers: 10 loads feed 24 multiply-adds, and each sample's 4 sums reduce together
    /// (HorizontalSums). Measured on 240 units of the 784 → 256 layer of workload B (Zen 4, 256-bit vectors,
    /// KernelShapeBenchmarks, bench/README.md): 109 GFLOP/s against 106 for 5 × 3 and 98 for 4 × 2; in the generated
    /// kernels, timed in one process, that layer went from 101 GFLOP/s (5 × 3) to 108 and B's 256 → 128 layer, where the
    /// reduction weighs more, from 89 to 105. With AVX2's 16 registers it would spill, so other hardware keeps
    /// <see cref="RowBlock"/> × 2.
    /// </summary>
    public const int WideRowBlock = 6;

    /// <summary>
    /// The remainders r of a batch ÷ <paramref name="wide"/> (a layer's AVX-512 sample block, <see cref="WideRowBlock"/>)
    /// after which running one wide block fewer leaves fewer samples alone, the <paramref name="narrow"/> blocks
    /// (<see cref="RowBlock"/>) taking the freed samples with the remainder: (r + wide) mod narrow &lt; r mod narrow
    /// (6 and 4: 2 → 6 + 2 = 2 × 4; 3 → 9 = 2 × 4 + 1). A sample alone reads every weight vector for one multiply-add,
    /// which on a first layer larger than L1 is bound by the L2 cache (bench/README.md, "Batches of 32, and the
    /// optimizer's flush"); every block shape sums in the same order, so how a batch is cut changes speed, never a result.
    /// </summary>
    internal static IReadOnlyList<int> BackOffRemainders(int wide, int narrow)
    {
        var remainders = new List<int>();
        for (int r = 0; r < wide; r++)
        {
            if ((r + wide) % narrow < r % narrow)
            {
                remainders.Add(r);
            }
        }

        return remainders;
    }

    /// <summary>
    /// Weights of a Dense layer above which a lone sample (Predict) walks its unit blocks first to last and last to first
    /// on alternate samples: 8,192 floats, 32 KB, the smallest L1 data cache of the x86-64 and Arm64 cores Dendrite runs on
    /// (Zen 1–4 and most Intel cores; Zen 5 has 48 KB). A layer larger than L1 read in the same order every call finds
    /// none of it there (the rows read last evicted the rows read first); reversed, a call starts on the rows the previous
    /// one read last. A's Predict (its 784 → 25 layer is 78 KB) went from 0.66–0.68 to 0.51–0.52 µs (bench/README.md,
    /// "One sample, rows in alternating order"). Each unit's sum does not depend on the order of the units.
    /// </summary>
    public const long AlternatingOrderMinimumWeights = 8192;

    /// <summary>Units per Dense forward block on AVX-512 hardware (see <see cref="WideRowBlock"/>).</summary>
    public const int WideForwardUnits = 4;

    /// <summary>
    /// Units per Dense weight-gradient block on AVX-512 hardware, with <see cref="WideInputVectors"/> vectors of inputs:
    /// 24 accumulators, which its 32 vector registers hold with the 4 input vectors and a broadcast (as
    /// <see cref="WideRowBlock"/>); each input vector loaded then serves 6 units and each broadcast dZ value 4 vectors.
    /// Against the 5 × 3 blocks before it, B's whole gradient computation at 1 thread took 620–626 µs instead of
    /// 649–651 (fastest of 2,000, `step-times parts B`, each build run twice alternately; bench/README.md).
    /// Other hardware keeps <see cref="UnitBlock"/> × 2.
    /// </summary>
    public const int WideUnitBlock = 6;

    /// <summary>Vectors of inputs per Dense weight-gradient block on AVX-512 hardware (see <see cref="WideUnitBlock"/>).</summary>
    public const int WideInputVectors = 4;

    /// <summary>Units per Dense weight-gradient block; shard boundaries over units are multiples of it.</summary>
    public const int UnitBlock = 4;

    /// <summary>Neighbouring output pixels a Conv2D forward block computes together (offsets up to 3 × stride × channels).</summary>
    public const int PixelBlock = 4;

    /// <summary>
    /// Pixels or dW rows in the widest Conv2D block (× 4 vectors = 24 accumulators, for AVX-512's 32 registers):
    /// offsets up to 5 × filters, 5 × channels and 5 × stride × channels.
    /// </summary>
    public const int WidePixelBlock = 6;

    /// <summary>Floats in the widest Vector&lt;float&gt; .NET uses (AVX-512); every vector width divides it.</summary>
    public const int WidestVector = 16;

    /// <summary>Vectors per step of the widest channel loops (f + 4 · Vector&lt;float&gt;.Count ≤ Filters).</summary>
    public const int VectorsPerStep = 4;

    /// <summary>
    /// Samples per chunk of batched inference: the generated code keeps every hidden activation of this many samples
    /// in one array whose length is a constant expression.
    /// </summary>
    public const int InferenceChunk = 64;
}
