using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// An AveragePooling2D layer's forward and backward, a vector of channels at a time. Forward: each output is the sum
/// of its window's cells inside the input divided by their count n (Same padding's overhang is left out of the mean,
/// as TensorFlow's avg_pool does, so n is smaller at the border). Backward: each output gradient is shared equally,
/// dA / n, by the same n cells; overlapping windows (stride &lt; pool) add up. Every lane and the scalar tail sum in
/// the same order and divide by the same n, so the result does not depend on the vector width.
/// </summary>
internal static class AveragePoolLayerEmitter
{
    /// <summary>Writes the layer's forward immediately followed by its backward.</summary>
    public static void Write(CodeWriter w, AveragePooling2DLayerPlan layer)
    {
        WriteForward(w, layer);
        WriteBackward(w, layer);
    }

    public static string Title(AveragePooling2DLayerPlan layer) =>
        "AveragePooling2D(" + CodeWriter.Int(layer.Window.Size) + ", stride " + CodeWriter.Int(layer.Window.Stride) + ", " + layer.Window.Padding + ")";

    private static void WriteCount(CodeWriter w)
    {
        w.Comment("n: the window's cells inside the input, the only ones averaged (never 0: every window keeps at least one).");
        w.Line("float n = (yTo - yFrom) * (xTo - xFrom);");
    }

