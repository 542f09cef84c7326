using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>The forward driver: Z = A_prev·Wᵀ + b through the planned blocks, then A = g(Z).</summary>
internal static partial class DenseLayerEmitter
{
    private static void WriteForward(CodeWriter w, DenseLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string n = CodeWriter.Int(layer.Units);
        string k = CodeWriter.Int(layer.InputSize);
        DenseKernels kernels = layer.Kernels;
        w.Comment("Layer " + l + " forward: Z[" + l + "] = " + Previous(layer) + "·W[" + l + "]ᵀ + b[" + l + "], then A[" + l + "] = g(Z[" + l + "]) with g = " + ActivationEmitter.Formula(layer) + ".");
        w.Comment("  parameters: θ, holding W[" + l + "] (" + n + " × " + k + ", row j = unit j's weights) and b[" + l + "] (" + n + ");  input: " + InputDoc(layer));
        w.Comment("  z: Z[" + l + "], " + Rows(layer.Units) + ", written;  a: A[" + l + "], " + Rows(layer.Units) + ", written (may be z itself: g is then applied in place).");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Forward(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " input, " + Span + " z, " + Span + " a, int samples)");
        w.Line("RequireAtLeast(input.Length, samples * " + k + ", \"input\");");
        w.Line("RequireAtLeast(z.Length, samples * " + n + ", \"z\");");
        w.Line("RequireAtLeast(a.Length, samples * " + n + ", \"a\");");
        w.Line("int s = 0;");
        string call = "(input, parameters, z, " + layer.Name + "Weights, " + layer.Name + "Biases, s, {J}, inputs: " + k + ", units: " + n + Vector512Argument(layer) + ");";
        WriteNarrowBlocks(w, layer);
        WriteWideBlocks(w, layer, call);
        w.Comment((kernels.WideRowBlock > 0 ? "Then (and on other hardware from the start) " : string.Empty) + "Z = " + Previous(layer) + "·Wᵀ + b in blocks of " + Plural(kernels.RowBlock, "sample") + " × " + Plural(kernels.ForwardUnits, "unit")
            + (kernels.BlockedUnits < layer.Units ? ", then the last unit (" + n + " is odd)" : string.Empty) + ": each weight vector loaded serves " + kernels.RowBlock + " samples.");
        w.Open("for (; s + " + kernels.RowBlock + " <= samples; s += " + kernels.RowBlock + ")");
        WriteUnitRun(w, w.Kernel(DenseKernelEmitter.ForwardName(kernels.RowBlock, kernels.ForwardUnits)) + call, 0, kernels.ForwardUnits, kernels.BlockedUnits / kernels.ForwardUnits);
        if (kernels.BlockedUnits < layer.Units)
        {
            w.Line(w.Kernel(DenseKernelEmitter.ForwardName(kernels.RowBlock, 1)) + call.Replace("{J}", CodeWriter.Int(kernels.BlockedUnits)));
        }

        w.Close();
        w.Line();
        w.Comment(kernels.SingleRowWidths.Count == 1 && kernels.SingleRowWidths[0].Count == 1
            ? "Then one sample at a time (Predict's only path), all " + Plural(layer.Units, "unit") + " in one block."
            : "Then one sample at a time (Predict's only path): " + n + " units as " + DescribeWidths(kernels.SingleRowWidths) + ", so no unit waits alone on a chain of multiply-adds.");
        w.Open("for (; s < samples; s++)");
        if (kernels.AlternatesSingleRowOrder)
        {
            WriteAlternatingSingleRows(w, layer, call);
        }
        else
        {
            WriteSingleRows(w, kernels, call, descending: false);
        }

        w.Close();
        w.Line();
        ActivationEmitter.WriteForward(w, layer, "samples", layer.Units);
        w.Close();
        if (kernels.AlternatesSingleRowOrder)
        {
            WriteDescendingFlag(w, DescendingFlag(layer), "of layer " + l + " walked its blocks");
        }

        w.Line();
    }

