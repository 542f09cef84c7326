using System.Linq;
using Dendrite.Generator.Model;

// The switch expressions below name every ActivationKind and have no "_" arm, so a kind added to the enum is CS8509,
// an error, here. CS8524 only says that a value with no name, such as (ActivationKind)99, is not handled: the parser
// refuses those (EnumValues.IsDefined, diagnostic DN0010), so none reaches an emitter.
#pragma warning disable CS8524

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The one place that knows how each activation g is written: its formula and derivative for the comments, g on a
/// scalar for the kernels, and the batch loops A = g(Z) and dZ = dA ⊙ g'(Z), a vector at a time then the scalar tail.
/// Every layer kind uses these, so an activation added to <see cref="ActivationKind"/> is taught here once; every
/// switch names each kind, so a new one is a compile error here rather than a silent fall-through.
/// </summary>
/// <remarks>
/// The derivatives read the stored activation A rather than Z (ReLU' from a &gt; 0, σ' = a(1 − a), tanh' = 1 − a²), so
/// the backward pass needs no second copy of Z. The vector and scalar forms do the same operations in the same order,
/// so a value's result does not depend on whether it fell in the vector part or the tail.
/// </remarks>
internal static class ActivationEmitter
{
    private const string Vector = "global::System.Numerics.Vector";
    private const string VectorOfFloat = "global::System.Numerics.Vector<float>";
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>g, for the comments: "ReLU(z) = max(0, z)".</summary>
    public static string Formula(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => "z (linear)",
        ActivationKind.ReLU => "ReLU(z) = max(0, z)",
        ActivationKind.Sigmoid => "σ(z) = 1 / (1 + e^−z)",
        ActivationKind.Tanh => "tanh(z)",
        ActivationKind.Softmax => "softmax(z)_j = e^z_j / Σ_k e^z_k",
    };

    /// <summary>g', for the comments, written with the stored activation a.</summary>
    public static string DerivativeFormula(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => "g'(z) = 1, so dZ = dA",
        ActivationKind.ReLU => "ReLU'(z) is 1 where the unit was active (a > 0) and 0 elsewhere",
        ActivationKind.Sigmoid => "σ'(z) = a(1 − a)",
        ActivationKind.Tanh => "tanh'(z) = 1 − a²",
        ActivationKind.Softmax => "the softmax Jacobian: dZ = A ⊙ (dA − (dA·A)), sample by sample",
    };

    /// <summary>
    /// g applied to a scalar expression, for activations that act on each value alone. Softmax couples the values of a
    /// sample and is applied by <see cref="WriteForward"/> once the whole row is known: here it is the identity.
    /// </summary>
    public static string Scalar(ActivationKind kind, string z) => kind switch
    {
        ActivationKind.ReLU => "global::System.MathF.Max(" + z + ", 0f)",
        ActivationKind.Sigmoid => "global::Dendrite.Activations.Sigmoid(" + z + ")",
        ActivationKind.Tanh => "global::System.MathF.Tanh(" + z + ")",
        ActivationKind.Linear => z,
        ActivationKind.Softmax => z,
    };

    /// <summary>
    /// A = g(Z) over <paramref name="samples"/> rows of <paramref name="width"/> values, from span <c>z</c> into span
    /// <c>a</c> (which may be the same span: then in place). The element-wise activations call their loop in the
    /// kernels file (<see cref="WriteKernels"/>: ReLU vectorised, the others through the runtime's scalar functions);
    /// softmax runs row by row, max-subtracted so e^z never overflows.
    /// </summary>
    public static void WriteForward(CodeWriter w, ActivationKind kind, string samples, int width)
    {
        string count = samples + " * " + CodeWriter.Int(width);
        switch (kind)
        {
            case ActivationKind.Linear:
                w.Comment("Linear: A = Z.");
                w.Open("if (!" + Unsafe + ".AreSame(ref " + Marshal + ".GetReference(z), ref " + Marshal + ".GetReference(a)))");
                w.Line("z.Slice(0, " + count + ").CopyTo(a);");
                w.Close();
                return;
            case ActivationKind.Softmax:
                w.Comment("Softmax couples the units, so it runs once all of a sample's Z is known (max-subtracted, so e^z never overflows).");
                w.Open("for (int sample = 0; sample < " + samples + "; sample++)");
                w.Line("global::Dendrite.Activations.Softmax(z.Slice(sample * " + CodeWriter.Int(width) + ", " + CodeWriter.Int(width) + "), a.Slice(sample * " + CodeWriter.Int(width) + ", " + CodeWriter.Int(width) + "));");
                w.Close();
                return;
            case ActivationKind.ReLU:
            case ActivationKind.Sigmoid:
            case ActivationKind.Tanh:
                w.Comment("A = g(Z), g = " + Formula(kind) + ".");
                w.Line(KernelName(kind, derivative: false) + "(z, a, " + count + ");");
                return;
        }
    }

