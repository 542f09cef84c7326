using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The forward driver over one shard's units of every sample, for a layer a threaded training step splits by units
/// (<see cref="DenseLayerPlan.SplitsForwardByUnits"/>): the same kernels and the same values as the whole-layer driver.
/// It is threading machinery, not new maths, so <see cref="StepPlumbingEmitter"/> writes it into the plumbing file.
/// </summary>
internal static partial class DenseLayerEmitter
{
    public static void WriteForwardUnits(CodeWriter w, DenseLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        DenseKernels kernels = layer.Kernels;
        w.Comment("Layer " + l + " forward for the units of shard `shard` of `shards` (from a multiple of " + kernels.UnitBlock + ", where " + layer.Name + "WeightGradients cuts them), every sample:");
        w.Comment("  a training step on several threads runs it so that each thread reads only the rows of W[" + l + "] it also differentiates and updates.");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "ForwardUnits(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " input, " + Span + " z, " + Span + " a, int samples, int shard, int shards)");
        WriteShardUnits(w, layer);
        w.Line(layer.Name + "ForwardUnitRange(parameters, input, z, a, samples, firstUnit, endUnit);");
        w.Close();
        w.Line();
        WriteForwardUnitRange(w, layer);
    }

    /// <summary>The forward over units [firstUnit, endUnit) of every sample: a training shard's, or a part of one Predict call's layer 1 or 2.</summary>
    public static void WriteForwardUnitRange(CodeWriter w, DenseLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string n = CodeWriter.Int(layer.Units);
        string k = CodeWriter.Int(layer.InputSize);
        DenseKernels kernels = layer.Kernels;
        w.Comment("Layer " + l + " forward for units [firstUnit, endUnit) of every sample: the Z[" + l + "] and A[" + l + "] values of " + layer.Name + "Forward, since every");
        w.Comment("  block shape sums in the same order. z, a: as " + layer.Name + "Forward, of which these units of every sample are written.");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "ForwardUnitRange(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " input, " + Span + " z, " + Span + " a, int samples, int firstUnit, int endUnit)");
        w.Line("RequireAtLeast(input.Length, samples * " + k + ", \"input\");");
        w.Line("RequireAtLeast(z.Length, samples * " + n + ", \"z\");");
        w.Line("RequireAtLeast(a.Length, samples * " + n + ", \"a\");");
        w.Line("int s = 0;");
        w.Line("int j;");
        string call = "(input, parameters, z, " + layer.Name + "Weights, " + layer.Name + "Biases, s, j, inputs: " + k + ", units: " + n + Vector512Argument(layer) + ");";
        if (kernels.WideRowBlock > 0)
        {
            w.Comment("With AVX-512 (a constant to the JIT) first blocks of " + Plural(kernels.WideRowBlock, "sample") + " × " + Plural(kernels.WideForwardUnits, "unit") + ", then one unit at a time.");
            w.Open("if (" + Names.WideRegisters + ")");
            WriteWideEnd(w, kernels);
            WriteUnitRangeBlocks(w, kernels.WideRowBlock, kernels.WideForwardUnits, call, "wideEnd");
            w.Close();
            w.Line();
        }

        w.Comment((kernels.WideRowBlock > 0 ? "Then (and on other hardware from the start) blocks" : "Blocks") + " of " + Plural(kernels.RowBlock, "sample") + " × " + Plural(kernels.ForwardUnits, "unit") + ", then one unit at a time.");
        WriteUnitRangeBlocks(w, kernels.RowBlock, kernels.ForwardUnits, call);
        w.Line();
        if (kernels.AlternatesSingleRowOrder)
        {
            WriteAlternatingUnitRangeSingleRows(w, layer, call);
        }
        else
        {
            w.Comment("Then one sample at a time: blocks of " + DenseKernels.UnitRangeSingleRowBlock + " units, then one unit at a time.");
            WriteUnitRangeBlocks(w, 1, DenseKernels.UnitRangeSingleRowBlock, call);
        }

        w.Line();
        ActivationEmitter.WriteForwardOnUnits(w, layer, layer.Units);
        w.Close();
        if (kernels.AlternatesSingleRowOrder)
        {
            WriteDescendingFlag(w, DescendingFlag(layer, "Range"), "of a range of layer " + CodeWriter.Int(layer.Index) + "'s units walked it");
        }

        w.Line();
    }

    /// <summary>
    /// A lone sample over the range: blocks of 8 units, then single units, and on alternate samples of the thread the
    /// same calls last to first, as <c>Forward</c> walks the whole layer (a helper thread that computes its part of
    /// every Predict then finds the rows it read last in its L1).
    /// </summary>
    private static void WriteAlternatingUnitRangeSingleRows(CodeWriter w, DenseLayerPlan layer, string call)
    {
        int block = DenseKernels.UnitRangeSingleRowBlock;
        string blocks = w.Kernel(DenseKernelEmitter.ForwardName(1, block)) + call;
        string single = w.Kernel(DenseKernelEmitter.ForwardName(1, 1)) + call;
        w.Comment("Then one sample at a time: blocks of " + block + " units, then one unit at a time; on alternate samples last to first, so that a sample");
        w.Comment("starts on the rows the one before read last (W[" + CodeWriter.Int(layer.Index) + "] is larger than L1; see " + layer.Name + "Forward). The same sums either way.");
        w.Line("int blockedEnd = firstUnit + ((endUnit - firstUnit) / " + block + " * " + block + ");");
        w.Open("for (; s < samples; s++)");
        WriteAlternating(
            w,
            DescendingFlag(layer, "Range"),
            () =>
            {
                WriteLoop(w, "for (j = endUnit - 1; j >= blockedEnd; j--)", single);
                WriteLoop(w, "for (j = blockedEnd - " + block + "; j >= firstUnit; j -= " + block + ")", blocks);
            },
            () =>
            {
                WriteLoop(w, "for (j = firstUnit; j < blockedEnd; j += " + block + ")", blocks);
                WriteLoop(w, "for (; j < endUnit; j++)", single);
            });
        w.Close();
    }

    /// <summary>Samples from s up to <paramref name="end"/> in blocks of <paramref name="rows"/>, each across the shard's units in blocks of <paramref name="units"/>, then one unit at a time.</summary>
    private static void WriteUnitRangeBlocks(CodeWriter w, int rows, int units, string call, string end = "samples")
    {
        w.Open(rows == 1 ? "for (; s < " + end + "; s++)" : "for (; s + " + rows + " <= " + end + "; s += " + rows + ")");
        WriteLoop(w, "for (j = firstUnit; j + " + units + " <= endUnit; j += " + units + ")", w.Kernel(DenseKernelEmitter.ForwardName(rows, units)) + call);
        WriteLoop(w, "for (; j < endUnit; j++)", w.Kernel(DenseKernelEmitter.ForwardName(rows, 1)) + call);
        w.Close();
    }
}
