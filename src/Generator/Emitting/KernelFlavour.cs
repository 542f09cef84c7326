namespace Dendrite.Generator.Emitting;

/// <summary>
/// The two builds of the shared kernels file's vector kernels: the portable one over <c>Vector&lt;float&gt;</c> (4 or
/// 8 floats, whatever the hardware gives .NET's default) in the kernels class, and the 512-bit one over
/// <c>Vector512&lt;float&gt;</c> in its nested class <see cref="NestedClass"/>. The kernel emitters write one text, over
/// <see cref="VectorType"/> and <see cref="Operations"/>; <see cref="Widen"/> renames those two in the 512-bit class
/// (the generated code names every type through global::, so the two names are exact; no using alias can be captured by
/// a user's type of the same name). The portable build starts each kernel a layer calls
/// with a dispatch: when the layer's plan chose 512-bit vectors for the axis (<c>Planning/VectorWidthPlanner</c>) and
/// <c>Vector512.IsHardwareAccelerated</c> (a constant to the JIT, which keeps one branch), it calls the 512-bit twin.
/// </summary>
internal sealed class KernelFlavour
{
    public static readonly KernelFlavour Portable = new(false);

    public static readonly KernelFlavour Wide = new(true);

    private KernelFlavour(bool is512) => Is512 = is512;

    /// <summary>The nested class of the 512-bit kernels.</summary>
    public const string NestedClass = "Vector512Kernels";

    /// <summary>The kernels' vector type as the emitters write it; <see cref="Widen"/> makes it Vector512&lt;float&gt;.</summary>
    public const string VectorType = "global::System.Numerics.Vector<float>";

    /// <summary>The static class of vector operations as the emitters write it; <see cref="Widen"/> makes it Vector512.</summary>
    public const string Operations = "global::System.Numerics.Vector";

    /// <summary>Floats per vector, as an offset.</summary>
    public const string Count = "(global::System.UIntPtr)" + VectorType + ".Count";

    private const string Accelerated = "global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated";

    /// <summary>
    /// Rewrites the text written since <paramref name="start"/> (the 512-bit class's kernels) from Vector&lt;float&gt; to
    /// Vector512&lt;float&gt;: both have the operations the kernels use (LoadUnsafe, StoreUnsafe, MultiplyAddEstimate,
    /// Create, Max, Zero, Count) under the same names.
    /// </summary>
    public static void Widen(CodeWriter w, int start)
    {
        w.ReplaceFrom(start, VectorType, "global::System.Runtime.Intrinsics.Vector512<float>");
        w.ReplaceFrom(start, Operations + ".", "global::System.Runtime.Intrinsics.Vector512.");
    }

    /// <summary>Whether this is the 512-bit build.</summary>
    public bool Is512 { get; }

    /// <summary>
    /// A portable kernel's first lines when it has a 512-bit <paramref name="twin"/>: hand the call to it when
    /// <paramref name="choice"/> (the plan's choice, a constant where the layer calls) holds and the hardware
    /// accelerates 512-bit vectors.
    /// </summary>
    public static void WriteDispatch(CodeWriter w, bool twin, string choice, string call)
    {
        if (!twin)
        {
            return;
        }

        w.Comment("The 512-bit twin when the layer's plan chose it and the hardware accelerates it (both constants to the JIT).");
        w.Open("if (" + choice + " && " + Accelerated + ")");
        w.Line(w.Kernel(NestedClass) + "." + call);
        w.Line("return;");
        w.Close();
        w.Line();
    }
}
