using System.Linq;

namespace Dendrite.Generator.Emitting;

/// <summary>The forward micro-kernels: R samples × C units of Z = A_prev·Wᵀ + b.</summary>
internal static partial class DenseKernelEmitter
{
    private static void WriteForward(CodeWriter w, int rows, int units)
    {
        w.Line("/// <summary>");
        w.Line("/// Z = A_prev·Wᵀ + b for " + Plural(rows, "sample") + " from s × " + Plural(units, "unit") + " from j, with " + (rows * units)
            + " independent vector accumulators: each value is the vector sum over k, its horizontal sum, the scalar tail of k, then + b_j,");
        w.Line("/// the same order in every block shape. x: A_prev (samples × inputs); W (units × inputs) at <paramref name=\"weights\"/> and b (units) at");
        w.Line("/// <paramref name=\"biases\"/> in <paramref name=\"parameters\"/>; z: Z (samples × units).");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("internal static void " + ForwardName(rows, units) + "(" + ReadOnlySpan + " x, " + ReadOnlySpan + " parameters, " + Span + " z, int weights, int biases, int s, int j, int inputs, int units)");
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
        for (int r = 0; r < rows; r++)
        {
            w.Line(string.Join(" ", Enumerable.Range(0, units).Select(c => "float z" + r + c + " = " + Vector + ".Sum(acc" + r + c + ");")));
        }

        w.Open("for (; k < n; k++)");
        for (int r = 0; r < rows; r++)
        {
            w.Line("float xk" + r + " = " + Unsafe + ".Add(ref xs, " + Plus(RowOffset(r, "n"), "k") + ");");
            for (int c = 0; c < units; c++)
            {
                w.Line("z" + r + c + " += xk" + r + " * " + Unsafe + ".Add(ref wj, " + Plus(RowOffset(c, "n"), "k") + ");");
            }
        }

        w.Close();
        w.Line();
        WriteRef(w, "bj", "parameters", "biases + j");
        WriteRef(w, "zs", "z", "(s * units) + j");
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < units; c++)
            {
                string at = Plus(r == 0 ? string.Empty : r == 1 ? "units" : "(" + r + " * units)", CodeWriter.Int(c));
                w.Line(Unsafe + ".Add(ref zs, " + at + ") = z" + r + c + " + " + Unsafe + ".Add(ref bj, " + c + ");");
            }
        }

        w.Close();
        w.Line();
    }
}
