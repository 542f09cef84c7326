using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Chooses a Conv2D layer's kernel blocks, so the emitters never decide one. Each block is pixels (or dW rows) ×
/// vectors of channels, as many independent multiply-add chains as the register file holds with room for the loads,
/// so each vector loaded serves a whole row or column of the block. Two sizes: a wide one for AVX-512 hardware,
/// where the JIT has 32 vector registers even at <c>Vector&lt;float&gt;.Count</c> 8 (24 accumulators + 4 weight
/// vectors + a broadcast), and a narrow one for 16 (4 × 2 = 8 accumulators + 2 loads + a broadcast):
/// <list type="bullet">
/// <item>forward, Valid padding: 6 × 4 (wide) or 4 × 2 (narrow) output pixels in row-major order × vectors of filters; every
/// window lies inside the input, so a block may run across the end of a row. With Same padding: 4 neighbouring
/// pixels of a row × 2 vectors where the windows lie inside the input's columns;</item>
/// <item>the one-pixel forward (windows the border cuts, pixels left over): 4 vectors of filters;</item>
/// <item>input gradient, Valid padding: per kernel position, a matrix product dZ · Wt over the
/// pixels in row-major order × vectors of input channels (6 × 4 or 4 × 2), each result added to the input pixel its tap reads (every
/// output pixel has all its taps, so no block meets a border). Same padding, stride 1: 3 to 6 neighbouring input pixels ×
/// 4 vectors of channels where every window position covers them (the count that leaves fewest of the interior's columns
/// to the one-pixel kernel), else one pixel × 4, gathered over the windows that cover it;</item>
/// <item>weight gradient: 6 × 4 (wide) or 4 × 2 (narrow) dW rows × vectors of filters, sharing every dZ load.</item>
/// </list>
/// The same block sizes bound the numbers <see cref="GeneratedNumberLimits"/> checks, which read them from
/// <see cref="KernelBlocks"/> too.
/// </summary>
internal static class ConvKernelPlanner
{
    /// <summary>Vectors of filters per pixel in a Same-padding forward block of <see cref="KernelBlocks.PixelBlock"/> pixels.</summary>
    private const int PixelBlockVectors = 2;

    /// <summary>Pixels or dW rows per wide block (× 4 vectors = 24 accumulators).</summary>
    private const int Wide = KernelBlocks.WidePixelBlock;

    /// <summary>
    /// Pixels or dW rows per narrow block, × <see cref="NarrowVectors"/> = 8 accumulators + 2 loaded vectors + a broadcast:
    /// 11 of AVX2's 16 registers. 3 × 4 (17 with its loads) spilled inside the loops and ran conv2 of the Fashion-MNIST CNN
    /// at 43 % of peak with AVX-512 off (DOTNET_EnableAVX512=0), below the 55 % of the 4 × 2 row blocks before it.
    /// </summary>
    private const int Narrow = 4;

    /// <summary>Vectors of channels per narrow block.</summary>
    private const int NarrowVectors = 2;

    public static ConvKernels Choose(Window window, Shape input, Shape output)
    {
        int vectors = KernelBlocks.VectorsPerStep;
        bool inside = window.Padding == PaddingKind.Valid;
        BlockChoice? pixels = inside ? new BlockChoice(new KernelShape(Wide, vectors), new KernelShape(Narrow, NarrowVectors)) : null;

        // dW rows share a block only when their taps sit side by side: consecutive (kx, c) of one kernel row when no
        // window is cut (Kernel · InC of them), else channels of one kernel position (InC of them).
        int run = inside ? window.Size * input.Channels : input.Channels;
        BlockChoice rows = new(new KernelShape(System.Math.Max(1, System.Math.Min(Wide, run)), vectors), new KernelShape(System.Math.Max(1, System.Math.Min(Narrow, run)), NarrowVectors));

        BlockChoice? interior = null;
        if (!inside && window.Stride == 1)
        {
            // Input columns every window position covers: ix + PadLeft in [Kernel − 1, OutW − 1].
            int columns = output.Width - (window.Size - 1);
            if (columns >= 3)
            {
                interior = new BlockChoice(new KernelShape(InteriorBlock(columns), vectors), new KernelShape(Narrow, NarrowVectors));
            }
        }

        return new ConvKernels(KernelBlocks.PixelBlock, PixelBlockVectors, vectors, vectors, pixels, rows, pixels, interior, inside,
            VectorWidthPlanner.Prefers512(output.Channels), VectorWidthPlanner.Prefers512(input.Channels));
    }

    /// <summary>The wide interior block, 3 to 6 pixels: the one leaving fewest columns over, the larger on a tie.</summary>
    private static int InteriorBlock(int columns)
    {
        int best = Wide;
        for (int p = Wide - 1; p >= 3; p--)
        {
            if (columns % p < columns % best)
            {
                best = p;
            }
        }

        return best;
    }
}
