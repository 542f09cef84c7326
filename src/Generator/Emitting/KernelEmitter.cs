using System.Linq;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Register-blocked micro-kernels for one Dense layer, specialised for its constant sizes. Each kernel holds a
/// small block of results in <c>Vector&lt;float&gt;</c> registers and streams the long dimension through them:
/// <list type="bullet">
/// <item>forward <c>R×C</c>: R samples × C units of Z = A_prev·Wᵀ + b, bias and activation fused in the epilogue;</item>
/// <item>weight gradient <c>C×U</c>: C units × U vectors of dW = dZᵀ·A_prev, the batch streamed;</item>
/// <item>input gradient <c>R×U</c>: R samples × U vectors of dA_prev = dZ·W, the units streamed.</item>
/// </list>
/// Every result is accumulated in the same order whichever block shape (or thread) computes it: a block is only
/// several independent accumulators side by side. That keeps results bit-identical across batch splits.
/// The loops over the long dimension are never unrolled beyond the block, so code size does not grow with the
/// layer: a Dense(4096) gets the same handful of kernels as a Dense(25). Vector width is read from
/// <c>Vector&lt;float&gt;.Count</c> at run time (4, 8 or 16 floats), so one build serves SSE, AVX2 and AVX-512.
/// </summary>
internal static class KernelEmitter
{
    /// <summary>Every vector width .NET uses (128, 256, 512 bits of floats) divides this.</summary>
    public const int WidestVector = KernelBlocks.WidestVector;

    private const string Count = "(global::System.UIntPtr)global::System.Numerics.Vector<float>.Count";

    public static string ForwardName(LayerPlan layer, int rows, int units) => layer.Name + "Forward" + CodeWriter.Int(rows) + "x" + CodeWriter.Int(units);

    public static string WeightGradientName(LayerPlan layer, int units, int vectors) => layer.Name + "WeightGradient" + CodeWriter.Int(units) + "x" + CodeWriter.Int(vectors);

    public static string InputGradientName(LayerPlan layer, int rows, int vectors) => layer.Name + "InputGradient" + CodeWriter.Int(rows) + "x" + CodeWriter.Int(vectors);