    /// <summary>
    /// A lone sample's blocks, last to first on every other sample of the thread: the layer's weights do not fit L1, and
    /// in one fixed order a call would find none of them there (<see cref="Planning.KernelBlocks.AlternatingOrderMinimumWeights"/>).
    /// </summary>
    private static void WriteAlternatingSingleRows(CodeWriter w, DenseLayerPlan layer, string call)
    {
        w.Comment("W[" + CodeWriter.Int(layer.Index) + "] (" + Bytes((long)layer.Units * layer.InputSize * sizeof(float)) + ") is larger than L1: in one fixed order a sample would evict the rows the next one reads first. Alternate samples");
        w.Comment("walk the blocks last to first, starting on the rows the one before read last, still in cache. Each unit's sum is the same either way (PredictOrderTests).");
        WriteAlternating(w, DescendingFlag(layer), () => WriteSingleRows(w, layer.Kernels, call, descending: true), () => WriteSingleRows(w, layer.Kernels, call, descending: false));
    }

    /// <summary>The kernel calls for one sample: the planned runs of blocks, first to last or last to first.</summary>
    private static void WriteSingleRows(CodeWriter w, DenseKernels kernels, string call, bool descending)
    {
        var runs = new System.Collections.Generic.List<(WidthRun Run, int FirstUnit)>();
        int j = 0;
        foreach (WidthRun run in kernels.SingleRowWidths)
        {
            runs.Add((run, j));
            j += run.Width * run.Count;
        }

        if (descending)
        {
            runs.Reverse();
        }

        foreach ((WidthRun run, int firstUnit) in runs)
        {
            WriteUnitRun(w, w.Kernel(DenseKernelEmitter.ForwardName(1, run.Width)) + call, firstUnit, run.Width, run.Count, descending);
        }
    }

