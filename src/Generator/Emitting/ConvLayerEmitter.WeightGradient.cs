using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>Phase 2 of the backward pass: db = Σ dZ, and dW, the layer's input correlated with dZ.</summary>
internal static partial class ConvLayerEmitter
{
    private static void WriteWeightGradients(CodeWriter w, Conv2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        Window window = layer.Window;
        int rowBlock = layer.Kernels.WeightRowBlock;
        w.Line("//   Gradients: db[f] = Σ_{s, y, x} dZ[y, x, f];");
        w.Line("//              dW[ky, kx, c, f] = Σ_{s, y, x} A_prev[" + Tap("y", "ky", window.Stride, window.PadTop) + ", " + Tap("x", "kx", window.Stride, window.PadLeft) + ", c] · dZ[y, x, f]  (the input correlated with dZ)");
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " weight and bias gradients, phase 2 of a training step, for shard <paramref name=\"shard\"/> of");
        w.Line("/// <paramref name=\"shards\"/>: a contiguous range of the kernel's (ky, kx, c) rows" + (rowBlock > 1 ? " starting at a multiple of " + CodeWriter.Int(rowBlock) : string.Empty) + ", overwritten (shard 0 also does db).");
        w.Line("/// Each value is summed over the samples in order by exactly one shard, so the result does not depend on the number of shards.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"input\">" + Previous(layer) + ": " + Images(layer.Input) + ".</param>");
        w.Line("/// <param name=\"delta\">dZ[" + l + "]: " + Images(layer.Output) + ".</param>");
        w.Line("/// <param name=\"gradients\">∂cost/∂θ: this shard's rows of dW[" + l + "] (" + window.Size + "×" + window.Size + "×" + layer.Input.Channels + " rows of " + layer.Filters + ") and, for shard 0, db[" + l + "] (" + layer.Filters + ") are overwritten.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line("/// <param name=\"shard\">This shard, from 0.</param>");
        w.Line("/// <param name=\"shards\">Shards the dW rows are split into.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "WeightGradients(" + ReadOnlySpan + " input, " + ReadOnlySpan + " delta, " + Span + " gradients, int samples, int shard, int shards)");
        WriteConstants(w, layer);
        w.Line("const int Rows = Kernel * Kernel * InC;");
        if (rowBlock == 1)
        {
            w.Line("int firstRow = shard * Rows / shards;");
            w.Line("int endRow = (shard + 1) * Rows / shards;");
        }
        else
        {
            string g = CodeWriter.Int(rowBlock);
            w.Comment("Shards split the rows in blocks of " + g + ", so a shard boundary never separates two rows a block would share.");
            w.Line("const int Blocks = (Rows + " + CodeWriter.Int(rowBlock - 1) + ") / " + g + ";");
            w.Line("int firstRow = shard * Blocks / shards * " + g + ";");
            w.Line("int endRow = global::System.Math.Min(Rows, (shard + 1) * Blocks / shards * " + g + ");");
        }

        w.Line("gradients.Slice(" + layer.Name + "Weights + (firstRow * Filters), (endRow - firstRow) * Filters).Clear();");
        w.Line("ref float dWeights = ref " + Marshal + ".GetReference(gradients.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + "));");
        w.Line("ref float dBiases = ref " + Marshal + ".GetReference(gradients.Slice(" + layer.Name + "Biases, Filters));");
        w.Line("bool biases = shard == 0;");
        w.Open("if (biases)");
        w.Line("gradients.Slice(" + layer.Name + "Biases, Filters).Clear();");
        w.Close();
        w.Line();
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref " + Marshal + ".GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float dz = ref " + Marshal + ".GetReference(delta.Slice(s * OutSize, OutSize));");
        w.Open("if (biases)");
        w.Comment("db[f] += Σ_{y, x} dZ[y, x, f]: every output pixel's row of filters, in pixel order.");
        w.Line(w.Kernel(ConvKernelEmitter.BiasGradientName) + "<" + ConvKernelEmitter.ShapeName(layer) + ">(ref dz, ref dBiases);");
        w.Close();
        w.Line();
        WriteWeightRows(w, layer);
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>This shard's dW rows for one sample, in blocks of WeightRowBlock rows where the channels allow, then one at a time.</summary>
    private static void WriteWeightRows(CodeWriter w, Conv2DLayerPlan layer)
    {
        ConvKernels kernels = layer.Kernels;
        w.Comment("dW[ky, kx, c, f] += Σ_{y, x} A_prev[iy, ix, c] · dZ[y, x, f]: for each of this shard's weight rows, run over the");
        w.Comment("output pixels whose window puts (ky, kx) inside the input, accumulating vectors of filters in registers.");
        w.Open("for (int r = firstRow; r < endRow;)");
        w.Line("int ky = r / (Kernel * InC), kx = r / InC % Kernel, c = r % InC;");
        w.Comment("Output rows y with iy = y·Stride + ky − PadTop in [0, InH), and likewise for the columns.");
        w.Line("int yFrom = global::System.Math.Max(0, (PadTop - ky + Stride - 1) / Stride);");
        w.Line("int yTo = (InH - 1 + PadTop - ky) < 0 ? 0 : global::System.Math.Min(OutH, ((InH - 1 + PadTop - ky) / Stride) + 1);");
        w.Line("int xFrom = global::System.Math.Max(0, (PadLeft - kx + Stride - 1) / Stride);");
        w.Line("int xTo = (InW - 1 + PadLeft - kx) < 0 ? 0 : global::System.Math.Min(OutW, ((InW - 1 + PadLeft - kx) / Stride) + 1);");
        w.Line("ref float dwRow = ref " + Unsafe + ".Add(ref dWeights, r * Filters);");
        string arguments = "<" + ConvKernelEmitter.ShapeName(layer) + ">(ref x, ref dz, ref dwRow, c, ky - PadTop, kx - PadLeft, yFrom, yTo, xFrom, xTo);";
        KernelShape single = new(1, kernels.FilterVectors);
        BlockChoice blocks = kernels.WeightRows;
        if (blocks.Wide.Rows > 1)
        {
            // Rows that share a block: with every window inside the input, consecutive (kx, c) of one kernel row, whose
            // taps are side by side in the input (and whose output ranges are all of it); else channels of one kernel position.
            string run = kernels.WindowsInside ? "Kernel * InC" : "InC";
            string position = kernels.WindowsInside ? "r % (Kernel * InC)" : "c";
            w.Comment("Rows r, r + 1, … at once when they lie in one run of " + (kernels.WindowsInside ? "a kernel row's (kx, c) taps (contiguous in the input: no window is cut)" : "a kernel position's channels") + ":");
            w.Comment("each dZ vector loaded serves all of them. Every dW value is still summed over the same pixels in the same order.");
            w.Line("int j = " + position + ";");
            ConvLayerEmitter.ByRegisters(w, blocks, block =>
            {
                string g = CodeWriter.Int(block.Rows);
                w.Open("if (r + " + g + " <= endRow && j + " + g + " <= " + run + ")");
                w.Line(w.Kernel(ConvKernelEmitter.WeightGradientName(block)) + arguments);
                w.Line("r += " + g + ";");
                w.Line("continue;");
                w.Close();
            });
        }

        w.Line(w.Kernel(ConvKernelEmitter.WeightGradientName(single)) + arguments);
        w.Line("r++;");
        w.Close();
    }
}