    /// <summary>Shared helpers of the generated kernels.</summary>
    public static void WriteAll(CodeWriter w, NetworkPlan plan)
    {
        w.Line("// ───────────────────────────── Kernel helpers ─────────────────────────────");
        w.Line();
        w.Summary("Guards the unchecked kernels: a span shorter than the batch needs would be read or written past its end.");
        w.Open("private static void RequireAtLeast(int length, int needed, string name)");
        w.Open("if (length < needed)");
        w.Line("throw new global::System.ArgumentException($\"Expected at least {needed} values but found {length}.\", name);");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>R samples × C units of the forward pass: z = W_j·x_s + b_j and a = g(z), for each pair.</summary>
    public static void WriteForwardBlock(CodeWriter w, LayerPlan layer, int rows, int units)
    {
        string k = CodeWriter.Int(layer.InputSize);
        string n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>");
        w.Line("/// Layer " + layer.Index + " forward, " + rows + " sample" + (rows == 1 ? string.Empty : "s") + " × " + units + " unit" + (units == 1 ? string.Empty : "s")
            + ": z = W_j·x_s + b_j, a = g(z) for each pair, with " + (rows * units) + " independent vector accumulators.");
        w.Line("/// x: sample s (stride " + k + "); w: row j of W (stride " + k + "); b: b_j; z, a: element (s, j) (stride " + n + ").");
        w.Line("/// </summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.Open("private static void " + ForwardName(layer, rows, units) + "(ref float x, ref float w, ref float b, ref float z, ref float a)");
        for (int r = 0; r < rows; r++)
        {
            w.Line("global::System.Numerics.Vector<float> " + string.Join(", ", Enumerable.Range(0, units).Select(c => "acc" + r + c + " = default")) + ";");
        }

        w.Line("global::System.UIntPtr k = 0;");
        w.Open("for (; k + " + Count + " <= " + k + "; k += " + Count + ")");
        for (int c = 0; c < units; c++)
        {
            w.Line("global::System.Numerics.Vector<float> w" + c + " = global::System.Numerics.Vector.LoadUnsafe(ref w, k" + Offset(c, layer.InputSize) + ");");
        }

        for (int r = 0; r < rows; r++)
        {
            w.Line("global::System.Numerics.Vector<float> x" + r + " = global::System.Numerics.Vector.LoadUnsafe(ref x, k" + Offset(r, layer.InputSize) + ");");
            for (int c = 0; c < units; c++)
            {
                w.Line("acc" + r + c + " = global::System.Numerics.Vector.MultiplyAddEstimate(x" + r + ", w" + c + ", acc" + r + c + ");");
            }
        }

        w.Close();
        w.Line();
        w.Comment("Horizontal sums, then the scalar tail of k, then the bias: the same order in every block shape.");
        for (int r = 0; r < rows; r++)
        {
            w.Line(string.Join(" ", Enumerable.Range(0, units).Select(c => "float z" + r + c + " = global::System.Numerics.Vector.Sum(acc" + r + c + ");")));
        }

        if (layer.InputSize % WidestVector == 0)
        {
            w.Comment(k + " = " + (layer.InputSize / WidestVector) + " × 16: a multiple of every vector width, so there is no scalar tail.");
        }
        else
        {
            w.Open("for (; k < " + k + "; k++)");
            for (int r = 0; r < rows; r++)
            {
                w.Line("float xk" + r + " = global::System.Runtime.CompilerServices.Unsafe.Add(ref x, k" + Offset(r, layer.InputSize) + ");");
                for (int c = 0; c < units; c++)
                {
                    w.Line("z" + r + c + " += xk" + r + " * global::System.Runtime.CompilerServices.Unsafe.Add(ref w, k" + Offset(c, layer.InputSize) + ");");
                }
            }

            w.Close();
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < units; c++)
            {
                string at = CodeWriter.Int((r * layer.OutputSize) + c);
                w.Line("z" + r + c + " += global::System.Runtime.CompilerServices.Unsafe.Add(ref b, " + c + ");");
                w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref z, " + at + ") = z" + r + c + ";");
                w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref a, " + at + ") = " + ActivationEmitter.Scalar(layer.Activation, "z" + r + c) + ";");
            }
        }

