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
/// Most derivatives read the stored activation A rather than Z (ReLU' and LeakyReLU' from a &gt; 0, ELU' = a + 1 for
/// a ≤ 0, σ' = a(1 − a), tanh' = 1 − a²), so the backward pass needs no second copy of Z. GELU, its tanh form, SiLU and
/// softplus cannot be read back from A: their layers keep Z (<see cref="ActivationTraits.DerivativeNeedsZ"/>) and their
/// backward reads span <c>z</c>. Those four and ELU's forward need e^z or erf and run as scalar loops over the runtime's
/// functions (<c>Activations.Gelu</c>, ...), so their bits cannot depend on Vector&lt;float&gt;.Count; the vectorised loops
/// (ReLU, LeakyReLU, and the A-based derivatives) do the same operations in the same order in the vector part and the
/// scalar tail, so a value's result does not depend on where it fell either.
/// </remarks>
internal static class ActivationEmitter
{
    private const string Vector = Names.NumericsVector;
    private const string VectorOfFloat = Names.VectorOfFloat;
    private const string Unsafe = Names.Unsafe;
    private const string Marshal = Names.MemoryMarshal;
    private const string Runtime = "global::Dendrite.Activations.";

    /// <summary>g, for the comments: "ReLU(z) = max(0, z)". LeakyReLU's slope is named s here; <see cref="Formula(LayerPlan)"/> gives its value.</summary>
    public static string Formula(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => "z (linear)",
        ActivationKind.ReLU => "ReLU(z) = max(0, z)",
        ActivationKind.Sigmoid => "σ(z) = 1 / (1 + e^−z)",
        ActivationKind.Tanh => "tanh(z)",
        ActivationKind.Softmax => "softmax(z)_j = e^z_j / Σ_k e^z_k",
        ActivationKind.LeakyReLU => "LeakyReLU(z) = z if z > 0, else s·z",
        ActivationKind.ELU => "ELU(z) = z if z > 0, else e^z − 1 (α = 1)",
        ActivationKind.GELU => "GELU(z) = z·Φ(z) = ½z(1 + erf(z/√2)), Φ the standard normal CDF",
        ActivationKind.GELUTanh => "GELU_tanh(z) = ½z(1 + tanh(u)), u = √(2/π)(z + 0.044715z³)",
        ActivationKind.SiLU => "SiLU(z) = z·σ(z) (also called Swish)",
        ActivationKind.Softplus => "softplus(z) = log(1 + e^z) = max(z, 0) + log(1 + e^−|z|)",
    };

    /// <summary>g with the layer's own constants: LeakyReLU's slope written out.</summary>
    public static string Formula(LayerPlan layer) => layer.Activation == ActivationKind.LeakyReLU
        ? Formula(layer.Activation) + " with s = " + SlopeText(layer.Slope)
        : Formula(layer.Activation);

    /// <summary>"ReLU", "LeakyReLU(slope 0.1)": the activation as layer titles show it.</summary>
    public static string Name(LayerPlan layer) => layer.Activation == ActivationKind.LeakyReLU
        ? "LeakyReLU(slope " + SlopeText(layer.Slope) + ")"
        : layer.Activation.ToString();

    /// <summary>g', for the comments, written with the stored activation a, or with z where the layer keeps Z.</summary>
    public static string DerivativeFormula(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => "g'(z) = 1, so dZ = dA",
        ActivationKind.ReLU => "ReLU'(z) is 1 where the unit was active (a > 0) and 0 elsewhere",
        ActivationKind.Sigmoid => "σ'(z) = a(1 − a)",
        ActivationKind.Tanh => "tanh'(z) = 1 − a²",
        ActivationKind.Softmax => "the softmax Jacobian: dZ = A ⊙ (dA − (dA·A)), sample by sample",
        ActivationKind.LeakyReLU => "LeakyReLU'(z) is 1 where a > 0 and the slope s elsewhere",
        ActivationKind.ELU => "ELU'(z) is 1 where a > 0 and e^z = a + 1 elsewhere",
        ActivationKind.GELU => "GELU'(z) = Φ(z) + z·φ(z), φ(z) = e^(−z²/2) / √(2π), from the kept Z",
        ActivationKind.GELUTanh => "GELU_tanh'(z) = s + 2z·s(1 − s)·√(2/π)(1 + 3·0.044715z²), s = σ(2u) = ½(1 + tanh(u)), from the kept Z",
        ActivationKind.SiLU => "SiLU'(z) = σ(z)(1 + z(1 − σ(z))), from the kept Z",
        ActivationKind.Softplus => "softplus'(z) = σ(z), from the kept Z",
    };

