using System.Linq;

namespace Dendrite.Generator.Emitting;

/// <summary>The forward micro-kernels: R samples × C units of Z = A_prev·Wᵀ + b.</summary>
internal static partial class DenseKernelEmitter
{
    private static void WriteForward(CodeWriter w, int rows, int units, bool twin)
    {
        w.Line("/// <summary>");
        w.Line("/// Z = A_prev·Wᵀ + b for " + Plural(rows, "sample") + " from s × " + Plural(units, "unit") + " from j, with " + (rows * units)
            + " independent vector accumulators: each value is the vector sum over k (a last partial vector masked), its horizontal sum (" + HorizontalSumName + "), the scalar tail of a row shorter than a vector, then + b_j,");
        w.Line("/// the same order in every block shape. x: A_prev (samples × inputs); W (units × inputs) at <paramref name=\"weights\"/> and b (units) at");
        w.Line("/// <paramref name=\"biases\"/> in <paramref name=\"parameters\"/>; z: Z (samples × units); " + Vector512Doc + ".");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("internal static void " + ForwardName(rows, units) + "(" + ReadOnlySpan + " x, " + ReadOnlySpan + " parameters, " + Span + " z, int weights, int biases, int s, int j, int inputs, int units, bool vector512)");
        KernelFlavour.WriteDispatch(w, twin, "vector512", ForwardName(rows, units) + "(x, parameters, z, weights, biases, s, j, inputs, units, vector512);");
        WriteRef(w, "xs", "x", "s * inputs");
        WriteRef(w, "wj", "parameters", "weights + (j * inputs)");
        w.Line(UIntPtr + " n = (" + UIntPtr + ")inputs;");
        WriteAccumulators(w, rows, units);
        w.Line(UIntPtr + " k = 0;");
        w.Open("for (; k + " + Count + " <= n; k += " + Count + ")");
        // With one sample each weight vector is used once, so it is loaded where it is used.
        string LoadWeights(int c) => Vector + ".LoadUnsafe(ref wj" + At(Plus(RowOffset(c, "n"), "k")) + ")";
        string WeightVector(int c) => rows == 1 ? LoadWeights(c) : "w" + c;
        for (int c = 0; c < units && rows > 1; c++)
        {
            w.Line(VectorOfFloat + " w" + c + " = " + LoadWeights(c) + ";");
        }

        for (int r = 0; r < rows; r++)
        {
            w.Line(VectorOfFloat + " x" + r + " = " + Vector + ".LoadUnsafe(ref xs" + At(Plus(RowOffset(r, "n"), "k")) + ");");
            for (int c = 0; c < units; c++)
            {
                w.Line("acc" + r + c + " = " + Vector + ".MultiplyAddEstimate(x" + r + ", " + WeightVector(c) + ", acc" + r + c + ");");
            }
        }

        w.Close();
        w.Line();
        WriteMaskedTail(w, rows, units, LoadWeights);
        WriteRef(w, "bj", "parameters", "biases + j");
        WriteRef(w, "zs", "z", "(s * units) + j");
        WriteHorizontalSums(w, rows, units);
        w.Open("for (; k < n; k++)");
        // One line per sample: its input value, then its units' products added in.
        for (int r = 0; r < rows; r++)
        {
            w.Line("float xk" + r + " = " + Unsafe + ".Add(ref xs, " + Plus(RowOffset(r, "n"), "k") + "); "
                + string.Join(" ", Enumerable.Range(0, units).Select(c => "z" + r + c + " += xk" + r + " * " + Unsafe + ".Add(ref wj, " + Plus(RowOffset(c, "n"), "k") + ");")));
        }

        w.Close();
        w.Line();
        for (int r = 0; r < rows; r++)
        {
            string row = r == 0 ? string.Empty : r == 1 ? "units" : "(" + r + " * units)";
            w.Line(string.Join(" ", Enumerable.Range(0, units).Select(c => Unsafe + ".Add(ref zs, " + Plus(row, CodeWriter.Int(c)) + ") = z" + r + c + " + " + Unsafe + ".Add(ref bj, " + c + ");")));
        }

        w.Close();
        w.Line();
    }

