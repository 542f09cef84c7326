using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// A GlobalAveragePooling2D layer's forward and backward: the mean of each channel over all H·W positions, and its
/// gradient spread equally back over them. Vectorised over channels; every lane and the scalar tail sum the positions
/// in the same order, so the result does not depend on the vector width.
/// </summary>
internal static class GlobalAveragePoolLayerEmitter
{
    public static void Write(CodeWriter w, GlobalAveragePooling2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        bool first = layer.Index == 1;
        Shape i = layer.Input;
        string positions = CodeWriter.Int(i.Height) + "·" + CodeWriter.Int(i.Width);
        string image = ConvLayerEmitter.Images(i), flat = "samples × " + CodeWriter.Int(layer.OutputSize);
        w.Line("// Layer " + l + ": GlobalAveragePooling2D, " + layer.Input + " → " + layer.Output + ", no parameters");
        w.Line("//   Forward, per sample:  A[c] = (1/(" + positions + ")) · Σ_{y, x} A_prev[y, x, c]   (one mean per channel: a vector, so Dense may follow directly)");
        w.Line("/// <summary>Layer " + l + " forward over <paramref name=\"samples\"/> samples.</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read: pooling has no parameters).</param>");
        w.Line("/// <param name=\"input\">" + PoolLayerEmitter.Previous(layer) + ": " + image + ".</param>");
        w.Line("/// <param name=\"z\">Not written when it is not <paramref name=\"a\"/>: pooling has no activation.</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + flat + ", written.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Forward(" + Names.ReadOnlySpanOfFloat + " parameters, " + Names.ReadOnlySpanOfFloat + " input, " + Names.SpanOfFloat + " z, " + Names.SpanOfFloat + " a, int samples)");
        WriteConstants(w, layer);
        w.Line("int lanes = " + Names.VectorOfFloat + ".Count;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref " + Names.MemoryMarshal + ".GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float output = ref " + Names.MemoryMarshal + ".GetReference(a.Slice(s * Channels, Channels));");
        w.Line("int c = 0;");
        w.Open("for (; c + lanes <= Channels; c += lanes)");
        w.Line(Names.VectorOfFloat + " sum = " + Names.VectorOfFloat + ".Zero;");
        w.Open("for (int p = 0; p < Positions; p++)");
        w.Line("sum += " + Names.NumericsVector + ".LoadUnsafe(ref x, (" + Names.UIntPtr + ")((p * Channels) + c));");
        w.Close();
        w.Line();
        w.Line(Names.NumericsVector + ".StoreUnsafe(sum / Count, ref output, (" + Names.UIntPtr + ")c);");
        w.Close();
        w.Line();
        w.Open("for (; c < Channels; c++)");
        w.Line("float sum = 0f;");
        w.Open("for (int p = 0; p < Positions; p++)");
        w.Line("sum += " + Names.Unsafe + ".Add(ref x, (p * Channels) + c);");
        w.Close();
        w.Line();
        w.Line(Names.Unsafe + ".Add(ref output, c) = sum / Count;");
        w.Close();
        w.Close();
        w.Close();
        w.Line();

        w.Line("//   Backward: ∂A[c]/∂A_prev[y, x, c] = 1/(" + positions + ") at every position, so dA_prev[y, x, c] = dA[c] / (" + positions + ").");
        w.Line("/// <summary>Layer " + l + " backward over <paramref name=\"samples\"/> samples: spreads each value of <paramref name=\"delta\"/> evenly over its channel"
            + (first ? " (the first layer has no input gradient to write, so nothing to do)." : " in <paramref name=\"inputGradient\"/>.") + "</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read: pooling has no parameters).</param>");
        w.Line("/// <param name=\"input\">" + PoolLayerEmitter.Previous(layer) + ": " + image + " (not read: the mean's derivative does not depend on it).</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + flat + " (not read).</param>");
        w.Line("/// <param name=\"delta\">dA[" + l + "] = dZ[" + l + "]: " + flat + ".</param>");
        if (!first)
        {
            w.Line("/// <param name=\"inputGradient\">dA[" + CodeWriter.Int(layer.Index - 1) + "]: " + image + ", overwritten (every value is written once).</param>");
        }

        if (!PoolLayerEmitter.OpenBackward(w, layer, first))
        {
            return;
        }

        WriteConstants(w, layer);
        w.Line("int lanes = " + Names.VectorOfFloat + ".Count;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float dOut = ref " + Names.MemoryMarshal + ".GetReference(delta.Slice(s * Channels, Channels));");
        w.Line("ref float dx = ref " + Names.MemoryMarshal + ".GetReference(inputGradient.Slice(s * InSize, InSize));");
        w.Line("int c = 0;");
        w.Open("for (; c + lanes <= Channels; c += lanes)");
        w.Line(Names.VectorOfFloat + " share = " + Names.NumericsVector + ".LoadUnsafe(ref dOut, (" + Names.UIntPtr + ")c) / Count;");
        w.Open("for (int p = 0; p < Positions; p++)");
        w.Line(Names.NumericsVector + ".StoreUnsafe(share, ref dx, (" + Names.UIntPtr + ")((p * Channels) + c));");
        w.Close();
        w.Close();
        w.Line();
        w.Open("for (; c < Channels; c++)");
        w.Line("float share = " + Names.Unsafe + ".Add(ref dOut, c) / Count;");
        w.Open("for (int p = 0; p < Positions; p++)");
        w.Line(Names.Unsafe + ".Add(ref dx, (p * Channels) + c) = share;");
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteConstants(CodeWriter w, GlobalAveragePooling2DLayerPlan layer)
    {
        Shape i = layer.Input;
        w.Line("const int Channels = " + CodeWriter.Int(i.Channels) + ", Positions = " + CodeWriter.Int(i.Height * i.Width) + ", InSize = " + CodeWriter.Int(i.Size) + "; // Positions = H·W");
        w.Line("const float Count = Positions; // the divisor of the mean");
    }
}