    /// <summary>
    /// A narrow layer's outer products (Planning/NarrowLayerPlanner), on AVX-512 hardware for a call of 4 samples or more:
    /// W copied k-major to the stack once per call, then the samples in the kernel's steps; a sample left over takes the
    /// paths below, which give it the same bits.
    /// </summary>
    private static void WriteNarrowBlocks(CodeWriter w, DenseLayerPlan layer)
    {
        int lanes = layer.Kernels.NarrowForward;
        if (lanes == 0)
        {
            return;
        }

        string n = CodeWriter.Int(layer.Units);
        string k = CodeWriter.Int(layer.InputSize);
        int step = DenseNarrowKernelEmitter.SamplesPerCall(lanes);
        // The dot kernels' tree over 8 lanes is HorizontalSum's with Vector<float>.Count = 8; other widths (DOTNET_MaxVectorTBitWidth) keep them.
        string width = lanes == 8 ? " && " + Names.VectorOfFloat + ".Count == 8" : string.Empty;
        w.Comment("Narrow layer (" + n + " units, " + k + " inputs): with AVX-512 and " + NarrowLayerPlanner.MinimumSamples + " samples or more, Z as outer products over W copied k-major (all " + n + " units");
        w.Comment("in one vector), each input in its lane of the dot kernels' " + lanes + "-float vectors and the lanes added in their tree: the same bits, one tree per sample.");
        w.Open("if (" + Names.WideRegisters + width + " && samples >= " + NarrowLayerPlanner.MinimumSamples + ")");
        w.Line(Span + " wT = stackalloc float[" + CodeWriter.Int((layer.InputSize + 1) * DenseNarrowKernelEmitter.RowFloats) + "];");
        w.Line(w.Kernel(DenseNarrowKernelEmitter.WeightsName) + "(parameters, wT, " + layer.Name + "Weights, " + layer.Name + "Biases, inputs: " + k + ", units: " + n + ");");
        w.Open("for (; s + " + step + " <= samples; s += " + step + ")");
        w.Line(w.Kernel(DenseNarrowKernelEmitter.ForwardName(lanes)) + "(input, wT, z, s, inputs: " + k + ", units: " + n + ");");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The blocks of 6 samples × 4 units that AVX-512 hardware runs first (its 32 vector registers hold 24
    /// accumulators; KernelBlocks.WideRowBlock); the JIT keeps or drops the whole loop when it compiles the layer. Every value of Z is summed in
    /// the same order in every block shape, so this changes speed, never a result.
    /// </summary>
    private static void WriteWideBlocks(CodeWriter w, DenseLayerPlan layer, string call)
    {
        DenseKernels kernels = layer.Kernels;
        int rows = kernels.WideRowBlock;
        if (rows == 0)
        {
            return;
        }

        w.Comment("With AVX-512 (32 vector registers, a constant to the JIT) first blocks of " + Plural(rows, "sample") + " × " + Plural(kernels.WideForwardUnits, "unit")
            + (kernels.WideBlockedUnits < layer.Units ? ", then the last " + Plural(layer.Units - kernels.WideBlockedUnits, "unit") + " in one block" : string.Empty)
            + ": each weight vector loaded serves " + rows + " samples.");
        w.Open("if (" + Names.WideRegisters + ")");
        WriteWideEnd(w, kernels);
        w.Open("for (; s + " + rows + " <= wideEnd; s += " + rows + ")");
        WriteUnitRun(w, w.Kernel(DenseKernelEmitter.ForwardName(rows, kernels.WideForwardUnits)) + call, 0, kernels.WideForwardUnits, kernels.WideBlockedUnits / kernels.WideForwardUnits);
        if (kernels.WideBlockedUnits < layer.Units)
        {
            w.Line(w.Kernel(DenseKernelEmitter.ForwardName(rows, layer.Units - kernels.WideBlockedUnits)) + call.Replace("{J}", CodeWriter.Int(kernels.WideBlockedUnits)));
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// <paramref name="count"/> kernel calls for units j0, j0 + width, …, j0 + (count − 1) × width, in that order or
    /// <paramref name="descending"/> from the last: one line, or a loop over j.
    /// </summary>
    private static void WriteUnitRun(CodeWriter w, string call, int j0, int width, int count, bool descending = false)
    {
        if (count == 1)
        {
            w.Line(call.Replace("{J}", CodeWriter.Int(j0)));
            return;
        }

        int last = j0 + ((count - 1) * width);
        string header = descending
            ? "for (int j = " + CodeWriter.Int(last) + "; j >= " + CodeWriter.Int(j0) + "; j -= " + CodeWriter.Int(width) + ")"
            : "for (int j = " + CodeWriter.Int(j0) + "; j < " + CodeWriter.Int(last + width) + "; j += " + CodeWriter.Int(width) + ")";
        WriteLoop(w, header, call.Replace("{J}", "j"));
    }

    /// <summary>
    /// "9 + 8 + 8", with a long run of one width counted instead of spelled out ("4,194,303 × 8"): a Dense(33,554,430)
    /// would otherwise write a 16 MB comment (GeneratedNameTests.A_layer_of_sixteen_million_units_generates_a_file_whose_size_follows_the_layers_not_the_units).
    /// </summary>
    private static string DescribeWidths(EquatableArray<WidthRun> runs)
    {
        var parts = new System.Collections.Generic.List<string>();
        foreach (WidthRun run in runs)
        {
            for (int r = 0; r < (run.Count > 3 ? 1 : run.Count); r++)
            {
                parts.Add(run.Count > 3 ? CodeWriter.Grouped(run.Count) + " × " + run.Width : CodeWriter.Int(run.Width));
            }
        }

        return string.Join(" + ", parts);
    }

    private static string Plural(int count, string word) => CodeWriter.Int(count) + " " + word + (count == 1 ? string.Empty : "s");
}