        w.Close();
        w.Line();
    }

    /// <summary>C units × U vectors of dW = Σ_s dZ[s, j]·A_prev[s, k]: the batch is streamed through the block.</summary>
    public static void WriteWeightGradientBlock(CodeWriter w, LayerPlan layer, int units, int vectors)
    {
        string k = CodeWriter.Int(layer.InputSize);
        string n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>");
        w.Line("/// Layer " + layer.Index + " weight gradient, " + units + " unit" + (units == 1 ? string.Empty : "s") + " × " + vectors + " vector" + (vectors == 1 ? string.Empty : "s")
            + " of inputs: dW[j, k] = Σ_s dZ[s, j]·A_prev[s, k], summed over s in order.");
        w.Line("/// dz: dZ[0, j] (stride " + n + "); x: A_prev[0, k] (stride " + k + "); dw: dW[j, k] (stride " + k + "), overwritten.");
        w.Line("/// </summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.Open("private static void " + WeightGradientName(layer, units, vectors) + "(ref float dz, ref float x, ref float dw, int samples)");
        for (int c = 0; c < units; c++)
        {
            w.Line("global::System.Numerics.Vector<float> " + string.Join(", ", Enumerable.Range(0, vectors).Select(u => "acc" + c + u + " = default")) + ";");
        }

        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float xs = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, s * " + k + ");");
        w.Line("ref float ds = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, s * " + n + ");");
        for (int u = 0; u < vectors; u++)
        {
            w.Line("global::System.Numerics.Vector<float> x" + u + " = global::System.Numerics.Vector.LoadUnsafe(ref xs" + VectorOffset(u) + ");");
        }

        for (int c = 0; c < units; c++)
        {
            w.Line("global::System.Numerics.Vector<float> d" + c + " = new(global::System.Runtime.CompilerServices.Unsafe.Add(ref ds, " + c + "));");
            for (int u = 0; u < vectors; u++)
            {
                w.Line("acc" + c + u + " = global::System.Numerics.Vector.MultiplyAddEstimate(d" + c + ", x" + u + ", acc" + c + u + ");");
            }
        }

        w.Close();
        w.Line();
        for (int c = 0; c < units; c++)
        {
            for (int u = 0; u < vectors; u++)
            {
                string offset = c == 0 ? VectorOffset(u) : ", (global::System.UIntPtr)" + CodeWriter.Int(c * layer.InputSize) + (u == 0 ? string.Empty : " + " + (u == 1 ? Count : "(" + u + " * " + Count + ")"));
                w.Line("global::System.Numerics.Vector.StoreUnsafe(acc" + c + u + ", ref dw" + offset + ");");
            }
        }

        w.Close();
        w.Line();
    }

    /// <summary>R samples × U vectors of dA_prev = Σ_j dZ[s, j]·W[j, k]: the units are streamed through the block.</summary>
    public static void WriteInputGradientBlock(CodeWriter w, LayerPlan layer, int rows, int vectors)
    {
        string k = CodeWriter.Int(layer.InputSize);
        string n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>");
        w.Line("/// Layer " + layer.Index + " input gradient, " + rows + " sample" + (rows == 1 ? string.Empty : "s") + " × " + vectors + " vector" + (vectors == 1 ? string.Empty : "s")
            + " of inputs: dA_prev[s, k] = Σ_j dZ[s, j]·W[j, k], summed over j in order.");
        w.Line("/// dz: dZ[s, 0] (stride " + n + "); w: W[0, k] (stride " + k + "); dx: dA_prev[s, k] (stride " + k + "), overwritten.");
        w.Line("/// </summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.Open("private static void " + InputGradientName(layer, rows, vectors) + "(ref float dz, ref float w, ref float dx)");
        for (int r = 0; r < rows; r++)
        {
            w.Line("global::System.Numerics.Vector<float> " + string.Join(", ", Enumerable.Range(0, vectors).Select(u => "acc" + r + u + " = default")) + ";");
        }

        w.Open("for (int j = 0; j < " + n + "; j++)");
        w.Line("ref float wj = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref w, j * " + k + ");");
        for (int u = 0; u < vectors; u++)
        {
            w.Line("global::System.Numerics.Vector<float> w" + u + " = global::System.Numerics.Vector.LoadUnsafe(ref wj" + VectorOffset(u) + ");");
        }

        for (int r = 0; r < rows; r++)
        {
            w.Line("global::System.Numerics.Vector<float> d" + r + " = new(global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, " + (r == 0 ? string.Empty : CodeWriter.Int(r * layer.OutputSize) + " + ") + "j));");
            for (int u = 0; u < vectors; u++)
            {
                w.Line("acc" + r + u + " = global::System.Numerics.Vector.MultiplyAddEstimate(d" + r + ", w" + u + ", acc" + r + u + ");");
            }
        }

        w.Close();
        w.Line();
        for (int r = 0; r < rows; r++)
        {
            for (int u = 0; u < vectors; u++)
            {
                string offset = r == 0 ? VectorOffset(u) : ", (global::System.UIntPtr)" + CodeWriter.Int(r * layer.InputSize) + (u == 0 ? string.Empty : " + " + (u == 1 ? Count : "(" + u + " * " + Count + ")"));
                w.Line("global::System.Numerics.Vector.StoreUnsafe(acc" + r + u + ", ref dx" + offset + ");");
            }
        }

        w.Close();
        w.Line();
    }

    private static string Offset(int index, int stride) => index == 0 ? string.Empty : " + " + CodeWriter.Int(index * stride);

    private static string VectorOffset(int u) => u switch
    {
        0 => string.Empty,
        1 => ", " + Count,
        _ => ", " + u + " * " + Count,
    };
}
