using Dendrite.Generator.Model;

// LossTitle names every LossKind and has no "_" arm, so a loss added to the enum is CS8509, an error, here.
// CS8524 only says that a value with no name is not handled: the parser refuses those (DN0010).
#pragma warning disable CS8524

namespace Dendrite.Generator.Emitting;

/// <summary>Spellings shared by the emitters: runtime type names, activation formulas, loss names.</summary>
internal static class Names
{
    public const string Runtime = "global::Dendrite.";

    /// <summary>
    /// The condition under which the generated drivers take their wide register blocks (Dense 6 × 4, Conv2D 6 × 4):
    /// AVX-512 hardware, where the JIT has 32 vector registers even for 256-bit vectors. A constant to the JIT, which
    /// drops the other branch (planning: KernelBlocks.WideRowBlock, ConvKernelPlanner).
    /// </summary>
    public const string WideRegisters = "global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated";

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
