using System.Collections.Generic;

namespace Dendrite.Generator.Model;

/// <summary>
/// How one Conv2D layer's work is cut into register-blocked kernel calls, decided by the planner
/// (<c>Planning/ConvKernelPlanner</c>); the emitters only write the loops these numbers describe. Every kernel
/// vectorises over a channel axis (filters forward and in dW, input channels in dA_prev) and steps by a block of
/// vectors, then by one vector, then one value at a time, so any channel count works.
/// </summary>
/// <param name="PixelBlock">Neighbouring output pixels a forward block computes together, when their windows lie inside the input's columns.</param>
/// <param name="PixelBlockVectors">Vectors of filters per pixel in such a block: PixelBlock × PixelBlockVectors accumulators.</param>
/// <param name="FilterVectors">Vectors of filters per step of the one-pixel forward (windows the border cuts) and of every dW block.</param>
/// <param name="ChannelVectors">Vectors of input channels per step of dA_prev, one input pixel at a time.</param>
/// <param name="WeightRowBlock">dW rows (input channels c, c + 1, … of one kernel position) per block, which share every dZ load; phase-2 shards start at multiples of it.</param>
internal sealed record ConvKernels(
    int PixelBlock,
    int PixelBlockVectors,
    int FilterVectors,
    int ChannelVectors,
    int WeightRowBlock)
{
    /// <summary>The forward kernels (pixels × vectors of filters): the block, if any, then the one-pixel kernel.</summary>
    public IEnumerable<KernelShape> ForwardShapes
    {
        get
        {
            if (PixelBlock > 1)
            {
                yield return new KernelShape(PixelBlock, PixelBlockVectors);
            }

            yield return new KernelShape(1, FilterVectors);
        }
    }

    /// <summary>The input-gradient kernel: one input pixel × ChannelVectors vectors of channels.</summary>
    public KernelShape InputGradientShape => new(1, ChannelVectors);

    /// <summary>The weight-gradient kernels (dW rows × vectors of filters): the block, if any, then one row.</summary>
    public IEnumerable<KernelShape> WeightGradientShapes
    {
        get
        {
            if (WeightRowBlock > 1)
            {
                yield return new KernelShape(WeightRowBlock, FilterVectors);
            }

            yield return new KernelShape(1, FilterVectors);
        }
    }
}

/// <summary>A micro-kernel's block: <paramref name="Rows"/> pixels or dW rows × <paramref name="Vectors"/> vectors of channels.</summary>
internal readonly record struct KernelShape(int Rows, int Vectors);
