using System.Collections.Generic;
using System.Linq;

namespace Dendrite.Generator.Model;

/// <summary>
/// How one Dense layer's work is cut into register-blocked kernel calls, decided by the planner from the layer's
/// sizes (<c>Planning/DenseKernelPlanner</c>); the emitters only write the loops these numbers describe.
/// </summary>
/// <param name="RowBlock">Samples per batch forward block and per input-gradient block; phase-1 shards start at multiples of it.</param>
/// <param name="ForwardUnits">Units per batch forward block: RowBlock × ForwardUnits accumulators.</param>
/// <param name="BlockedUnits">Units covered by whole ForwardUnits-wide blocks; the rest (at most one) gets a RowBlock × 1 block.</param>
/// <param name="SingleRowWidths">Units per block when one sample goes through (Predict), as runs: 25 → 9, then 2 × 8.</param>
/// <param name="AlternatesSingleRowOrder">Whether a lone sample walks those blocks in alternating directions, sample after sample (more weights than <c>KernelBlocks.AlternatingOrderMinimumWeights</c>, and more than one block).</param>
/// <param name="UnitBlock">Units per weight-gradient block; phase-2 shards over units are multiples of it.</param>
/// <param name="WeightGradientRows">Units per weight-gradient walk, widest first: UnitBlock then 1, or only 1 for a layer narrower than a block.</param>
/// <param name="InputVectors">Vectors of inputs per weight- and input-gradient block (then one vector, then the scalar tail).</param>
/// <param name="WideRowBlock">Samples per batch forward block on AVX-512 hardware, before the RowBlock blocks take the rest; 0 for none (fewer than WideForwardUnits units).</param>
/// <param name="WideForwardUnits">Units per such block.</param>
/// <param name="WideBlockedUnits">Units covered by whole WideForwardUnits-wide blocks; the rest (1 to WideForwardUnits − 1) get one WideRowBlock × rest block.</param>
/// <param name="WideUnitBlock">Units per weight-gradient block on AVX-512 hardware, before the UnitBlock blocks take the rest; 0 for none (fewer units).</param>
/// <param name="WideInputVectors">Vectors of inputs per such block.</param>
/// <param name="Vector512">Whether the layer's forward, dW and dA_prev kernels (all vectorised over its inputs) run on 512-bit vectors where the hardware accelerates them (<c>Planning/VectorWidthPlanner</c>).</param>
/// <param name="NarrowForward">The lane classes (8 or 16: the dot kernels' vector width) when a batch forward of the layer (4 samples or more, on AVX-512 hardware) runs as outer products over a k-major copy of W, all its units in one 512-bit vector (<c>Planning/NarrowLayerPlanner</c>); 0 when it does not.</param>
internal sealed record DenseKernels(
    int RowBlock,
    int ForwardUnits,
    int BlockedUnits,
    EquatableArray<WidthRun> SingleRowWidths,
    bool AlternatesSingleRowOrder,
    int UnitBlock,
    EquatableArray<int> WeightGradientRows,
    int InputVectors,
    int WideRowBlock,
    int WideForwardUnits,
    int WideBlockedUnits,
    int WideUnitBlock,
    int WideInputVectors,
    bool Vector512,
    int NarrowForward)
{
    /// <summary>Units per block when one sample goes through a forward over a range of units (then one at a time).</summary>
    public const int UnitRangeSingleRowBlock = 8;

    /// <summary>Vectors of inputs per micro-kernel within a wide weight-gradient walk: WideInputVectors, then one.</summary>
    public int[] WideVectorWidths => new[] { WideInputVectors, 1 };

    /// <summary>
    /// The forward micro-kernels (samples × units) this layer calls, each once; <paramref name="unitRange"/> adds those of
    /// the forward over a range of units (<see cref="DenseLayerPlan.HasUnitRangeForward"/>): one unit at a time after
    /// the blocks, and blocks of 8 units for a lone sample.
    /// </summary>
    public IEnumerable<(int Rows, int Units)> ForwardShapes(int units, bool unitRange = false)
    {
        var shapes = new List<(int Rows, int Units)>();
        if (WideRowBlock > 0)
        {
            shapes.Add((WideRowBlock, WideForwardUnits));
            if (WideBlockedUnits < units)
            {
                shapes.Add((WideRowBlock, units - WideBlockedUnits));
            }
        }

        shapes.Add((RowBlock, ForwardUnits));
        if (BlockedUnits < units)
        {
            shapes.Add((RowBlock, 1));
        }

        shapes.AddRange(SingleRowWidths.Select(r => (1, r.Width)));
        if (unitRange)
        {
            if (WideRowBlock > 0)
            {
                shapes.Add((WideRowBlock, 1));
            }

            shapes.Add((RowBlock, 1));
            shapes.Add((1, UnitRangeSingleRowBlock));
            shapes.Add((1, 1));
        }

        return shapes.Distinct();
    }

    /// <summary>
    /// The input-gradient walks, each rows (samples) with the vectors of inputs it steps by: on AVX-512 hardware first
    /// WideRowBlock samples × WideInputVectors (24 accumulators, as the forward and dW blocks), then blocks of RowBlock
    /// samples, then single samples.
    /// </summary>
    public IEnumerable<(int Rows, int[] Vectors)> InputGradientWalks
    {
        get
        {
            if (WideRowBlock > 0)
            {
                yield return (WideRowBlock, WideVectorWidths);
            }

            yield return (RowBlock, VectorWidths);
            yield return (1, VectorWidths);
        }
    }

    /// <summary>Vectors of inputs per micro-kernel within a walk: InputVectors, then one.</summary>
    public int[] VectorWidths => InputVectors == 1 ? new[] { 1 } : new[] { InputVectors, 1 };
}

/// <summary><paramref name="Count"/> neighbouring blocks of <paramref name="Width"/> units each.</summary>
internal readonly record struct WidthRun(int Width, int Count);