    /// <summary>
    /// The inputs past the last whole vector of a row at least one vector long: one more vector ending at the row's last
    /// input, its first lanes (inputs the walk already summed) set to zero in both x and W, so they add 0·0 and every
    /// input is counted once, in the same lane and order in every block shape. A dot product cannot overlap its last
    /// vector as the backward kernels do (it would count inputs twice); one sum per input after the horizontal sum made
    /// layer 2 of 784-25-15-10 (25 inputs, 8 lanes) 10 % of its batch inference for 2 % of the multiply-adds
    /// (bench/README.md, "The forward's last partial vector").
    /// </summary>
    private static void WriteMaskedTail(CodeWriter w, int rows, int units, System.Func<int, string> loadWeights)
    {
        static string Masked(string vector) => Vector + ".ConditionalSelect(fresh, " + vector + ", " + VectorOfFloat + ".Zero)";
        w.Comment("The rest of a row: one vector ending at its last input, the lanes already summed zeroed in x and W (adding 0·0).");
        w.Open("if (k < n && n >= " + Count + ")");
        w.Line(VectorOfFloat + " fresh = " + Vector + ".GreaterThanOrEqual<float>(" + VectorOfFloat + ".Indices, " + Vector + ".Create((float)(" + Count + " - (n - k))));");
        w.Line("k = n - " + Count + ";");
        // A line per unit's weights, then one per sample (its masked inputs and its units' multiply-adds), as the scalar tail is written.
        for (int c = 0; c < units; c++)
        {
            w.Line(VectorOfFloat + " w" + c + " = " + Masked(loadWeights(c)) + ";");
        }

        for (int r = 0; r < rows; r++)
        {
            w.Line(VectorOfFloat + " x" + r + " = " + Masked(Vector + ".LoadUnsafe(ref xs" + At(Plus(RowOffset(r, "n"), "k")) + ")") + "; "
                + string.Join(" ", Enumerable.Range(0, units).Select(c => "acc" + r + c + " = " + Vector + ".MultiplyAddEstimate(x" + r + ", w" + c + ", acc" + r + c + ");")));
        }

        w.Line("k = n;");
        w.Close();
        w.Line();
    }

    /// <summary>
    /// "float z00 = …;" for every accumulator: four units of a sample at a time through <see cref="HorizontalSumsName"/>
    /// (its horizontal adds reduce four vectors together), the rest one by one through <see cref="HorizontalSumName"/>.
    /// When every unit is in a group of four and k has no scalar tail (inputs a multiple of the vector width), each
    /// group is finished as a vector, Z = Σ + b four at a time: the same additions as the scalar path, fewer instructions.
    /// </summary>
    private static void WriteHorizontalSums(CodeWriter w, int rows, int units)
    {
        const string V128 = "global::System.Runtime.Intrinsics.Vector128";
        int grouped = units / 4 * 4;
        for (int r = 0; r < rows && grouped > 0; r++)
        {
            w.Line(string.Join(" ", Enumerable.Range(0, grouped / 4).Select(g => Vector128OfFloat + " sums" + r + (4 * g) + " = " + HorizontalSumsName + "("
                + string.Join(", ", Enumerable.Range(4 * g, 4).Select(u => "acc" + r + u)) + ");")));
        }

        if (grouped == units)
        {
            w.Open("if (k == n)");
            for (int g = 0; g < grouped / 4; g++)
            {
                w.Line(Vector128OfFloat + " b" + (4 * g) + " = " + V128 + ".LoadUnsafe(ref bj" + At(g == 0 ? string.Empty : "(" + UIntPtr + ")" + (4 * g)) + ");");
            }

            for (int r = 0; r < rows; r++)
            {
                string row = r == 0 ? string.Empty : r == 1 ? "units" : "(" + r + " * units)";
                w.Line(string.Join(" ", Enumerable.Range(0, grouped / 4).Select(g =>
                {
                    string offset = Plus(row, g == 0 ? string.Empty : CodeWriter.Int(4 * g));
                    return V128 + ".StoreUnsafe(sums" + r + (4 * g) + " + b" + (4 * g) + ", ref zs" + At(offset.Length == 0 ? string.Empty : "(" + UIntPtr + ")" + (offset.Contains(" + ") ? "(" + offset + ")" : offset)) + ");";
                })));
            }

            w.Line("return;");
            w.Close();
            w.Line();
        }

        for (int r = 0; r < rows; r++)
        {
            var line = new System.Collections.Generic.List<string>();
            for (int c = 0; c < grouped; c += 4)
            {
                line.AddRange(Enumerable.Range(0, 4).Select(i => "float z" + r + (c + i) + " = " + V128 + ".GetElement(sums" + r + c + ", " + i + ");"));
            }

            line.AddRange(Enumerable.Range(grouped, units - grouped).Select(c => "float z" + r + c + " = " + HorizontalSumName + "(acc" + r + c + ");"));
            w.Line(string.Join(" ", line));
        }
    }

