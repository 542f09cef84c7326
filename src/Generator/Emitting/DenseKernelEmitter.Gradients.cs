namespace Dendrite.Generator.Emitting;

/// <summary>
/// The backward kernels: the walks across the inputs k (blocks of vectors, then one vector, then scalar elements) and
/// the micro-kernels they call for dW = dZᵀ·A_prev and dA_prev = dZ·W, and the bias gradient db = Σ_rows dZ.
/// </summary>
internal static partial class DenseKernelEmitter
{
    private static void WriteWeightGradientRows(CodeWriter w, int units, int[] vectors, bool twin)
    {
        w.Line("/// <summary>");
        w.Line("/// dW[j, k] = Σ_s dZ[s, j]·A_prev[s, k] for " + Plural(units, "unit") + " from j and every input k, summed over s in order.");
        w.Line("/// dz: dZ (samples × units); x: A_prev (samples × inputs); dW (units × inputs) at <paramref name=\"weights\"/> in <paramref name=\"gradients\"/>, rows j … overwritten;");
        w.Line("/// " + Vector512Doc + ".");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("internal static void " + WeightGradientRowsName(units) + "(" + ReadOnlySpan + " dz, " + ReadOnlySpan + " input, " + Span + " gradients, int weights, int j, int samples, int inputs, int units, bool vector512)");
        KernelFlavour.WriteDispatch(w, twin, "vector512", WeightGradientRowsName(units) + "(dz, input, gradients, weights, j, samples, inputs, units, vector512);");
        WriteRef(w, "dzj", "dz", "j");
        WriteRef(w, "x", "input", "0");
        WriteRef(w, "dwj", "gradients", "weights + (j * inputs)");
        WriteInputWalk(
            w,
            vectors,
            v => WeightGradientName(units, v) + "(ref dzj, ref " + Unsafe + ".Add(ref x, k), ref " + Unsafe + ".Add(ref dwj, k), samples, inputs, units);",
            units,
            c => Unsafe + ".Add(ref dwj, " + Plus(RowOffset(c, "n"), "k") + ") = " + WeightGradientAtName + "(ref " + Unsafe + ".Add(ref dzj, " + c + "), ref " + Unsafe + ".Add(ref x, k), samples, inputs, units);");
        w.Close();
        w.Line();
    }