    private static void WriteForward(CodeWriter w, AveragePooling2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        Window window = layer.Window;
        string y = ConvLayerEmitter.Tap("y", "i", window.Stride, window.PadTop), x = ConvLayerEmitter.Tap("x", "j", window.Stride, window.PadLeft);
        w.Line("// Layer " + l + ": " + Title(layer) + ", " + layer.Input + " → " + layer.Output + ", no parameters");
        w.Line("//   Forward, per sample:  A[y, x, c] = (1/n(y, x)) · Σ A_prev[" + y + ", " + x + ", c] over 0 ≤ i, j < " + CodeWriter.Int(window.Size) + " with the cell inside the input,");
        if (window.Padding == PaddingKind.Same)
        {
            w.Line("//                         n(y, x) = the number of those cells: " + CodeWriter.Int(window.Size * window.Size) + " where the window fits, fewer where Same padding");
            w.Line("//                         hangs over the border (padded cells are not averaged, as in Keras).");
        }
        else
        {
            w.Line("//                         n(y, x) = " + CodeWriter.Int(window.Size * window.Size) + ": with Valid padding every window lies inside the input.");
        }

        PoolLayerEmitter.WriteDroppedBorder(w, layer, window);
        w.Line("/// <summary>Layer " + l + " forward over <paramref name=\"samples\"/> samples.</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read: pooling has no parameters).</param>");
        w.Line("/// <param name=\"input\">" + PoolLayerEmitter.Previous(layer) + ": " + ConvLayerEmitter.Images(layer.Input) + ".</param>");
        w.Line("/// <param name=\"z\">Not written when it is not <paramref name=\"a\"/>: pooling has no activation.</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + ConvLayerEmitter.Images(layer.Output) + ", written.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Forward(" + Names.ReadOnlySpanOfFloat + " parameters, " + Names.ReadOnlySpanOfFloat + " input, " + Names.SpanOfFloat + " z, " + Names.SpanOfFloat + " a, int samples)");
        PoolLayerEmitter.WriteConstants(w, layer, window);
        w.Line("int lanes = " + Names.VectorOfFloat + ".Count;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref " + Names.MemoryMarshal + ".GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float output = ref " + Names.MemoryMarshal + ".GetReference(a.Slice(s * OutSize, OutSize));");
        w.Open("for (int oy = 0; oy < OutH; oy++)");
        w.Open("for (int ox = 0; ox < OutW; ox++)");
        PoolLayerEmitter.WriteWindowBounds(w);
        WriteCount(w);
        w.Line("ref float outPixel = ref " + Names.Unsafe + ".Add(ref output, ((oy * OutW) + ox) * Channels);");
        w.Line("int c = 0;");
        w.Open("for (; c + lanes <= Channels; c += lanes)");
        w.Line(Names.VectorOfFloat + " sum = " + Names.VectorOfFloat + ".Zero;");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line("sum += " + Names.NumericsVector + ".LoadUnsafe(ref x, (" + Names.UIntPtr + ")((((iy * InW) + ix) * Channels) + c));");
        w.Close();
        w.Close();
        w.Line();
        w.Line(Names.NumericsVector + ".StoreUnsafe(sum / n, ref outPixel, (" + Names.UIntPtr + ")c);");
        w.Close();
        w.Line();
        w.Open("for (; c < Channels; c++)");
        w.Line("float sum = 0f;");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line("sum += " + Names.Unsafe + ".Add(ref x, (((iy * InW) + ix) * Channels) + c);");
        w.Close();
        w.Close();
        w.Line();
        w.Line(Names.Unsafe + ".Add(ref outPixel, c) = sum / n;");
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, AveragePooling2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        bool first = layer.Index == 1;
        w.Line("//   Backward: ∂A[y, x, c]/∂A_prev[cell, c] = 1/n(y, x) for each of the n(y, x) cells the window averaged, 0 elsewhere, so");
        w.Line("//             dA_prev[cell, c] += dA[y, x, c] / n(y, x) (+= because overlapping windows can share a cell).");
        w.Line("/// <summary>Layer " + l + " backward over <paramref name=\"samples\"/> samples: shares each value of <paramref name=\"delta\"/> equally among the cells of its window"
            + (first ? " (the first layer has no input gradient to write, so nothing to do)." : " in <paramref name=\"inputGradient\"/>.") + "</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read: pooling has no parameters).</param>");
        w.Line("/// <param name=\"input\">" + PoolLayerEmitter.Previous(layer) + ": " + ConvLayerEmitter.Images(layer.Input) + " (not read: the mean's derivative does not depend on it).</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + ConvLayerEmitter.Images(layer.Output) + " (not read).</param>");
        w.Line("/// <param name=\"delta\">dA[" + l + "] = dZ[" + l + "]: " + ConvLayerEmitter.Images(layer.Output) + ".</param>");
        if (!first)
        {
            w.Line("/// <param name=\"inputGradient\">dA[" + CodeWriter.Int(layer.Index - 1) + "]: " + ConvLayerEmitter.Images(layer.Input) + ", overwritten.</param>");
        }

        if (!PoolLayerEmitter.OpenBackward(w, layer, first))
        {
            return;
        }

        PoolLayerEmitter.WriteConstants(w, layer, layer.Window);
        w.Line("int lanes = " + Names.VectorOfFloat + ".Count;");
        w.Line("inputGradient.Slice(0, samples * InSize).Clear();");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float dOut = ref " + Names.MemoryMarshal + ".GetReference(delta.Slice(s * OutSize, OutSize));");
        w.Line("ref float dx = ref " + Names.MemoryMarshal + ".GetReference(inputGradient.Slice(s * InSize, InSize));");
        w.Open("for (int oy = 0; oy < OutH; oy++)");
        w.Open("for (int ox = 0; ox < OutW; ox++)");
        PoolLayerEmitter.WriteWindowBounds(w);
        WriteCount(w);
        w.Line("ref float dPixel = ref " + Names.Unsafe + ".Add(ref dOut, ((oy * OutW) + ox) * Channels);");
        w.Line("int c = 0;");
        w.Open("for (; c + lanes <= Channels; c += lanes)");
        w.Line(Names.VectorOfFloat + " share = " + Names.NumericsVector + ".LoadUnsafe(ref dPixel, (" + Names.UIntPtr + ")c) / n;");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line(Names.UIntPtr + " i = (" + Names.UIntPtr + ")((((iy * InW) + ix) * Channels) + c);");
        w.Line(Names.NumericsVector + ".StoreUnsafe(" + Names.NumericsVector + ".LoadUnsafe(ref dx, i) + share, ref dx, i);");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Open("for (; c < Channels; c++)");
        w.Line("float share = " + Names.Unsafe + ".Add(ref dPixel, c) / n;");
        w.Open("for (int iy = yFrom; iy < yTo; iy++)");
        w.Open("for (int ix = xFrom; ix < xTo; ix++)");
        w.Line(Names.Unsafe + ".Add(ref dx, (((iy * InW) + ix) * Channels) + c) += share;");
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