    /// <summary>
    /// g applied to a scalar expression, for activations that act on each value alone. Softmax couples the values of a
    /// sample and is applied by <see cref="WriteForward"/> once the whole row is known: here it is the identity. LeakyReLU
    /// reads its kernel's <c>slope</c> parameter.
    /// </summary>
    public static string Scalar(ActivationKind kind, string z) => kind switch
    {
        ActivationKind.ReLU => "global::System.MathF.Max(" + z + ", 0f)",
        ActivationKind.Sigmoid => Runtime + "Sigmoid(" + z + ")",
        ActivationKind.Tanh => "global::System.MathF.Tanh(" + z + ")",
        ActivationKind.Linear => z,
        ActivationKind.Softmax => z,
        ActivationKind.LeakyReLU => z + " > 0f ? " + z + " : slope * " + z,
        ActivationKind.ELU => Runtime + "Elu(" + z + ")",
        ActivationKind.GELU => Runtime + "Gelu(" + z + ")",
        ActivationKind.GELUTanh => Runtime + "GeluTanh(" + z + ")",
        ActivationKind.SiLU => Runtime + "Silu(" + z + ")",
        ActivationKind.Softplus => Runtime + "Softplus(" + z + ")",
    };

    /// <summary>
    /// A = g(Z) over <paramref name="samples"/> rows of <paramref name="width"/> values, from span <c>z</c> into span
    /// <c>a</c> (which may be the same span: then in place). The element-wise activations call their loop in the
    /// shared kernels file (<see cref="WriteKernels"/>: ReLU and LeakyReLU vectorised, the others through the runtime's scalar
    /// functions); softmax runs row by row, max-subtracted so e^z never overflows.
    /// </summary>
    public static void WriteForward(CodeWriter w, LayerPlan layer, string samples, int width)
    {
        ActivationKind kind = layer.Activation;
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
            case ActivationKind.LeakyReLU:
            case ActivationKind.ELU:
            case ActivationKind.GELU:
            case ActivationKind.GELUTanh:
            case ActivationKind.SiLU:
            case ActivationKind.Softplus:
                w.Comment("A = g(Z), g = " + Formula(layer) + ".");
                w.Line(w.Kernel(KernelName(kind, derivative: false)) + "(z, a, " + count + SlopeArgument(layer) + ");");
                return;
        }
    }

    /// <summary>
    /// A = g(Z) over the units [firstUnit, endUnit) of every one of <c>samples</c> rows of <paramref name="width"/>
    /// values, for a layer whose forward is split by units (<see cref="DenseLayerPlan.SplitsForwardByUnits"/>): the
    /// element-wise activations only, each row's part through the same loop as the whole batch.
    /// </summary>
    public static void WriteForwardOnUnits(CodeWriter w, LayerPlan layer, int width)
    {
        ActivationKind kind = layer.Activation;
        string row = "(s * " + CodeWriter.Int(width) + ") + firstUnit, endUnit - firstUnit";
        if (kind == ActivationKind.Linear)
        {
            w.Comment("Linear: A = Z, on these units of every sample.");
            w.Open("if (!" + Unsafe + ".AreSame(ref " + Marshal + ".GetReference(z), ref " + Marshal + ".GetReference(a)))");
            w.Open("for (s = 0; s < samples; s++)");
            w.Line("z.Slice(" + row + ").CopyTo(a.Slice(" + row + "));");
            w.Close();
            w.Close();
            return;
        }

        // Softmax couples a sample's units: the planner never splits such a layer by units (FirstLayerUnitSplit).
        w.Comment("A = g(Z), g = " + Formula(layer) + ", on these units of every sample.");
        w.Open("for (s = 0; s < samples; s++)");
        w.Line(w.Kernel(KernelName(kind, derivative: false)) + "(z.Slice(" + row + "), a.Slice(" + row + "), endUnit - firstUnit" + SlopeArgument(layer) + ");");
        w.Close();
    }

    /// <summary>
    /// dZ = dA ⊙ g'(Z) in place over <paramref name="samples"/> rows of <paramref name="width"/> values: span
    /// <c>delta</c> holds ∂cost/∂A and becomes ∂cost/∂Z, read against the stored activations in span <c>a</c>, or, for an
    /// activation whose derivative needs Z (<see cref="ActivationTraits.DerivativeNeedsZ"/>), the kept pre-activations in
    /// span <c>z</c>. The element-wise activations call their loop in the shared kernels file (<see cref="WriteKernels"/>).
    /// </summary>
    public static void WriteDerivative(CodeWriter w, LayerPlan layer, string samples, int width)
    {
        ActivationKind kind = layer.Activation;
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
            case ActivationKind.LeakyReLU:
            case ActivationKind.ELU:
            case ActivationKind.GELU:
            case ActivationKind.GELUTanh:
            case ActivationKind.SiLU:
            case ActivationKind.Softplus:
                break;
        }

        w.Comment("dZ = dA ⊙ g'(Z), " + DerivativeFormula(kind) + (kind == ActivationKind.LeakyReLU ? " (s = " + SlopeText(layer.Slope) + ")" : string.Empty) + ".");
        w.Line(w.Kernel(KernelName(kind, derivative: true)) + "(" + DerivativeSource(layer) + ", delta, " + samples + " * " + n + SlopeArgument(layer) + ");");
    }

    /// <summary>"z" when the layer's g' reads the kept Z, else "a": the name of the span its backward pass reads.</summary>
    public static string DerivativeSource(LayerPlan layer) => layer.DerivativeNeedsZ ? "z" : "a";

    /// <summary>", 0.1f" for a LeakyReLU layer (its kernels take the slope), nothing for the others.</summary>
    private static string SlopeArgument(LayerPlan layer) =>
        layer.Activation == ActivationKind.LeakyReLU ? ", " + CodeWriter.Float(layer.Slope) : string.Empty;

    private static string SlopeText(float slope) => slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"ReLUForward", "SigmoidBackward": the shared kernels' loop of an activation that acts on each value alone.</summary>
    public static string KernelName(ActivationKind kind, bool derivative) => kind + (derivative ? "Backward" : "Forward");

    /// <summary>The activations that act on each value alone, which have loops in the shared kernels.</summary>
    private static readonly ActivationKind[] ElementWise =
    {
        ActivationKind.ReLU, ActivationKind.Sigmoid, ActivationKind.Tanh, ActivationKind.LeakyReLU, ActivationKind.ELU,
        ActivationKind.GELU, ActivationKind.GELUTanh, ActivationKind.SiLU, ActivationKind.Softplus,
    };


    /// <summary>
    /// The shared kernels' loops for the element-wise activations the networks use: A = g(Z) for every layer with one,
    /// dZ = dA ⊙ g'(Z) for every layer whose backward applies it (not an output folded into the loss). Each is written
    /// once, a vector at a time then the scalar tail (or, for those computed by the runtime, a scalar loop), and inlined
    /// into the layer that calls it.
    /// </summary>
    public static void WriteKernels(CodeWriter w, System.Collections.Generic.IReadOnlyList<NetworkPlan> plans)
    {
        var forward = new System.Collections.Generic.List<ActivationKind>();
        var backward = new System.Collections.Generic.List<ActivationKind>();
        foreach (NetworkPlan plan in plans)
        {
            foreach (LayerPlan layer in plan.Layers)
            {
                if (System.Array.IndexOf(ElementWise, layer.Activation) < 0)
                {
                    continue;
                }

                // A Conv2D layer may apply ReLU in its kernels' stores, and leave ReLU' to the MaxPool2D after it (ActivationFusion).
                if (layer is not Conv2DLayerPlan { ReLUInStores: true })
                {
                    Add(forward, layer.Activation);
                }

                bool fused = (layer.Index == plan.Layers.Count && plan.OutputGradient == OutputGradient.FusedWithLoss)
                    || layer is Conv2DLayerPlan { DerivativeAppliedByNext: true };
                if (!fused)
                {
                    Add(backward, layer.Activation);
                }
            }
        }

        if (forward.Count == 0 && backward.Count == 0)
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
            if (ActivationTraits.DerivativeNeedsZ(kind))
            {
                WriteZDerivativeKernel(w, kind);
            }
            else
            {
                WriteDerivativeKernel(w, kind);
            }
        }
    }

    private static void Add(System.Collections.Generic.List<ActivationKind> kinds, ActivationKind kind)
    {
        if (!kinds.Contains(kind))
        {
            kinds.Add(kind);
        }
    }

    private const string Inline = Names.InlinedAndOptimized;

    private static string SlopeParameter(ActivationKind kind) => kind == ActivationKind.LeakyReLU ? ", float slope" : string.Empty;

    private static void WriteForwardKernel(CodeWriter w, ActivationKind kind)
    {
        bool vectorised = kind is ActivationKind.ReLU or ActivationKind.LeakyReLU;
        w.Summary("A = g(Z), g = " + Formula(kind) + ", over the first <paramref name=\"count\"/> values; <paramref name=\"a\"/> may be <paramref name=\"z\"/>."
            + (kind == ActivationKind.LeakyReLU ? " s is <paramref name=\"slope\"/>; the vector part selects exactly as the scalar tail does." : string.Empty)
            + (vectorised || kind is ActivationKind.Sigmoid or ActivationKind.Tanh ? string.Empty : " Scalar, in double inside the runtime: e^z and erf have no vector form with the scalar's bits."));
        w.Line(Inline);
        w.Open("internal static void " + KernelName(kind, derivative: false) + "(global::System.ReadOnlySpan<float> z, global::System.Span<float> a, int count" + SlopeParameter(kind) + ")");
        if (vectorised)
        {
            w.Line("int i = 0;");
            w.Line("ref float zr = ref " + Marshal + ".GetReference(z);");
            w.Line("ref float ar = ref " + Marshal + ".GetReference(a);");
            if (kind == ActivationKind.LeakyReLU)
            {
                w.Line(VectorOfFloat + " slopes = new " + VectorOfFloat + "(slope);");
            }

            w.Open("for (; i + " + VectorOfFloat + ".Count <= count; i += " + VectorOfFloat + ".Count)");
            if (kind == ActivationKind.ReLU)
            {
                w.Line(Vector + ".StoreUnsafe(" + Vector + ".Max(" + Vector + ".LoadUnsafe(ref zr, (global::System.UIntPtr)i), " + VectorOfFloat + ".Zero), ref ar, (global::System.UIntPtr)i);");
            }
            else
            {
                w.Line(VectorOfFloat + " zi = " + Vector + ".LoadUnsafe(ref zr, (global::System.UIntPtr)i);");
                w.Line(Vector + ".StoreUnsafe(" + Vector + ".ConditionalSelect(" + Vector + ".GreaterThan(zi, " + VectorOfFloat + ".Zero), zi, slopes * zi), ref ar, (global::System.UIntPtr)i);");
            }

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
        w.Summary("dZ = dA ⊙ g'(Z) in place over the first <paramref name=\"count\"/> values of <paramref name=\"delta\"/>: " + DerivativeFormula(kind)
            + (kind == ActivationKind.LeakyReLU ? ", s = <paramref name=\"slope\"/>" : string.Empty) + ".");
        w.Line(Inline);
        w.Open("internal static void " + KernelName(kind, derivative: true) + "(global::System.ReadOnlySpan<float> a, global::System.Span<float> delta, int count" + SlopeParameter(kind) + ")");
        w.Line("ref float av = ref " + Marshal + ".GetReference(a);");
        w.Line("ref float dv = ref " + Marshal + ".GetReference(delta);");
        if (kind == ActivationKind.LeakyReLU)
        {
            w.Line(VectorOfFloat + " slopes = new " + VectorOfFloat + "(slope);");
        }

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

    /// <summary>dZ = dA ⊙ g'(Z) for an activation whose derivative reads Z: a scalar loop over the runtime's g'.</summary>
    private static void WriteZDerivativeKernel(CodeWriter w, ActivationKind kind)
    {
        w.Summary("dZ = dA ⊙ g'(Z) in place over the first <paramref name=\"count\"/> values of <paramref name=\"delta\"/>, read against the kept pre-activations <paramref name=\"z\"/>: "
            + DerivativeFormula(kind) + ". Scalar, in double inside the runtime, like the forward.");
        w.Line(Inline);
        w.Open("internal static void " + KernelName(kind, derivative: true) + "(global::System.ReadOnlySpan<float> z, global::System.Span<float> delta, int count)");
        w.Open("for (int i = 0; i < count; i++)");
        w.Line("delta[i] *= " + Runtime + RuntimeDerivative(kind) + "(z[i]);");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>The runtime's g' of an activation whose derivative reads Z.</summary>
    private static string RuntimeDerivative(ActivationKind kind) => kind switch
    {
        ActivationKind.GELU => "GeluDerivative",
        ActivationKind.GELUTanh => "GeluTanhDerivative",
        ActivationKind.SiLU => "SiluDerivative",
        ActivationKind.Softplus => "SoftplusDerivative",
        ActivationKind.Linear or ActivationKind.ReLU or ActivationKind.Sigmoid or ActivationKind.Softmax or ActivationKind.Tanh
            or ActivationKind.LeakyReLU or ActivationKind.ELU => string.Empty,
    };

    /// <summary>dA ⊙ g'(Z) on vectors ai (activations) and di (∂cost/∂A).</summary>
    private static string VectorDerivative(ActivationKind kind) => kind switch
    {
        ActivationKind.ReLU => Vector + ".ConditionalSelect(" + Vector + ".GreaterThan(ai, " + VectorOfFloat + ".Zero), di, " + VectorOfFloat + ".Zero)",
        ActivationKind.Sigmoid => "di * (ai * (" + VectorOfFloat + ".One - ai))",
        ActivationKind.Tanh => "di * (" + VectorOfFloat + ".One - (ai * ai))",
        ActivationKind.LeakyReLU => Vector + ".ConditionalSelect(" + Vector + ".GreaterThan(ai, " + VectorOfFloat + ".Zero), di, di * slopes)",
        ActivationKind.ELU => Vector + ".ConditionalSelect(" + Vector + ".GreaterThan(ai, " + VectorOfFloat + ".Zero), di, di * (ai + " + VectorOfFloat + ".One))",
        ActivationKind.Linear or ActivationKind.Softmax or ActivationKind.GELU or ActivationKind.GELUTanh or ActivationKind.SiLU or ActivationKind.Softplus => "di",
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
            ActivationKind.LeakyReLU => d + " = " + a + " > 0f ? " + d + " : " + d + " * slope;",
            ActivationKind.ELU => d + " = " + a + " > 0f ? " + d + " : " + d + " * (" + a + " + 1f);",
            ActivationKind.Linear or ActivationKind.Softmax or ActivationKind.GELU or ActivationKind.GELUTanh or ActivationKind.SiLU or ActivationKind.Softplus => string.Empty,
        };
    }
}
