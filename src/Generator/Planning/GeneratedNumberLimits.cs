using System.Collections.Generic;
using System.Globalization;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>One number the generated code holds, what holds it, and the most it can be.</summary>
/// <param name="LayerIndex">1-based layer it belongs to; 0 for the [Input].</param>
/// <param name="Quantity">What it is, for the message: "parameters (the longest .NET array)".</param>
/// <param name="Limit">The largest value the generated code can hold.</param>
/// <param name="Value">The value this network needs.</param>
internal readonly record struct GeneratedNumber(int LayerIndex, string Quantity, long Limit, long Value)
{
    public bool Fits => Value <= Limit;
}

/// <summary>
/// The one check that every number the emitters write fits what holds it in the generated code: int constants
/// (InputSize, offsets, the Conv2D and MaxPool2D shape constants), int expressions built from them (offset + k·n,
/// iy + PadTop, 3 · Stride · InC), single arrays (parameters, one sample, one training sample's workspace, the
/// inference chunk), all no longer than Array.MaxLength (less an AlignedBuffer's 15 values of slack where one holds them). Each number is computed in 64 bits by
/// <see cref="NetworkGeometry"/>; the first that does not fit becomes DN0013 with the limit and the value, on the
/// layer that needs it. Tests: ExtremeDeclarationTests.
/// </summary>
/// <remarks>
/// Where an emitter writes a product of plan values (r · InputSize in a 4-sample kernel, 3 · Filters in the
/// four-pixel block), the largest such product is listed here, so the emitter's int arithmetic cannot wrap. Every
/// index the generated code computes inside a buffer is below that buffer's length, which is listed too.
/// </remarks>
internal static class GeneratedNumberLimits
{
    /// <summary>The longest array .NET allows (Array.MaxLength); parameters, inputs and workspaces are single arrays.</summary>
    public const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>
    /// The longest AlignedBuffer: it allocates up to 15 values more than it holds, to start on a 64-byte boundary.
    /// The parameters, a training workspace and the inference chunk live in one each.
    /// </summary>
    public const long MaxAlignedLength = MaxArrayLength - 15;

    /// <summary>Largest int constant or int expression of the generated code.</summary>
    public const long MaxInt = int.MaxValue;

    /// <summary>
    /// Most layers one network may declare. Generated code grows by a bounded amount per layer (its kernels are
    /// loops whose size does not depend on the unit count), so this bounds the size of every generated file; the
    /// numbers it gives are in docs/diagnostics.md (DN0018). Tests: GeneratedSizeTests.
    /// </summary>
    public const int MaxLayers = 64;

    /// <summary>Every number of the network, in the order a reader meets them: the input, then layer by layer.</summary>
    public static IEnumerable<GeneratedNumber> All(NetworkGeometry geometry)
    {
        yield return new GeneratedNumber(0, "values per input sample (the longest .NET array)", MaxArrayLength, geometry.Input.Size);
        if (geometry.Input.IsSpatial)
        {
            foreach (GeneratedNumber number in Sides(0, geometry.Input, "input"))
            {
                yield return number;
            }
        }

        long hidden = 0;
        for (int i = 0; i < geometry.Layers.Count; i++)
        {
            LayerGeometry layer = geometry.Layers[i];
            bool isOutput = i == geometry.Layers.Count - 1;
            int l = layer.Index;
            yield return new GeneratedNumber(l, "parameters (the longest .NET array, less 15 values to align it)", MaxAlignedLength, layer.ParametersSoFar);

            // The training workspace also keeps the output logits once more.
            long workspace = isOutput ? geometry.WorkspacePerSample : layer.WorkspaceSoFar;
            yield return new GeneratedNumber(l, "workspace values per training sample (the longest .NET array, less 15 values to align it)", MaxAlignedLength, workspace);
            if (!isOutput && layer.Layer.Type != LayerType.Dropout) // inference passes Dropout's input on: no scratch
            {
                hidden = WideMath.Add(hidden, layer.Output.Size);
                yield return new GeneratedNumber(
                    l,
                    "hidden units in total (inference keeps the hidden activations of " + KernelBlocks.InferenceChunk.ToString(CultureInfo.InvariantCulture) + " samples in one array)",
                    MaxAlignedLength / KernelBlocks.InferenceChunk,
                    hidden);
            }

            IEnumerable<GeneratedNumber> specific = layer.Layer.Type switch
            {
                LayerType.Dense => Dense(layer),
                LayerType.Conv2D or LayerType.MaxPool2D or LayerType.AveragePooling2D => Window(layer),
                _ => System.Array.Empty<GeneratedNumber>(),
            };
            foreach (GeneratedNumber number in specific)
            {
                yield return number;
            }
        }
    }

