using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>The forward pass: Z = b + the kernels correlated with A_prev, then A = g(Z).</summary>
internal static partial class ConvLayerEmitter
{
    private static void WriteForward(CodeWriter w, Conv2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        Window window = layer.Window;
        ConvKernels kernels = layer.Kernels;
        w.Line("// Layer " + l + ": " + Title(layer) + ", " + layer.Input + " → " + layer.Output);
        w.Line("//   Weights W[" + l + "] are [kh][kw][c_in][filters] = " + window.Size + "×" + window.Size + "×" + layer.Input.Channels + "×" + layer.Filters + ", then b[" + l + "]: one bias per filter.");
        w.Line("//   Forward, per sample:  Z[y, x, f] = b[f] + Σ_{ky, kx, c} W[ky, kx, c, f] · A_prev[" + Tap("y", "ky", window.Stride, window.PadTop) + ", " + Tap("x", "kx", window.Stride, window.PadLeft) + ", c],  A = g(Z),  g = " + ActivationEmitter.Formula(layer));
        if (window.Padding == PaddingKind.Same)
        {
            w.Line("//   Same padding: window positions outside the input read zeros, so they are skipped rather than summed.");
        }

        ConvKernelEmitter.WriteShape(w, layer);
        w.Line("/// <summary>Layer " + l + " forward over <paramref name=\"samples\"/> samples.</summary>");
        w.Line("/// <param name=\"parameters\">θ, holding W[" + l + "] (" + window.Size + "×" + window.Size + "×" + layer.Input.Channels + "×" + layer.Filters + ") and b[" + l + "] (" + layer.Filters + ").</param>");
        w.Line("/// <param name=\"input\">" + Previous(layer) + ": " + Images(layer.Input) + ".</param>");
        if (layer.ReLUInStores)
        {
            w.Line("/// <param name=\"z\">Not written: A = ReLU(Z) goes straight to <paramref name=\"a\"/> (callers pass the same span).</param>");
            w.Line("/// <param name=\"a\">A[" + l + "]: " + Images(layer.Output) + ", written.</param>");
        }
        else
        {
            w.Line("/// <param name=\"z\">Z[" + l + "]: " + Images(layer.Output) + ", written.</param>");
            w.Line("/// <param name=\"a\">A[" + l + "]: " + Images(layer.Output) + ", written; may be <paramref name=\"z\"/> itself (g is then applied in place).</param>");
        }

        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Forward(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " input, " + Span + " z, " + Span + " a, int samples)");
        if (kernels.Pixels is BlockChoice pixels)
        {
            WriteConstants(w, layer, "InH", "InW", "InC", "PadTop", "PadLeft");
        }
        else
        {
            WriteConstants(w, layer, "InC");
        }

        w.Line("ref float weights = ref " + Marshal + ".GetReference(parameters.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + "));");
        w.Line("ref float biases = ref " + Marshal + ".GetReference(parameters.Slice(" + layer.Name + "Biases, Filters));");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref " + Marshal + ".GetReference(input.Slice(s * InSize, InSize));");
        w.Line(layer.ReLUInStores
            ? "ref float zs = ref " + Marshal + ".GetReference(a.Slice(s * OutSize, OutSize)); // the kernels store A = ReLU(Z) here (" + ConvKernelEmitter.ShapeName(layer) + ".StoresReLU)"
            : "ref float zs = ref " + Marshal + ".GetReference(z.Slice(s * OutSize, OutSize));");
        if (kernels.Pixels is BlockChoice blocks)
        {
            WritePixelBlocks(w, layer, blocks);
            w.Close();
            w.Line();
            WriteActivation(w, layer);
            w.Close();
            w.Line();
            return;
        }

        w.Open("for (int oy = 0; oy < OutH; oy++)");
        w.Comment("Kernel rows whose input row exists: iy = oy·Stride − PadTop + ky must lie in [0, InH).");
        w.Line("int iyTop = (oy * Stride) - PadTop;");
        w.Line("int kyFrom = global::System.Math.Max(0, -iyTop), kyTo = global::System.Math.Min(Kernel, InH - iyTop);");
        w.Open("for (int ox = 0; ox < OutW;)");
        w.Line("int ixLeft = (ox * Stride) - PadLeft;");
        w.Line("ref float zOut = ref " + Unsafe + ".Add(ref zs, ((oy * OutW) + ox) * Filters);");
        KernelShape single = new(1, kernels.FilterVectors);
        if (kernels.PixelBlock > 1)
        {
            string p = CodeWriter.Int(kernels.PixelBlock);
            KernelShape block = new(kernels.PixelBlock, kernels.PixelBlockVectors);
            w.Comment(p + " neighbouring output pixels whose windows lie wholly inside the input's columns (all of them with");
            w.Comment("Padding.Valid) go together: each weight vector loaded then serves " + p + " pixels instead of one.");
            w.Open("if (ox + " + p + " <= OutW && ixLeft >= 0 && ixLeft + (" + CodeWriter.Int(kernels.PixelBlock - 1) + " * Stride) + Kernel <= InW)");
            w.Line(w.Kernel(ConvKernelEmitter.ForwardName(block)) + "<" + ConvKernelEmitter.ShapeName(layer) + ">(ref x, ref weights, ref biases, ref zOut, iyTop, kyFrom, kyTo, ixLeft);");
            w.Line("ox += " + p + ";");
            w.Close();
            w.Open("else");
            WriteForwardPixel(w, layer, single);
            w.Close();
        }
        else
        {
            WriteForwardPixel(w, layer, single);
        }