    /// <summary>
    /// The two lane reductions every forward kernel ends with. Each value's lanes are added in one fixed tree whichever
    /// helper reduces it, so a value has the same bits in every block shape (BlockShapeEquivalenceTests). With 8 lanes
    /// and AVX that tree is ((v0 + v1) + (v2 + v3)) + ((v4 + v5) + (v6 + v7)), written with horizontal adds: four
    /// vectors reduce together in 3 of them and one add, where four separate sums take 44 instructions. With other
    /// widths both helpers are Vector.Sum. The condition is a constant to the JIT, which keeps one branch. The 512-bit
    /// build first adds each vector's two 256-bit halves (lane i + lane i + 8), then takes the same 8-lane tree.
    /// </summary>
    private static void WriteHorizontalSumHelpers(CodeWriter w, KernelFlavour flavour)
    {
        const string Avx = "global::System.Runtime.Intrinsics.X86.Avx";
        const string V256 = "global::System.Runtime.Intrinsics.Vector256";
        const string V512 = "global::System.Runtime.Intrinsics.Vector512";
        if (flavour.Is512)
        {
            w.Line("/// <summary>Σ of v's 16 lanes: the halves added (lane i + lane i + 8), then ((h0 + h1) + (h2 + h3)) + ((h4 + h5) + (h6 + h7)), as " + HorizontalSumsName + " adds them. AVX is there wherever this class runs.</summary>");
            w.Line(Inline);
            w.Open("internal static float " + HorizontalSumName + "(" + VectorOfFloat + " v)");
            w.Line(Vector256OfFloat + " h = " + V512 + ".GetLower(v) + " + V512 + ".GetUpper(v);");
            w.Line(Vector256OfFloat + " pairs = " + Avx + ".HorizontalAdd(h, h);");
            w.Line(Vector256OfFloat + " quads = " + Avx + ".HorizontalAdd(pairs, pairs);");
            w.Line("return " + V256 + ".ToScalar(quads) + global::System.Runtime.Intrinsics.Vector128.ToScalar(" + V256 + ".GetUpper(quads));");
            w.Close();
            w.Line();
            w.Line("/// <summary>(Σ a, Σ b, Σ c, Σ d), each in the order of " + HorizontalSumName + ": the halves added, then three horizontal adds and one add.</summary>");
            w.Line(Inline);
            w.Open("internal static " + Vector128OfFloat + " " + HorizontalSumsName + "(" + VectorOfFloat + " a, " + VectorOfFloat + " b, " + VectorOfFloat + " c, " + VectorOfFloat + " d)");
            w.Line(Vector256OfFloat + " ha = " + V512 + ".GetLower(a) + " + V512 + ".GetUpper(a), hb = " + V512 + ".GetLower(b) + " + V512 + ".GetUpper(b);");
            w.Line(Vector256OfFloat + " hc = " + V512 + ".GetLower(c) + " + V512 + ".GetUpper(c), hd = " + V512 + ".GetLower(d) + " + V512 + ".GetUpper(d);");
            w.Line(Vector256OfFloat + " quads = " + Avx + ".HorizontalAdd(" + Avx + ".HorizontalAdd(ha, hb), " + Avx + ".HorizontalAdd(hc, hd));");
            w.Line("return " + V256 + ".GetLower(quads) + " + V256 + ".GetUpper(quads);");
            w.Close();
            w.Line();
            return;
        }

        const string Wide = "global::System.Numerics.Vector<float>.Count == 8 && " + Avx + ".IsSupported";
        w.Line("/// <summary>Σ of v's lanes: ((v0 + v1) + (v2 + v3)) + ((v4 + v5) + (v6 + v7)) with 8 lanes and AVX, as " + HorizontalSumsName + " adds them; Vector.Sum otherwise.</summary>");
        w.Line(Inline);
        w.Open("internal static float " + HorizontalSumName + "(" + VectorOfFloat + " v)");
        w.Open("if (" + Wide + ")");
        w.Line(Vector256OfFloat + " pairs = " + Avx + ".HorizontalAdd(" + V256 + ".AsVector256(v), " + V256 + ".AsVector256(v));");
        w.Line(Vector256OfFloat + " quads = " + Avx + ".HorizontalAdd(pairs, pairs);");
        w.Line("return " + V256 + ".ToScalar(quads) + global::System.Runtime.Intrinsics.Vector128.ToScalar(" + V256 + ".GetUpper(quads));");
        w.Close();
        w.Line();
        w.Line("return " + Vector + ".Sum(v);");
        w.Close();
        w.Line();
        w.Line("/// <summary>(Σ a, Σ b, Σ c, Σ d), each in the order of " + HorizontalSumName + ": three horizontal adds and one add with 8 lanes and AVX.</summary>");
        w.Line(Inline);
        w.Open("internal static " + Vector128OfFloat + " " + HorizontalSumsName + "(" + VectorOfFloat + " a, " + VectorOfFloat + " b, " + VectorOfFloat + " c, " + VectorOfFloat + " d)");
        w.Open("if (" + Wide + ")");
        w.Line("// Per 128-bit half: (a0 + a1, a2 + a3, b0 + b1, b2 + b3), then ((a0 + a1) + (a2 + a3), …, (d0 + d1) + (d2 + d3)); the halves then add.");
        w.Line(Vector256OfFloat + " quads = " + Avx + ".HorizontalAdd(" + Avx + ".HorizontalAdd(" + V256 + ".AsVector256(a), " + V256 + ".AsVector256(b)), " + Avx + ".HorizontalAdd(" + V256 + ".AsVector256(c), " + V256 + ".AsVector256(d)));");
        w.Line("return " + V256 + ".GetLower(quads) + " + V256 + ".GetUpper(quads);");
        w.Close();
        w.Line();
        w.Line("return global::System.Runtime.Intrinsics.Vector128.Create(" + Vector + ".Sum(a), " + Vector + ".Sum(b), " + Vector + ".Sum(c), " + Vector + ".Sum(d));");
        w.Close();
        w.Line();
    }
}
