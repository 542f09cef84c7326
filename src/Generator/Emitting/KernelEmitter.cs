using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Vector kernels specialised for each constant length the layers use: an inner product and a scaled add.
/// The generator knows every length, so it decides here whether a scalar tail exists: a length that is a
/// multiple of 16 needs none at any <c>Vector&lt;float&gt;.Count</c> (4, 8 or 16), and very short lengths are
/// written out as scalar code.
/// </summary>
internal static class KernelEmitter
{
    /// <summary>Below this length a vector loop would never run at the widest vectors: write scalar code.</summary>
    private const int ScalarOnlyBelow = 4;

    /// <summary>Every vector width .NET uses (128, 256, 512 bits of floats) divides this.</summary>
    private const int WidestVector = 16;

    public static string DotName(int length) => "Dot" + CodeWriter.Int(length);

    public static string AddScaledName(int length) => "AddScaled" + CodeWriter.Int(length);

    public static void WriteAll(CodeWriter w, NetworkPlan plan)
    {
        w.Line("// ───────────────────────────── Vector kernels, one per constant length ─────────────────────────────");
        w.Line();
        IEnumerable<int> lengths = plan.Layers.Select(l => l.InputSize).Distinct().OrderBy(n => n);
        foreach (int length in lengths)
        {
            WriteDot(w, length);
            WriteAddScaled(w, length);
        }
    }

    private static void WriteDot(CodeWriter w, int length)
    {
        string n = CodeWriter.Int(length);
        w.Line("/// <summary>Σ_i a[i]·b[i] over " + n + " values.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        w.Open("private static float " + DotName(length) + "(ref float a, ref float b)");
        if (length < ScalarOnlyBelow)
        {
            var terms = Enumerable.Range(0, length).Select(i => "(Unsafe.Add(ref a, " + i + ") * Unsafe.Add(ref b, " + i + "))");
            w.Line("return " + string.Join(" + ", terms) + ";");
            w.Close();
            w.Line();
            return;
        }

        w.Comment("Two accumulators let consecutive multiply-adds overlap instead of waiting on each other.");
        w.Line("Vector<float> sum0 = Vector<float>.Zero;");
        w.Line("Vector<float> sum1 = Vector<float>.Zero;");
        w.Line("nuint i = 0;");
        w.Open("for (; i + (nuint)(2 * Vector<float>.Count) <= " + n + "; i += (nuint)(2 * Vector<float>.Count))");
        w.Line("sum0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref a, i), Vector.LoadUnsafe(ref b, i), sum0);");
        w.Line("sum1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref a, i + (nuint)Vector<float>.Count), Vector.LoadUnsafe(ref b, i + (nuint)Vector<float>.Count), sum1);");
        w.Close();
        w.Line();
        w.Open("if (i + (nuint)Vector<float>.Count <= " + n + ")");
        w.Line("sum0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref a, i), Vector.LoadUnsafe(ref b, i), sum0);");
        w.Line("i += (nuint)Vector<float>.Count;");
        w.Close();
        w.Line();
        w.Line("float sum = Vector.Sum(sum0 + sum1);");
        WriteTail(w, length, "sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);");
        w.Line("return sum;");
        w.Close();
        w.Line();
    }

    private static void WriteAddScaled(CodeWriter w, int length)
    {
        string n = CodeWriter.Int(length);
        w.Line("/// <summary>y[i] += alpha·x[i] over " + n + " values.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        w.Open("private static void " + AddScaledName(length) + "(ref float y, float alpha, ref float x)");
        if (length < ScalarOnlyBelow)
        {
            for (int i = 0; i < length; i++)
            {
                w.Line("Unsafe.Add(ref y, " + i + ") += alpha * Unsafe.Add(ref x, " + i + ");");
            }

            w.Close();
            w.Line();
            return;
        }

        w.Line("var alphas = new Vector<float>(alpha);");
        w.Line("nuint i = 0;");
        w.Open("for (; i + (nuint)Vector<float>.Count <= " + n + "; i += (nuint)Vector<float>.Count)");
        w.Line("Vector.StoreUnsafe(Vector.MultiplyAddEstimate(alphas, Vector.LoadUnsafe(ref x, i), Vector.LoadUnsafe(ref y, i)), ref y, i);");
        w.Close();
        WriteTail(w, length, "Unsafe.Add(ref y, i) += alpha * Unsafe.Add(ref x, i);");
        w.Close();
        w.Line();
    }

    private static void WriteTail(CodeWriter w, int length, string body)
    {
        string n = CodeWriter.Int(length);
        if (length % WidestVector == 0)
        {
            w.Comment(n + " = " + CodeWriter.Int(length / WidestVector) + " × 16: a multiple of every vector width, so there is no scalar tail.");
            return;
        }

        w.Line();
        w.Comment("Scalar tail: " + n + " is not a multiple of every vector width.");
        w.Open("for (; i < " + n + "; i++)");
        w.Line(body);
        w.Close();
        w.Line();
    }
}