    /// <summary>The first number that does not fit, as DN0013 on its layer (or the [Input]); true when all fit.</summary>
    public static bool Check(NetworkSpec spec, NetworkGeometry geometry, List<DiagnosticInfo> diagnostics)
    {
        foreach (GeneratedNumber number in All(geometry))
        {
            if (number.Fits)
            {
                continue;
            }

            LocationInfo? location = number.LayerIndex == 0 ? spec.Input.Location : spec.Layers[number.LayerIndex - 1].Location;
            string where = number.LayerIndex == 0 ? "[Input]" : spec.Layers[number.LayerIndex - 1].Describe(number.LayerIndex - 1);
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.NetworkTooLarge,
                location,
                spec.ClassName,
                where,
                WideMath.Format(number.Limit),
                number.Quantity,
                WideMath.Format(number.Value)));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The Dense kernels work on blocks of 4 samples and 4 units with constant offsets r · inputs and r · units
    /// (r &lt; 4) written as int literals, whatever the batch: 4 · inputs and 4 · units must be ints. The 6-sample
    /// forward blocks of AVX-512 hardware (<see cref="KernelBlocks.WideRowBlock"/>) reach 5 · inputs in native-size
    /// integers and (5 · units) + 3 in int, so 6 · units must be an int too (only where such blocks are planned). The
    /// 6-unit weight-gradient blocks (layers of 6 units or more) and the 6-sample input-gradient blocks (layers after the
    /// first with 4 units or more) store rows at 5 · inputs computed in int, so there 6 · inputs must be an int as well
    /// (a Dense(4) after a Flatten of 430 million values would otherwise pass every other limit).
    /// </summary>
    private static IEnumerable<GeneratedNumber> Dense(LayerGeometry layer)
    {
        int block = System.Math.Max(KernelBlocks.RowBlock, KernelBlocks.UnitBlock);
        string blockText = block.ToString(CultureInfo.InvariantCulture);
        yield return new GeneratedNumber(layer.Index, "for " + blockText + " × the inputs (the offsets in the " + blockText + "-sample kernels are int constants)", MaxInt, WideMath.Multiply(block, layer.Input.Size));
        yield return new GeneratedNumber(layer.Index, "for " + blockText + " × the units (the offsets in the " + blockText + "-sample kernels are int constants)", MaxInt, WideMath.Multiply(block, layer.Output.Size));
        string wide = KernelBlocks.WideRowBlock.ToString(CultureInfo.InvariantCulture);
        if (layer.Output.Size >= KernelBlocks.WideForwardUnits)
        {
            yield return new GeneratedNumber(layer.Index, "for " + wide + " × the units (the offsets in the " + wide + "-sample kernels of AVX-512 hardware are int constants)", MaxInt, WideMath.Multiply(KernelBlocks.WideRowBlock, layer.Output.Size));
        }

        if (layer.Output.Size >= KernelBlocks.WideUnitBlock || (layer.Output.Size >= KernelBlocks.WideForwardUnits && layer.Index > 1))
        {
            yield return new GeneratedNumber(layer.Index, "for " + wide + " × the inputs (the row offsets of the " + wide + "-row gradient blocks of AVX-512 hardware are int expressions)", MaxInt, WideMath.Multiply(KernelBlocks.WideRowBlock, layer.Input.Size));
        }
    }

    /// <summary>
    /// Conv2D, MaxPool2D and AveragePooling2D keep every side, the kernel, the stride and the padding as int constants and compute
    /// window positions from them: iy = oy · Stride − PadTop + ky, the four-pixel block's ixLeft + 3 · Stride + Kernel
    /// and (3 · Stride · InC) + c and (3 · Filters) + f, and channel loops that step by up to four vectors of 16.
    /// </summary>
    private static IEnumerable<GeneratedNumber> Window(LayerGeometry layer)
    {
        int l = layer.Index;
        long step = WideMath.Multiply(KernelBlocks.PixelBlock, layer.Stride);
        foreach (GeneratedNumber number in Sides(l, layer.Output, "output"))
        {
            yield return number;
        }

        yield return new GeneratedNumber(l, "for the window rows (input height + top padding + " + KernelBlocks.PixelBlock + " × stride + kernel)", MaxInt, WideMath.Add(WideMath.Add(layer.Input.Height, layer.PadTop), WideMath.Add(step, layer.Kernel)));
        yield return new GeneratedNumber(l, "for the window columns (input width + left padding + " + KernelBlocks.PixelBlock + " × stride + kernel)", MaxInt, WideMath.Add(WideMath.Add(layer.Input.Width, layer.PadLeft), WideMath.Add(step, layer.Kernel)));
        long vectorStep = KernelBlocks.VectorsPerStep * KernelBlocks.WidestVector;
        yield return new GeneratedNumber(l, "for the input channels + " + vectorStep + " (the channel loops step by up to " + KernelBlocks.VectorsPerStep + " vectors)", MaxInt, WideMath.Add(layer.Input.Channels, vectorStep));
        if (layer.Layer.Type == LayerType.Conv2D)
        {
            yield return new GeneratedNumber(l, "for the filters + " + vectorStep + " (the filter loops step by up to " + KernelBlocks.VectorsPerStep + " vectors)", MaxInt, WideMath.Add(layer.Output.Channels, vectorStep));
            yield return new GeneratedNumber(l, "for " + KernelBlocks.WidePixelBlock + " × the filters (the offsets of a six-pixel or six-row block's outputs)", MaxInt, WideMath.Multiply(KernelBlocks.WidePixelBlock, layer.Output.Channels));
            yield return new GeneratedNumber(l, "for " + KernelBlocks.WidePixelBlock + " × input channels (the offsets of a six-pixel input-gradient block)", MaxInt, WideMath.Multiply(KernelBlocks.WidePixelBlock, layer.Input.Channels));
            yield return new GeneratedNumber(l, "for " + KernelBlocks.PixelBlock + " × stride × input channels (the offsets of a four-pixel block's inputs)", MaxInt, WideMath.Multiply(step, layer.Input.Channels));
        }
    }

    /// <summary>Height, width and channels are int constants (InH, OutW, Filters, …).</summary>
    private static IEnumerable<GeneratedNumber> Sides(int layerIndex, Extent shape, string which)
    {
        yield return new GeneratedNumber(layerIndex, "for the " + which + " height", MaxInt, shape.Height);
        yield return new GeneratedNumber(layerIndex, "for the " + which + " width", MaxInt, shape.Width);
        yield return new GeneratedNumber(layerIndex, "for the " + which + " channels", MaxInt, shape.Channels);
    }
}
