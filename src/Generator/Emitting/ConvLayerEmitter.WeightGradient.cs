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
        w.Line("int lanes = global::System.Numerics.Vector<float>.Count;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref " + Marshal + ".GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float dz = ref " + Marshal + ".GetReference(delta.Slice(s * OutSize, OutSize));");
        w.Open("if (biases)");
        WriteBiasGradient(w);
        w.Close();
        w.Line();
        WriteWeightRows(w, layer);
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// db[f] += Σ_{y, x} dZ[y, x, f] for one sample: each value of db is added every output pixel's dZ in pixel order, as
    /// adding each pixel's row into db in memory would, but in registers, 4 vectors of filters at a time, so the adds wait
    /// on each other (a few cycles) and not on a store and a reload per pixel. The same additions in the same order: the
    /// same bits (ConvBiasGradientTests).
    /// </summary>
    private static void WriteBiasGradient(CodeWriter w)
    {
        w.Comment("db[f] += Σ_{y, x} dZ[y, x, f], pixel by pixel in order: 4 vectors of db stay in registers through the sample's pixels.");
        w.Line("int f = 0;");
        w.Open("for (; f + (4 * lanes) <= Filters; f += 4 * lanes)");
        w.Line(VectorOfFloat + " b0 = " + LoadBias("f") + ", b1 = " + LoadBias("f + lanes") + ", b2 = " + LoadBias("f + (2 * lanes)") + ", b3 = " + LoadBias("f + (3 * lanes)") + ";");
        w.Open("for (int o = 0; o < OutH * OutW; o++)");
        w.Line("ref float dzRow = ref " + Unsafe + ".Add(ref dz, (o * Filters) + f);");
        w.Line("b0 += " + LoadDz("0") + "; b1 += " + LoadDz("lanes") + "; b2 += " + LoadDz("2 * lanes") + "; b3 += " + LoadDz("3 * lanes") + ";");
        w.Close();
        w.Line(StoreBias("b0", "f") + " " + StoreBias("b1", "f + lanes") + " " + StoreBias("b2", "f + (2 * lanes)") + " " + StoreBias("b3", "f + (3 * lanes)"));
        w.Close();
        w.Open("for (; f + lanes <= Filters; f += lanes)");
        w.Line(VectorOfFloat + " b = " + LoadBias("f") + ";");
        w.Open("for (int o = 0; o < OutH * OutW; o++)");
        w.Line("b += " + Vector + ".LoadUnsafe(ref " + Unsafe + ".Add(ref dz, (o * Filters) + f));");
        w.Close();
        w.Line(StoreBias("b", "f"));
        w.Close();
        w.Open("for (; f < Filters; f++)");
        w.Line("float b = " + Unsafe + ".Add(ref dBiases, f);");
        w.Open("for (int o = 0; o < OutH * OutW; o++)");
        w.Line("b += " + Unsafe + ".Add(ref dz, (o * Filters) + f);");
        w.Close();
        w.Line(Unsafe + ".Add(ref dBiases, f) = b;");
        w.Close();
    }

    private static string LoadBias(string offset) => Vector + ".LoadUnsafe(ref dBiases, (global::System.UIntPtr)(" + offset + "))";

    private static string StoreBias(string value, string offset) => Vector + ".StoreUnsafe(" + value + ", ref dBiases, (global::System.UIntPtr)(" + offset + "));";

    private static string LoadDz(string offset) => Vector + ".LoadUnsafe(ref dzRow, (global::System.UIntPtr)(" + offset + "))";

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