    /// <summary>
    /// dZ = dA ⊙ g'(Z) in place over <paramref name="samples"/> rows of <paramref name="width"/> values: span
    /// <c>delta</c> holds ∂cost/∂A and becomes ∂cost/∂Z, read against the stored activations in span <c>a</c>. The
    /// element-wise activations call their vectorised loop in the kernels file (<see cref="WriteKernels"/>).
    /// </summary>
    public static void WriteDerivative(CodeWriter w, ActivationKind kind, string samples, int width)
    {
        string n = CodeWriter.Int(width);
        switch (kind)
        {
            case ActivationKind.Linear:
                w.Comment("Linear: " + DerivativeFormula(kind) + ".");
                return;
            case ActivationKind.Softmax:
                w.Comment("Softmax: dZ = A ⊙ (dA − (dA·A)), the softmax Jacobian applied to dA, sample by sample.");
                w.Open("for (int sample = 0; sample < " + samples + "; sample++)");
                w.Line("global::System.Span<float> row = delta.Slice(sample * " + n + ", " + n + ");");
                w.Line("global::Dendrite.Activations.SoftmaxBackward(a.Slice(sample * " + n + ", " + n + "), row, row);");
                w.Close();
                w.Line();
                return;
            case ActivationKind.ReLU:
            case ActivationKind.Sigmoid:
            case ActivationKind.Tanh:
                break;
        }

        w.Comment("dZ = dA ⊙ g'(Z), " + DerivativeFormula(kind) + ".");
        w.Line(KernelName(kind, derivative: true) + "(a, delta, " + samples + " * " + n + ");");
    }

    /// <summary>"ReLUForward", "SigmoidBackward": the kernels-file loop of an activation that acts on each value alone.</summary>
    public static string KernelName(ActivationKind kind, bool derivative) => kind + (derivative ? "Backward" : "Forward");

    /// <summary>The names <see cref="KernelName"/> can give, for <see cref="GeneratedMemberNames"/>.</summary>
    public static System.Collections.Generic.IEnumerable<string> KernelNames =>
        new[] { ActivationKind.ReLU, ActivationKind.Sigmoid, ActivationKind.Tanh }.SelectMany(k => new[] { KernelName(k, false), KernelName(k, true) });

    /// <summary>
    /// The kernels file's loops for the element-wise activations the network uses: A = g(Z) for every layer with one,
    /// dZ = dA ⊙ g'(Z) for every layer whose backward applies it (not an output folded into the loss). Each is written
    /// once, a vector at a time then the scalar tail, and inlined into the layer that calls it.
    /// </summary>
    public static void WriteKernels(CodeWriter w, NetworkPlan plan)
    {
        var forward = new System.Collections.Generic.List<ActivationKind>();
        var backward = new System.Collections.Generic.List<ActivationKind>();
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.Activation is not (ActivationKind.ReLU or ActivationKind.Sigmoid or ActivationKind.Tanh))
            {
                continue;
            }

