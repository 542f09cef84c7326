using Dendrite.Generator.Model;

// LossTitle names every LossKind and has no "_" arm, so a loss added to the enum is CS8509, an error, here.
// CS8524 only says that a value with no name is not handled: the parser refuses those (DN0010).
#pragma warning disable CS8524

namespace Dendrite.Generator.Emitting;

/// <summary>Spellings shared by the emitters: runtime type names, activation formulas, loss names.</summary>
internal static class Names
{
    public const string Runtime = "global::Dendrite.";

    /// <summary>Floats starting on a 64-byte boundary: every buffer a generated kernel reads with vector loads is one.</summary>
    public const string AlignedBuffer = Runtime + "AlignedBuffer";

    // The framework types the kernel emitters spell out, each in one place (generated code names every type through global::).
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string SpanOfFloat = "global::System.Span<float>";
    public const string ReadOnlySpanOfFloat = "global::System.ReadOnlySpan<float>";
    public const string UIntPtr = "global::System.UIntPtr";
    public const string Vector256OfFloat = "global::System.Runtime.Intrinsics.Vector256<float>";
    public const string Vector128OfFloat = "global::System.Runtime.Intrinsics.Vector128<float>";
    public const string NumericsVector = "global::System.Numerics.Vector";
    public const string VectorOfFloat = "global::System.Numerics.Vector<float>";

    /// <summary>
    /// The condition under which the generated drivers take their wide register blocks (Dense 6 × 4, Conv2D 6 × 4):
    /// AVX-512 hardware, where the JIT has 32 vector registers even for 256-bit vectors. A constant to the JIT, which
    /// drops the other branch (planning: KernelBlocks.WideRowBlock, ConvKernelPlanner).
    /// </summary>
    public const string WideRegisters = "global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated";

    /// <summary>
    /// The attribute on every generated method that loops over a batch, a layer or a vector (the layer drivers, the
    /// training phases, batch inference) and, with AggressiveInlining, on the kernels: the JIT compiles them fully
    /// optimised at the first call instead of through its tiers. The tiers compile a method with loops first without
    /// optimisation and later again from the profile its instrumented version gathered, and that profile is of the
    /// first calls (for a network usually Predict's single sample, or the first steps), not of the loop that matters.
    /// Measured in steady state (bench/README.md "Tiered compilation"): A's batch of 1,000 predictions at 2 threads
    /// 342–365 → 220 µs; the first PredictBatch of 1,000 on B 34–43 → 10 ms, the first Predict 9 → 15 ms. NativeAOT
    /// ignores it (everything there is compiled ahead of time, optimised).
    /// </summary>
    public const string Optimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    /// <summary>AggressiveInlining alone: a small method (an argument guard) that should vanish into its callers.</summary>
    public const string Inlined = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary>On a method that only throws, so the JIT treats the calls to it as cold and the method calling it stays small.</summary>
    public const string DoesNotReturn = "[global::System.Diagnostics.CodeAnalysis.DoesNotReturn]";

    /// <summary>AggressiveInlining (the kernels are specialised in each driver that calls them) with <see cref="Optimized"/>'s AggressiveOptimization, for the calls the JIT does not inline.</summary>
    public const string InlinedAndOptimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining | global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    public static string Activation(ActivationKind kind) => Runtime + "Activation." + kind;

    public static string LossTitle(LossKind loss, bool fromLogits) => loss switch
    {
        LossKind.MeanSquaredError => "mean squared error",
        LossKind.BinaryCrossentropy => "binary cross-entropy" + (fromLogits ? " from logits" : string.Empty),
        LossKind.SparseCategoricalCrossentropy => "sparse categorical cross-entropy" + (fromLogits ? " from logits" : string.Empty),
        LossKind.CategoricalCrossentropy => "categorical cross-entropy" + (fromLogits ? " from logits" : string.Empty),
    };

    /// <summary>The runtime class holding the loss functions.</summary>
    public static string LossClass(LossKind loss) => Runtime + "Losses." + loss;
}
