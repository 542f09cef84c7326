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
        w.Line("/// the same order in every block shape. x: A_prev (samples × inputs); w: W (units × inputs); b: b (units); z: Z (samples × units).");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Open("private static void " + ForwardName(rows, units) + "(ref float x, ref float w, ref float b, ref float z, int s, int j, int inputs, int units)");
        w.Line("ref float xs = ref " + Unsafe + ".Add(ref x, s * inputs);");
        w.Line("ref float wj = ref " + Unsafe + ".Add(ref w, j * inputs);");
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
        w.Line("ref float bj = ref " + Unsafe + ".Add(ref b, j);");
        w.Line("ref float zs = ref " + Unsafe + ".Add(ref z, (s * units) + j);");
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
