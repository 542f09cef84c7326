using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// A MaxPool2D layer's forward and backward. Forward takes the maximum of each window, a vector of channels at a
/// time. Backward routes each output's gradient to the arg-max of its window, found again from the stored input
/// and output (the first position holding the maximum, in the order the forward visits them), so no index buffer
/// is needed; it too runs a vector of channels at a time, with a mask of the lanes already routed.
/// </summary>
internal static class PoolLayerEmitter
{
    /// <summary>Writes the layer's forward immediately followed by its backward.</summary>
    public static void Write(CodeWriter w, MaxPool2DLayerPlan layer)
    {
        WriteForward(w, layer);
        WriteBackward(w, layer);
    }

    public static string Title(MaxPool2DLayerPlan layer) =>
        "MaxPool2D(" + CodeWriter.Int(layer.Window.Size) + ", stride " + CodeWriter.Int(layer.Window.Stride) + ", " + layer.Window.Padding + ")";

    /// <summary>
    /// Opens a pooling layer's backward with the signature every image layer without parameters shares (the
    /// parameters and input are taken to keep one call shape). The first layer has no gradient to pass back: its
    /// backward is written empty and closed, and false says there is no body to write.
    /// </summary>
    internal static bool OpenBackward(CodeWriter w, LayerPlan layer, bool first)
    {
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Backward(" + Names.ReadOnlySpanOfFloat + " parameters, " + Names.ReadOnlySpanOfFloat + " input, " + Names.ReadOnlySpanOfFloat + " a, " + Names.SpanOfFloat + " delta"
            + (first ? ", int samples)" : ", " + Names.SpanOfFloat + " inputGradient, int samples)"));
        if (first)
        {
            w.Close();
            w.Line();
        }

        return !first;
    }

    /// <summary>The shape and window constants both window poolings declare (AveragePoolLayerEmitter shares them).</summary>
    internal static void WriteConstants(CodeWriter w, LayerPlan layer, Window window)
    {
        Shape i = layer.Input, o = layer.Output;
        w.Line("const int InH = " + CodeWriter.Int(i.Height) + ", InW = " + CodeWriter.Int(i.Width) + ", Channels = " + CodeWriter.Int(i.Channels) + ", InSize = " + CodeWriter.Int(i.Size) + ";");
        w.Line("const int OutH = " + CodeWriter.Int(o.Height) + ", OutW = " + CodeWriter.Int(o.Width) + ", OutSize = " + CodeWriter.Int(o.Size) + ";");
        w.Line("const int Pool = " + CodeWriter.Int(window.Size) + ", Stride = " + CodeWriter.Int(window.Stride) + ", PadTop = " + CodeWriter.Int(window.PadTop) + ", PadLeft = " + CodeWriter.Int(window.PadLeft) + ";");
    }

    /// <summary>The layer's input in the formulas: x for the first layer, A[l−1] after it.</summary>
    internal static string Previous(LayerPlan layer) => layer.Index == 1 ? "x" : "A[" + CodeWriter.Int(layer.Index - 1) + "]";

    internal static void WriteWindowBounds(CodeWriter w)
    {
        w.Comment("The window's rows and columns inside the input (Same padding's overhang is ignored, never a zero).");
        w.Line("int iyTop = (oy * Stride) - PadTop, ixLeft = (ox * Stride) - PadLeft;");
        w.Line("int yFrom = global::System.Math.Max(iyTop, 0), yTo = global::System.Math.Min(iyTop + Pool, InH);");
        w.Line("int xFrom = global::System.Math.Max(ixLeft, 0), xTo = global::System.Math.Min(ixLeft + Pool, InW);");
    }

    /// <summary>With Valid padding, the comment naming the last rows and columns no window covers, when there are any.</summary>
    internal static void WriteDroppedBorder(CodeWriter w, LayerPlan layer, Window window)
    {
        int droppedRows = window.Padding == PaddingKind.Valid ? layer.Input.Height - (((layer.Output.Height - 1) * window.Stride) + window.Size) : 0;
        int droppedColumns = window.Padding == PaddingKind.Valid ? layer.Input.Width - (((layer.Output.Width - 1) * window.Stride) + window.Size) : 0;
        if (droppedRows > 0 || droppedColumns > 0)
        {
            w.Line("//   Valid padding, as Keras: no window covers the last " + CodeWriter.Int(droppedRows) + " row(s) and " + CodeWriter.Int(droppedColumns) + " column(s) of the input; they are dropped.");
        }
    }