            Add(forward, layer.Activation);
            bool fused = layer.Index == plan.Layers.Count && plan.OutputGradient == OutputGradient.FusedWithLoss;
            if (!fused)
            {
                Add(backward, layer.Activation);
            }
        }

        if (forward.Count == 0)
        {
            return;
        }

        w.Line("// ───────────────────────────── Activations ─────────────────────────────");
        w.Line();
        foreach (ActivationKind kind in forward)
        {
            WriteForwardKernel(w, kind);
        }

        foreach (ActivationKind kind in backward)
        {
            WriteDerivativeKernel(w, kind);
        }
    }

    private static void Add(System.Collections.Generic.List<ActivationKind> kinds, ActivationKind kind)
    {
        if (!kinds.Contains(kind))
        {
            kinds.Add(kind);
        }
    }

    private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    private static void WriteForwardKernel(CodeWriter w, ActivationKind kind)
    {
        w.Summary("A = g(Z), g = " + Formula(kind) + ", over the first <paramref name=\"count\"/> values; <paramref name=\"a\"/> may be <paramref name=\"z\"/>.");
        w.Line(Inline);
        w.Open("private static void " + KernelName(kind, derivative: false) + "(global::System.ReadOnlySpan<float> z, global::System.Span<float> a, int count)");
        if (kind == ActivationKind.ReLU)
        {
            w.Line("int i = 0;");
            w.Line("ref float zr = ref " + Marshal + ".GetReference(z);");
            w.Line("ref float ar = ref " + Marshal + ".GetReference(a);");
            w.Open("for (; i + " + VectorOfFloat + ".Count <= count; i += " + VectorOfFloat + ".Count)");
            w.Line(Vector + ".StoreUnsafe(" + Vector + ".Max(" + Vector + ".LoadUnsafe(ref zr, (global::System.UIntPtr)i), " + VectorOfFloat + ".Zero), ref ar, (global::System.UIntPtr)i);");
            w.Close();
            w.Open("for (; i < count; i++)");
        }
        else
        {
            w.Open("for (int i = 0; i < count; i++)");
        }

        w.Line("a[i] = " + Scalar(kind, "z[i]") + ";");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteDerivativeKernel(CodeWriter w, ActivationKind kind)
    {
        w.Summary("dZ = dA ⊙ g'(Z) in place over the first <paramref name=\"count\"/> values of <paramref name=\"delta\"/>: " + DerivativeFormula(kind) + ".");
        w.Line(Inline);
        w.Open("private static void " + KernelName(kind, derivative: true) + "(global::System.ReadOnlySpan<float> a, global::System.Span<float> delta, int count)");
        w.Line("ref float av = ref " + Marshal + ".GetReference(a);");
        w.Line("ref float dv = ref " + Marshal + ".GetReference(delta);");
        w.Line("int i = 0;");
        w.Open("for (; i + " + VectorOfFloat + ".Count <= count; i += " + VectorOfFloat + ".Count)");
        w.Line(VectorOfFloat + " ai = " + Vector + ".LoadUnsafe(ref av, (global::System.UIntPtr)i);");
        w.Line(VectorOfFloat + " di = " + Vector + ".LoadUnsafe(ref dv, (global::System.UIntPtr)i);");
        w.Line(Vector + ".StoreUnsafe(" + VectorDerivative(kind) + ", ref dv, (global::System.UIntPtr)i);");
        w.Close();
        w.Open("for (; i < count; i++)");
        w.Line(ScalarDerivative(kind));
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>dA ⊙ g'(Z) on vectors ai (activations) and di (∂cost/∂A).</summary>
    private static string VectorDerivative(ActivationKind kind) => kind switch
    {
        ActivationKind.ReLU => Vector + ".ConditionalSelect(" + Vector + ".GreaterThan(ai, " + VectorOfFloat + ".Zero), di, " + VectorOfFloat + ".Zero)",
        ActivationKind.Sigmoid => "di * (ai * (" + VectorOfFloat + ".One - ai))",
        ActivationKind.Tanh => "di * (" + VectorOfFloat + ".One - (ai * ai))",
        ActivationKind.Linear => "di",
        ActivationKind.Softmax => "di",
    };

    /// <summary>The same as <see cref="VectorDerivative"/> on element i, with the same operations in the same order.</summary>
    private static string ScalarDerivative(ActivationKind kind)
    {
        const string d = Unsafe + ".Add(ref dv, i)";
        const string a = Unsafe + ".Add(ref av, i)";
        return kind switch
        {
            ActivationKind.ReLU => d + " = " + a + " > 0f ? " + d + " : 0f;",
            ActivationKind.Sigmoid => d + " *= " + a + " * (1f - " + a + ");",
            ActivationKind.Tanh => d + " *= 1f - (" + a + " * " + a + ");",
            ActivationKind.Linear => string.Empty,
            ActivationKind.Softmax => string.Empty,
        };
    }
}
