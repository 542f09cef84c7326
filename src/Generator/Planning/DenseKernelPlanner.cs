using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Chooses a Dense layer's kernel shapes from its sizes (the rules below), so the emitters never decide one:
/// <list type="bullet">
/// <item>forward: 4 samples × 2 units per block (8 accumulators fit AVX2's 16 registers with room for the loads), and
/// first, on AVX-512 hardware (32 registers), 6 samples × 4 units (<see cref="KernelBlocks.WideRowBlock"/>);
/// a lone sample (Predict) uses blocks of 8 to 11 units so the FMA pipes stay busy, walked in alternating directions
/// on a layer larger than L1 (<see cref="KernelBlocks.AlternatingOrderMinimumWeights"/>); a narrow layer's batch runs
/// first, on AVX-512 hardware, as outer products with the same bits (<see cref="NarrowLayerPlanner"/>);</item>
/// <item>weight gradient: 4 units × 2 vectors of inputs per block, the batch streamed through it, and first, on AVX-512
/// hardware, 6 units × 4 vectors (<see cref="KernelBlocks.WideUnitBlock"/>);</item>
/// <item>input gradient: 4 samples × 2 vectors of inputs per block, the units streamed through it, and first, on
/// AVX-512 hardware, 6 samples × 4 vectors (the forward's <see cref="KernelBlocks.WideRowBlock"/> and the dW blocks'
/// <see cref="KernelBlocks.WideInputVectors"/>).</item>
/// </list>
/// </summary>
internal static class DenseKernelPlanner
{
    /// <summary>Vectors of inputs per weight- and input-gradient block.</summary>
    private const int InputVectors = 2;

    public static DenseKernels Choose(int units, int inputs)
    {
        int forwardUnits = units >= 2 ? 2 : 1;
        // Wide blocks only where a whole one fits: a layer of 1 to 3 units (logistic regression) gains nothing from them.
        bool wide = units >= KernelBlocks.WideForwardUnits;
        int wideUnits = wide ? KernelBlocks.WideForwardUnits : 0;
        IReadOnlyList<WidthRun> singleRowWidths = SingleRowWidths(units);
        return new DenseKernels(
            KernelBlocks.RowBlock,
            forwardUnits,
            units / forwardUnits * forwardUnits,
            singleRowWidths.ToEquatableArray(),
            (long)units * inputs > KernelBlocks.AlternatingOrderMinimumWeights && (singleRowWidths.Count > 1 || singleRowWidths[0].Count > 1),
            KernelBlocks.UnitBlock,
            (units >= KernelBlocks.UnitBlock ? new[] { KernelBlocks.UnitBlock, 1 } : new[] { 1 }).ToEquatableArray(),
            InputVectors,
            wide ? KernelBlocks.WideRowBlock : 0,
            wideUnits,
            wide ? units / wideUnits * wideUnits : 0,
            units >= KernelBlocks.WideUnitBlock ? KernelBlocks.WideUnitBlock : 0,
            KernelBlocks.WideInputVectors,
            VectorWidthPlanner.Prefers512(inputs),
            NarrowLayerPlanner.LaneClasses(units, inputs));
    }

    /// <summary>
    /// Units per block when one sample goes through (Predict), as runs of equal widths: a dot product per unit, each a
    /// chain of dependent multiply-adds, so a block needs about 8 of them to keep two FMA pipes of latency 4 busy.
    /// Blocks of 8, with a remainder of 4 or more as its own block and a smaller one spread over the blocks
    /// (25 → 9 + 8 + 8, 10 → 10, 19 → 10 + 9), so no unit is left alone on a single slow chain. At most 11
    /// accumulators: they fit in AVX2's 16 registers. Runs keep the largest Dense layer's plan small (33,554,430 units: 4,194,303 × 8, then 6).
    /// </summary>
    public static IReadOnlyList<WidthRun> SingleRowWidths(int units)
    {
        int blocks = units / 8;
        int remainder = units % 8;
        var runs = new List<WidthRun>();
        if (blocks == 0)
        {
            runs.Add(new WidthRun(units, 1));
            return runs;
        }

        for (int b = 0; b < blocks; b++)
        {
            // 1 to 3 units left: one more for each block in turn; 4 or more: a block of their own, after the others.
            int extra = remainder >= 4 || b >= remainder ? 0 : ((remainder - b - 1) / blocks) + 1;
            Append(runs, 8 + extra);
        }

        if (remainder >= 4)
        {
            Append(runs, remainder);
        }

        return runs;
    }

    private static void Append(List<WidthRun> runs, int width)
    {
        if (runs.Count > 0 && runs[runs.Count - 1].Width == width)
        {
            runs[runs.Count - 1] = new WidthRun(width, runs[runs.Count - 1].Count + 1);
        }
        else
        {
            runs.Add(new WidthRun(width, 1));
        }
    }
}