    private static void WriteForward(CodeWriter w, MaxPool2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        w.Line("// Layer " + l + ": " + Title(layer) + ", " + layer.Input + " → " + layer.Output + ", no parameters");
        w.Line("//   Forward, per sample:  A[y, x, c] = max over the window of A_prev[" + ConvLayerEmitter.Tap("y", "i", layer.Window.Stride, layer.Window.PadTop) + ", " + ConvLayerEmitter.Tap("x", "j", layer.Window.Stride, layer.Window.PadLeft) + ", c], 0 ≤ i, j < " + layer.Window.Size);
        WriteDroppedBorder(w, layer, layer.Window);

        w.Line("/// <summary>Layer " + l + " forward over <paramref name=\"samples\"/> samples.</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read: pooling has no parameters).</param>");
        w.Line("/// <param name=\"input\">" + Previous(layer) + ": " + ConvLayerEmitter.Images(layer.Input) + ".</param>");
        w.Line("/// <param name=\"z\">Not written when it is not <paramref name=\"a\"/>: pooling has no activation.</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + ConvLayerEmitter.Images(layer.Output) + ", written.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Forward(" + Names.ReadOnlySpanOfFloat + " parameters, " + Names.ReadOnlySpanOfFloat + " input, " + Names.SpanOfFloat + " z, " + Names.SpanOfFloat + " a, int samples)");
        WriteConstants(w, layer, layer.Window);
        w.Line("int lanes = " + Names.VectorOfFloat + ".Count;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref " + Names.MemoryMarshal + ".GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float output = ref " + Names.MemoryMarshal + ".GetReference(a.Slice(s * OutSize, OutSize));");
        w.Open("for (int oy = 0; oy < OutH; oy++)");
        w.Open("for (int ox = 0; ox < OutW; ox++)");
        WriteWindowBounds(w);
        w.Line("ref float first = ref " + Names.Unsafe + ".Add(ref x, ((yFrom * InW) + xFrom) * Channels);");
        w.Line("ref float outPixel = ref " + Names.Unsafe + ".Add(ref output, ((oy * OutW) + ox) * Channels);");
        w.Line("int c = 0;");
        w.Open("for (; c + lanes <= Channels; c += lanes)");
        w.Line(Names.VectorOfFloat + " max = " + Names.NumericsVector + ".LoadUnsafe(ref first, (" + Names.UIntPtr + ")c);");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line("max = " + Names.NumericsVector + ".Max(max, " + Names.NumericsVector + ".LoadUnsafe(ref x, (" + Names.UIntPtr + ")((((iy * InW) + ix) * Channels) + c)));");
        w.Close();
        w.Close();
        w.Line();
        w.Line(Names.NumericsVector + ".StoreUnsafe(max, ref outPixel, (" + Names.UIntPtr + ")c);");
        w.Close();
        w.Line();
        w.Open("for (; c < Channels; c++)");
        w.Line("float max = " + Names.Unsafe + ".Add(ref first, c);");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line("max = global::System.MathF.Max(max, " + Names.Unsafe + ".Add(ref x, (((iy * InW) + ix) * Channels) + c));");
        w.Close();
        w.Close();
        w.Line();
        w.Line(Names.Unsafe + ".Add(ref outPixel, c) = max;");
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, MaxPool2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        bool first = layer.Index == 1;
        w.Line("//   Backward: max is locally the identity on its arg-max and constant elsewhere, so dA_prev[arg max of window] += dA[y, x, c]");
        w.Line("//             and every other input of the window gets nothing (+= because overlapping windows can share an input).");
        if (layer.AppliesPreviousReLU)
        {
            string p = CodeWriter.Int(layer.Index - 1);
            w.Line("//   Fused with layer " + p + "'s ReLU': what is routed is dA[" + l + "] where the arg-max input is > 0 and 0 elsewhere, so this writes");
            w.Line("//   dZ[" + p + "] = dA[" + p + "] ⊙ ReLU'(Z[" + p + "]) directly: the same values as ReLUBackward's pass over the batch, which layer " + p + " then skips.");
        }

        w.Line("/// <summary>Layer " + l + " backward over <paramref name=\"samples\"/> samples: routes each value of <paramref name=\"delta\"/> to the arg-max of its window" + (first ? " (the first layer has no input gradient to write, so nothing to do)." : " in <paramref name=\"inputGradient\"/>.") + "</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read: pooling has no parameters).</param>");
        w.Line("/// <param name=\"input\">" + Previous(layer) + ": " + ConvLayerEmitter.Images(layer.Input) + ", as the forward pass read it.</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + ConvLayerEmitter.Images(layer.Output) + ", the window maxima.</param>");
        w.Line("/// <param name=\"delta\">dA[" + l + "] = dZ[" + l + "]: " + ConvLayerEmitter.Images(layer.Output) + ".</param>");
        if (!first)
        {
            w.Line("/// <param name=\"inputGradient\">" + (layer.AppliesPreviousReLU ? "dZ[" : "dA[") + CodeWriter.Int(layer.Index - 1) + "]: " + ConvLayerEmitter.Images(layer.Input) + ", overwritten.</param>");
        }

        if (!PoolLayerEmitter.OpenBackward(w, layer, first))
        {
            return;
        }

        WriteConstants(w, layer, layer.Window);
        Window window = layer.Window;
        // Windows that do not overlap (stride ≥ pool) give each input at most one gradient, so it is stored rather than
        // added; when they also tile the input exactly, every input is stored and the buffer need not be cleared first.
        bool disjoint = window.Stride >= window.Size;
        bool tiles = disjoint && window.Stride == window.Size && window.PadTop == 0 && window.PadLeft == 0
            && layer.Output.Height * window.Size == layer.Input.Height && layer.Output.Width * window.Size == layer.Input.Width;
        if (tiles)
        {
            w.Comment("The windows tile the input exactly (stride = pool, no padding): every input is written below, so no clearing pass.");
        }
        else
        {
            w.Comment(disjoint
                ? "Inputs no window covers get no gradient; the windows do not overlap, so the covered ones are stored below."
                : "Windows overlap (stride < pool): an input can collect the gradient of several windows, added below.");
            w.Line("inputGradient.Slice(0, samples * InSize).Clear();");
        }

        string write = disjoint ? " = " : " += ";
        w.Line("int lanes = " + Names.VectorOfFloat + ".Count;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref " + Names.MemoryMarshal + ".GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float output = ref " + Names.MemoryMarshal + ".GetReference(a.Slice(s * OutSize, OutSize));");
        w.Line("ref float dOut = ref " + Names.MemoryMarshal + ".GetReference(delta.Slice(s * OutSize, OutSize));");
        w.Line("ref float dx = ref " + Names.MemoryMarshal + ".GetReference(inputGradient.Slice(s * InSize, InSize));");
        w.Open("for (int oy = 0; oy < OutH; oy++)");
        w.Open("for (int ox = 0; ox < OutW; ox++)");
        WriteWindowBounds(w);
        w.Line("int o = ((oy * OutW) + ox) * Channels;");
        w.Line("int c = 0;");
        w.Comment("A vector of channels at a time: each lane's gradient goes to the first window position (in the forward's order)");
        w.Comment("equal to the lane's maximum; \"taken\" marks the lanes already routed, so a tie sends it only to the first.");
        w.Open("for (; c + lanes <= Channels; c += lanes)");
        w.Line(Names.VectorOfFloat + " max = " + Names.NumericsVector + ".LoadUnsafe(ref output, (" + Names.UIntPtr + ")(o + c));");
        w.Line(Names.VectorOfFloat + " d = " + Names.NumericsVector + ".LoadUnsafe(ref dOut, (" + Names.UIntPtr + ")(o + c));");
        if (layer.AppliesPreviousReLU)
        {
            w.Comment("ReLU' of layer " + CodeWriter.Int(layer.Index - 1) + " folded in: d goes on only where the maximum, the input it is routed to, is > 0.");
            w.Line("d = " + Names.NumericsVector + ".ConditionalSelect(" + Names.NumericsVector + ".GreaterThan(max, " + Names.VectorOfFloat + ".Zero), d, " + Names.VectorOfFloat + ".Zero);");
        }

        w.Line(Names.NumericsVector + "<int> taken = " + Names.NumericsVector + "<int>.Zero;");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line("int i = (((iy * InW) + ix) * Channels) + c;");
        w.Line(Names.NumericsVector + "<int> hit = " + Names.NumericsVector + ".AndNot(" + Names.NumericsVector + ".Equals(" + Names.NumericsVector + ".LoadUnsafe(ref x, (" + Names.UIntPtr + ")i), max), taken);");
        w.Line(Names.VectorOfFloat + " routed = " + Names.NumericsVector + ".ConditionalSelect(hit, d, " + Names.VectorOfFloat + ".Zero);");
        w.Line(disjoint
            ? Names.NumericsVector + ".StoreUnsafe(routed, ref dx, (" + Names.UIntPtr + ")i);"
            : Names.NumericsVector + ".StoreUnsafe(" + Names.NumericsVector + ".LoadUnsafe(ref dx, (" + Names.UIntPtr + ")i) + routed, ref dx, (" + Names.UIntPtr + ")i);");
        w.Line("taken |= hit;");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Comment("Channels left over when their count is not a multiple of the vector width, by the same rule.");
        w.Open("for (; c < Channels; c++)");
        w.Line("float max = " + Names.Unsafe + ".Add(ref output, o + c), d = " + Names.Unsafe + ".Add(ref dOut, o + c);");
        if (layer.AppliesPreviousReLU)
        {
            w.Line("d = max > 0f ? d : 0f; // ReLU' of layer " + CodeWriter.Int(layer.Index - 1) + ", as above");
        }

        w.Line("bool taken = false;");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line("int i = (((iy * InW) + ix) * Channels) + c;");
        w.Line("bool hit = !taken && " + Names.Unsafe + ".Add(ref x, i) == max;");
        w.Line(Names.Unsafe + ".Add(ref dx, i)" + write + "(hit ? d : 0f);");
        w.Line("taken |= hit;");
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }
}