    private static void WriteInputGradientRows(CodeWriter w, int rows, int[] vectors, bool twin)
    {
        w.Line("/// <summary>");
        w.Line("/// dA_prev[s, k] = Σ_j dZ[s, j]·W[j, k] for " + Plural(rows, "sample") + " from s and every input k, summed over j in order.");
        w.Line("/// dz: dZ (samples × units); W (units × inputs) at <paramref name=\"weights\"/> in <paramref name=\"parameters\"/>; dx: dA_prev (samples × inputs), rows s … overwritten;");
        w.Line("/// " + Vector512Doc + ".");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("internal static void " + InputGradientRowsName(rows) + "(" + ReadOnlySpan + " dz, " + ReadOnlySpan + " parameters, " + Span + " dx, int weights, int s, int inputs, int units, bool vector512)");
        KernelFlavour.WriteDispatch(w, twin, "vector512", InputGradientRowsName(rows) + "(dz, parameters, dx, weights, s, inputs, units, vector512);");
        WriteRef(w, "dzs", "dz", "s * units");
        WriteRef(w, "w", "parameters", "weights");
        WriteRef(w, "dxs", "dx", "s * inputs");
        WriteInputWalk(
            w,
            vectors,
            v => InputGradientName(rows, v) + "(ref dzs, ref " + Unsafe + ".Add(ref w, k), ref " + Unsafe + ".Add(ref dxs, k), inputs, units);",
            rows,
            r => Unsafe + ".Add(ref dxs, " + Plus(RowOffset(r, "n"), "k") + ") = " + InputGradientAtName + "(ref " + Unsafe + ".Add(ref dzs, " + (r == 0 ? "0" : r == 1 ? "units" : r + " * units") + "), ref " + Unsafe + ".Add(ref w, k), inputs, units);");
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The walk over the inputs k: blocks of the widest vector count, then narrower ones, then the rest of the row as one
    /// vector overlapping the last one written, or as scalar elements (one line per row of the block) for a row shorter
    /// than a vector.
    /// </summary>
    private static void WriteInputWalk(CodeWriter w, int[] vectors, System.Func<int, string> vectorCall, int rows, System.Func<int, string> scalarLine)
    {
        w.Line(UIntPtr + " n = (" + UIntPtr + ")inputs;");
        w.Line(UIntPtr + " k = 0;");
        for (int i = 0; i < vectors.Length; i++)
        {
            string step = vectors[i] == 1 ? Count : "(" + vectors[i] + " * " + Count + ")";
            // After blocks of 2 vectors at most one vector is left, so an if; after blocks of 3, up to two, so a loop:
            // every whole vector of inputs goes through vector code, whatever the block, so results do not depend on it
            // (BlockShapeEquivalenceTests).
            bool once = i > 0 && vectors[i - 1] <= 2 * vectors[i];
            w.Open(!once ? "for (; k + " + step + " <= n; k += " + step + ")" : "if (k + " + step + " <= n)");
            w.Line(vectorCall(vectors[i]));
            if (once)
            {
                w.Line("k += " + step + ";");
            }

            w.Close();
        }

        // The inputs past the last whole vector: when the row holds at least one vector, one more vector ending at the
        // last input. Its first lanes recompute values the walk already wrote, with the same multiply-adds in the same
        // order (each lane is its own sum), so they get the same bits; the scalar loop is left for rows shorter than a
        // vector. One-at-a-time sums are a dependent chain each: layer 3 of 784-25-15-10 (15 inputs) spent 7 of every
        // 8 columns there (bench/README.md, "Narrow rows: the last vector overlaps").
        w.Line("// The rest of a row at least one vector long: one vector ending at its last input, whose first lanes write again");
        w.Line("// what the walk wrote, summed the same way (the same bits), instead of one dependent sum per input.");
        w.Open("if (k < n && n >= " + Count + ")");
        w.Line("k = n - " + Count + ";");
        w.Line(vectorCall(1));
        w.Line("k = n;");
        w.Close();
        w.Open("for (; k < n; k++)");
        for (int r = 0; r < rows; r++)
        {
            w.Line(scalarLine(r));
        }

        w.Close();
    }

    /// <summary>U units × V vectors of dW = Σ_s dZ[s, j]·A_prev[s, k]: the batch is streamed through the block.</summary>
    private static void WriteWeightGradientBlock(CodeWriter w, int units, int vectors)
    {
        w.Line("/// <summary>");
        w.Line("/// " + Plural(units, "unit") + " × " + Plural(vectors, "vector") + " of inputs of dW[j, k] = Σ_s dZ[s, j]·A_prev[s, k], summed over s in order.");
        w.Line("/// dz: dZ[0, j] (stride units); x: A_prev[0, k] (stride inputs); dw: dW[j, k] (stride inputs), overwritten.");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("internal static void " + WeightGradientName(units, vectors) + "(ref float dz, ref float x, ref float dw, int samples, int inputs, int units)");
        WriteAccumulators(w, units, vectors);
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float xs = ref " + Unsafe + ".Add(ref x, s * inputs);");
        w.Line("ref float ds = ref " + Unsafe + ".Add(ref dz, s * units);");
        for (int u = 0; u < vectors; u++)
        {
            w.Line(VectorOfFloat + " x" + u + " = " + Vector + ".LoadUnsafe(ref xs" + At(VectorOffset(u)) + ");");
        }

        for (int c = 0; c < units; c++)
        {
            w.Line(VectorOfFloat + " d" + c + " = " + Vector + ".Create(" + Unsafe + ".Add(ref ds, " + c + "));");
            for (int u = 0; u < vectors; u++)
            {
                w.Line("acc" + c + u + " = " + Vector + ".MultiplyAddEstimate(d" + c + ", x" + u + ", acc" + c + u + ");");
            }
        }

        w.Close();
        w.Line();
        WriteStores(w, "dw", units, vectors);
        w.Close();
        w.Line();
    }

    /// <summary>R samples × V vectors of dA_prev = Σ_j dZ[s, j]·W[j, k]: the units are streamed through the block.</summary>
    private static void WriteInputGradientBlock(CodeWriter w, int rows, int vectors)
    {
        w.Line("/// <summary>");
        w.Line("/// " + Plural(rows, "sample") + " × " + Plural(vectors, "vector") + " of inputs of dA_prev[s, k] = Σ_j dZ[s, j]·W[j, k], summed over j in order.");
        w.Line("/// dz: dZ[s, 0] (stride units); w: W[0, k] (stride inputs); dx: dA_prev[s, k] (stride inputs), overwritten.");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("internal static void " + InputGradientName(rows, vectors) + "(ref float dz, ref float w, ref float dx, int inputs, int units)");
        WriteAccumulators(w, rows, vectors);
        w.Open("for (int j = 0; j < units; j++)");
        w.Line("ref float wj = ref " + Unsafe + ".Add(ref w, j * inputs);");
        for (int u = 0; u < vectors; u++)
        {
            w.Line(VectorOfFloat + " w" + u + " = " + Vector + ".LoadUnsafe(ref wj" + At(VectorOffset(u)) + ");");
        }

        for (int r = 0; r < rows; r++)
        {
            w.Line(VectorOfFloat + " d" + r + " = " + Vector + ".Create(" + Unsafe + ".Add(ref dz, " + Plus(r == 0 ? string.Empty : r == 1 ? "units" : "(" + r + " * units)", "j") + "));");
            for (int u = 0; u < vectors; u++)
            {
                w.Line("acc" + r + u + " = " + Vector + ".MultiplyAddEstimate(d" + r + ", w" + u + ", acc" + r + u + ");");
            }
        }

        w.Close();
        w.Line();
        WriteStores(w, "dx", rows, vectors);
        w.Close();
        w.Line();
    }

    /// <summary>Stores accumulator (r, u) at row r (stride inputs), vector u of the block.</summary>
    private static void WriteStores(CodeWriter w, string target, int rows, int vectors)
    {
        for (int r = 0; r < rows; r++)
        {
            string row = r == 0 ? string.Empty : "(" + UIntPtr + ")" + (r == 1 ? "inputs" : "(" + r + " * inputs)");
            for (int u = 0; u < vectors; u++)
            {
                w.Line(Vector + ".StoreUnsafe(acc" + r + u + ", ref " + target + At(Plus(row, VectorOffset(u))) + ");");
            }
        }
    }

    private static void WriteWeightGradientAt(CodeWriter w)
    {
        w.Summary("One element of dW: Σ_s dZ[s, j]·A_prev[s, k], in the same order as the vector kernels. dz: dZ[0, j]; x: A_prev[0, k].");
        w.Line(Inline);
        w.Open("internal static float " + WeightGradientAtName + "(ref float dz, ref float x, int samples, int inputs, int units)");
        w.Line("float sum = 0f;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("sum += " + Unsafe + ".Add(ref dz, s * units) * " + Unsafe + ".Add(ref x, s * inputs);");
        w.Close();
        w.Line("return sum;");
        w.Close();
        w.Line();
    }

    private static void WriteInputGradientAt(CodeWriter w)
    {
        w.Summary("One element of dA_prev: Σ_j dZ[s, j]·W[j, k], in the same order as the vector kernels. dz: dZ[s, 0]; w: W[0, k].");
        w.Line(Inline);
        w.Open("internal static float " + InputGradientAtName + "(ref float dz, ref float w, int inputs, int units)");
        w.Line("float sum = 0f;");
        w.Open("for (int j = 0; j < units; j++)");
        w.Line("sum += " + Unsafe + ".Add(ref dz, j) * " + Unsafe + ".Add(ref w, j * inputs);");
        w.Close();
        w.Line("return sum;");
        w.Close();
        w.Line();
    }

    private static void WriteBiasGradient(CodeWriter w)
    {
        w.Line("/// <summary>");
        w.Line("/// db[j] = Σ_s dZ[s, j] for units first … end − 1: a vector of units at a time, then one unit at a time, each");
        w.Line("/// summed over s in order with plain adds. dz: dZ (samples × units); db (units) at <paramref name=\"biases\"/> in <paramref name=\"gradients\"/>, overwritten.");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("internal static void " + BiasGradientName + "(" + ReadOnlySpan + " delta, " + Span + " gradients, int biases, int first, int end, int samples, int units)");
        WriteRef(w, "dz", "delta", "0");
        WriteRef(w, "db", "gradients", "biases");
        w.Line("int j = first;");
        w.Open("for (; j + " + VectorOfFloat + ".Count <= end; j += " + VectorOfFloat + ".Count)");
        w.Line(VectorOfFloat + " sum = default;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("sum += " + Vector + ".LoadUnsafe(ref dz, (" + UIntPtr + ")((s * units) + j));");
        w.Close();
        w.Line(Vector + ".StoreUnsafe(sum, ref db, (" + UIntPtr + ")j);");
        w.Close();
        w.Open("for (; j < end; j++)");
        w.Line("float sum = 0f;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("sum += " + Unsafe + ".Add(ref dz, (s * units) + j);");
        w.Close();
        w.Line(Unsafe + ".Add(ref db, j) = sum;");
        w.Close();
        w.Close();
        w.Line();
    }
}
