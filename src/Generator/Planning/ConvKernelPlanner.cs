using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Chooses a Conv2D layer's kernel blocks, so the emitters never decide one. The choices keep every block within
/// AVX2's 16 vector registers with room for the loads:
/// <list type="bullet">
/// <item>forward: <see cref="KernelBlocks.PixelBlock"/> neighbouring output pixels × 2 vectors of filters (8
/// accumulators; each weight vector loaded serves four pixels), and 4 vectors of filters for a lone pixel whose
/// window the border cuts (4 independent multiply-add chains keep the FMA units busy);</item>
/// <item>input gradient: 4 vectors of input channels per input pixel, gathered over every window covering it;</item>
/// <item>weight gradient: 2 dW rows (channels c and c + 1 of one kernel position share the window, so each dZ vector
/// loaded serves both) × 4 vectors of filters.</item>
/// </list>
/// The same block sizes bound the numbers <see cref="GeneratedNumberLimits"/> checks, which read them from
/// <see cref="KernelBlocks"/> too.
/// </summary>
internal static class ConvKernelPlanner
{
    /// <summary>Vectors of filters per pixel in a forward block of <see cref="KernelBlocks.PixelBlock"/> pixels.</summary>
    private const int PixelBlockVectors = 2;

    /// <summary>dW rows per weight-gradient block.</summary>
    private const int WeightRowBlock = 2;

    public static ConvKernels Choose() => new(
        KernelBlocks.PixelBlock,
        PixelBlockVectors,
        KernelBlocks.VectorsPerStep,
        KernelBlocks.VectorsPerStep,
        WeightRowBlock);
}
