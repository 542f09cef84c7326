using System.Collections.Generic;

namespace Dendrite.Generator.Model;

/// <summary>
/// How one Conv2D layer's work is cut into register-blocked kernel calls, decided by the planner
/// (<c>Planning/ConvKernelPlanner</c>); the emitters only write the loops these numbers describe. Every kernel
/// vectorises over a channel axis (filters forward and in dW, input channels in dA_prev) and steps by a block of
/// vectors, then by one vector, then one value at a time, so any channel count works.
/// </summary>
/// <param name="PixelBlock">Neighbouring output pixels of one row a forward block computes together, when the border can cut windows (Same padding) and theirs lie inside the input's columns.</param>
/// <param name="PixelBlockVectors">Vectors of filters per pixel in such a block: PixelBlock × PixelBlockVectors accumulators.</param>
/// <param name="FilterVectors">Vectors of filters per step of the one-pixel forward (windows the border cuts, and the pixels left after the blocks) and of the one-row dW kernel.</param>
/// <param name="ChannelVectors">Vectors of input channels per step of dA_prev at a lone input pixel (one whose covering windows the border cuts).</param>
/// <param name="Pixels">With Valid padding (every window inside the input): forward blocks of output pixels taken in row-major order across rows; null otherwise.</param>
/// <param name="WeightRows">dW blocks: rows × vectors of filters. The rows are consecutive (kx, c) of one kernel row when every window lies inside the input (their taps are then contiguous in the input), else channels c, c + 1, … of one kernel position.</param>
/// <param name="Scatter">With Valid padding: dA_prev as a matrix product per kernel position, blocks of output pixels in row-major order × vectors of input channels, each added to the input pixel its tap reads; null otherwise.</param>
/// <param name="InteriorPixels">With stride 1 and Same padding: dA_prev blocks of neighbouring input pixels of a row that every window position covers (pixels × vectors of channels); null otherwise.</param>
/// <param name="WindowsInside">Whether every window lies wholly inside the input (Valid padding).</param>
/// <param name="Vector512Filters">Whether the kernels vectorised over filters (forward, dW) run on 512-bit vectors where the hardware accelerates them (<c>Planning/VectorWidthPlanner</c>).</param>
/// <param name="Vector512Channels">Likewise for the dA_prev kernels, vectorised over input channels.</param>
internal sealed record ConvKernels(
    int PixelBlock,
    int PixelBlockVectors,
    int FilterVectors,
    int ChannelVectors,
    BlockChoice? Pixels,
    BlockChoice WeightRows,
    BlockChoice? Scatter,
    BlockChoice? InteriorPixels,
    bool WindowsInside,
    bool Vector512Filters,
    bool Vector512Channels)
{
    /// <summary>dW rows per block on hardware of 16 vector registers: phase-2 shards start at multiples of it.</summary>
    public int WeightRowBlock => WeightRows.Narrow.Rows;

    /// <summary>The forward kernels of the padded row blocks (pixels × vectors of filters): the block, if any, then the one-pixel kernel.</summary>
    public IEnumerable<KernelShape> ForwardShapes
    {
        get
        {
            if (Pixels == null && PixelBlock > 1)
            {
                yield return new KernelShape(PixelBlock, PixelBlockVectors);
            }

            yield return new KernelShape(1, FilterVectors);
        }
    }

    /// <summary>The forward kernels over pixels in row-major order (Valid padding), wide then narrow.</summary>
    public IEnumerable<KernelShape> PixelShapes => Pixels?.Shapes ?? System.Linq.Enumerable.Empty<KernelShape>();

    /// <summary>The input-gradient kernel at a lone pixel: one input pixel × ChannelVectors vectors of channels.</summary>
    public KernelShape InputGradientShape => new(1, ChannelVectors);

    /// <summary>The scatter input-gradient kernels (Valid padding): the blocks, then one pixel.</summary>
    public IEnumerable<KernelShape> ScatterShapes
    {
        get
        {
            if (Scatter is BlockChoice blocks)
            {
                foreach (KernelShape shape in blocks.Shapes)
                {
                    yield return shape;
                }

                yield return new KernelShape(1, ChannelVectors);
            }
        }
    }

    /// <summary>The input-gradient kernels over neighbouring interior pixels, wide then narrow.</summary>
    public IEnumerable<KernelShape> InteriorShapes => InteriorPixels?.Shapes ?? System.Linq.Enumerable.Empty<KernelShape>();

    /// <summary>The weight-gradient kernels (dW rows × vectors of filters): the blocks, then one row.</summary>
    public IEnumerable<KernelShape> WeightGradientShapes
    {
        get
        {
            foreach (KernelShape shape in WeightRows.Shapes)
            {
                if (shape.Rows > 1)
                {
                    yield return shape;
                }
            }

            yield return new KernelShape(1, FilterVectors);
        }
    }
}

/// <summary>A micro-kernel's block: <paramref name="Rows"/> pixels or dW rows × <paramref name="Vectors"/> vectors of channels.</summary>
internal readonly record struct KernelShape(int Rows, int Vectors);

/// <summary>
/// A block shape for each register file: <paramref name="Wide"/> where the JIT has 32 vector registers (AVX-512
/// hardware, <c>Vector512.IsHardwareAccelerated</c>, even for 256-bit vectors), <paramref name="Narrow"/> for 16
/// (AVX2, SSE, Arm64's 32 are not assumed). The generated code picks one with that JIT-time constant, so the other
/// branch is removed. Both sum every value in the same order, so the choice never changes a result.
/// </summary>
internal readonly record struct BlockChoice(KernelShape Wide, KernelShape Narrow)
{
    /// <summary>Whether the two differ (else one kernel and no branch is written).</summary>
    public bool Branches => Wide != Narrow;

    /// <summary>The distinct shapes, wide first.</summary>
    public IEnumerable<KernelShape> Shapes
    {
        get
        {
            yield return Wide;
            if (Branches)
            {
                yield return Narrow;
            }
        }
    }
}