        w.Close();
        w.Close();
        w.Close();
        w.Line();
        WriteActivation(w, layer);
        w.Close();
        w.Line();
    }

    /// <summary>
    /// A = g(Z) over the batch, unless the kernels already stored ReLU(Z): a second pass would read and write the whole
    /// output again (for the Fashion-MNIST CNN's first layer 5.5 MB at a batch of 64, more than the core's caches hold).
    /// </summary>
    private static void WriteActivation(CodeWriter w, Conv2DLayerPlan layer)
    {
        if (!layer.ReLUInStores)
        {
            ActivationEmitter.WriteForward(w, layer, "samples", layer.OutputSize);
            return;
        }

        w.Comment("A = ReLU(Z) was stored by the kernels, from their registers (" + ConvKernelEmitter.ShapeName(layer) + ".StoresReLU), with the operations ReLUForward");
        w.Comment("would apply: no second pass over the batch. Z itself is not kept: ReLU' reads A.");
    }

    /// <summary>One output pixel, whose window the border may cut to columns [kxFrom, kxTo).</summary>
    private static void WriteForwardPixel(CodeWriter w, Conv2DLayerPlan layer, KernelShape shape)
    {
        w.Line("int kxFrom = global::System.Math.Max(0, -ixLeft), kxTo = global::System.Math.Min(Kernel, InW - ixLeft);");
        w.Line(w.Kernel(ConvKernelEmitter.ForwardName(shape)) + "<" + ConvKernelEmitter.ShapeName(layer) + ">(ref x, ref weights, ref biases, ref zOut, iyTop, kyFrom, kyTo, ixLeft, kxFrom, kxTo);");
        w.Line("ox++;");
    }

    /// <summary>
    /// Valid padding: every window lies inside the input, so blocks of output pixels run in row-major order across
    /// the rows (11 columns need not be a multiple of the block), and only the last few pixels go one at a time.
    /// </summary>
    private static void WritePixelBlocks(CodeWriter w, Conv2DLayerPlan layer, BlockChoice blocks)
    {
        string shape = "<" + ConvKernelEmitter.ShapeName(layer) + ">";
        w.Comment("Blocks of output pixels in row-major order share each weight load (every window lies inside the input, so a block");
        w.Comment("may run on into the next row); the block is the planner's for this machine's register file (see BlockChoice).");
        w.Line("int pixel = 0;");
        ConvLayerEmitter.ByRegisters(w, blocks, block =>
        {
            string p = CodeWriter.Int(block.Rows);
            w.Open("for (; pixel + " + p + " <= OutH * OutW; pixel += " + p + ")");
            w.Line(w.Kernel(ConvKernelEmitter.PixelsName(block)) + shape + "(ref x, ref weights, ref biases, ref zs, pixel);");
            w.Close();
        });
        w.Line();
        w.Comment("The pixels left over, one at a time (the whole window: kernel rows and columns [0, Kernel)).");
        w.Open("for (; pixel < OutH * OutW; pixel++)");
        w.Line(w.Kernel(ConvKernelEmitter.ForwardName(new KernelShape(1, layer.Kernels.FilterVectors))) + shape + "(ref x, ref weights, ref biases, ref " + Unsafe + ".Add(ref zs, pixel * Filters), pixel / OutW * Stride, 0, Kernel, pixel % OutW * Stride, 0, Kernel);");
        w.Close();
    }

    /// <summary>
    /// Writes <paramref name="write"/> for the wide block under <c>Vector512.IsHardwareAccelerated</c> (AVX-512 hardware: the
    /// JIT has 32 vector registers) and for the narrow one otherwise; the JIT removes the dead branch. One block, no branch,
    /// when both are the same.
    /// </summary>
    internal static void ByRegisters(CodeWriter w, BlockChoice blocks, System.Action<KernelShape> write)
    {
        if (!blocks.Branches)
        {
            write(blocks.Wide);
            return;
        }

        w.Open("if (" + Names.WideRegisters + ")");
        w.Comment("AVX-512 hardware: 32 vector registers hold " + CodeWriter.Int(blocks.Wide.Rows * blocks.Wide.Vectors) + " accumulators.");
        write(blocks.Wide);
        w.Close();
        w.Open("else");
        w.Comment("16 vector registers: " + CodeWriter.Int(blocks.Narrow.Rows * blocks.Narrow.Vectors) + " accumulators.");
        write(blocks.Narrow);
        w.Close();
    }
}
