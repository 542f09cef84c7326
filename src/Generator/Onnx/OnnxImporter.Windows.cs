using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Onnx;

/// <summary>The importer's sliding-window layers: Conv and the pools, with their strides and padding.</summary>
internal sealed partial class OnnxImporter
{
    private void Conv(int index, OnnxNode node)
    {
        RequireChannelsFirstImage(index);
        OnnxTensor w = Weight(index, 1, 4);
        int filters = (int)w.Dims[0], channels = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
        if (IntAttribute(node, "group", 1) != 1)
        {
            throw Unsupported(index, "group = 1 (Dendrite's Conv2D is dense over channels)", "group = " + IntAttribute(node, "group", 1));
        }

        if (channels != _channels)
        {
            throw Unsupported(index, "a kernel reading the " + _channels + " channels of its input", "weights of shape " + w.DescribeShape());
        }

        if (kh != kw)
        {
            throw Unsupported(index, "a square kernel", "kernel " + kh + "×" + kw);
        }

        RequireOnes(index, node, "dilations");
        int stride = Stride(index, node);
        PaddingKind padding = Padding(index, node, kh, stride);
        float[] bias = node.Inputs.Count > 2 && node.Inputs[2].Length > 0 ? Bias(index, 2, filters) : new float[filters];

        // ONNX: W[f][c][y][x] (OIHW). Dendrite: [y][x][c][f].
        var kernel = new float[w.Floats.Length];
        for (int f = 0; f < filters; f++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int y = 0; y < kh; y++)
                {
                    for (int x = 0; x < kw; x++)
                    {
                        kernel[(((((y * kw) + x) * channels) + c) * filters) + f] = w.Floats[(((((f * channels) + c) * kh) + y) * kw) + x];
                    }
                }
            }
        }

        AddLayer(new LayerSpec(LayerType.Conv2D, filters, ActivationKind.Linear, null, kh, stride, padding), index, activationOpen: true, kernel, bias);
        Resize(kh, stride, padding);
        _channels = filters;
        Advance(index);
    }

    private void Pool(int index, OnnxNode node)
    {
        RequireChannelsFirstImage(index);
        List<long> kernel = node.Attributes.TryGetValue("kernel_shape", out OnnxAttribute? k) ? k.Ints : new List<long>();
        if (kernel.Count != 2 || kernel[0] != kernel[1] || kernel[0] <= 0 || kernel[0] > int.MaxValue)
        {
            throw Unsupported(index, "a square kernel_shape [k, k]", "kernel_shape [" + string.Join(", ", kernel) + "]");
        }

        if (IntAttribute(node, "ceil_mode", 0) != 0)
        {
            throw Unsupported(index, "ceil_mode = 0", "ceil_mode = 1");
        }

        if (IntAttribute(node, "storage_order", 0) != 0)
        {
            throw Unsupported(index, "storage_order = 0", "storage_order = 1");
        }

        RequireOnes(index, node, "dilations");
        int size = (int)kernel[0];
        int stride = Stride(index, node);
        PaddingKind padding = Padding(index, node, size, stride);
        bool average = node.OpType == "AveragePool";
        if (average && padding == PaddingKind.Same && IntAttribute(node, "count_include_pad", 0) != 0 && HasPads(node))
        {
            throw Unsupported(index, "count_include_pad = 0 (Dendrite averages over the cells inside the image, as TensorFlow's Same does)", "count_include_pad = 1");
        }

        AddLayer(new LayerSpec(average ? LayerType.AveragePooling2D : LayerType.MaxPool2D, 0, ActivationKind.Linear, null, size, stride, padding), index, activationOpen: false);
        Resize(size, stride, padding);
        Advance(index);
    }

    private void Resize(int size, int stride, PaddingKind padding)
    {
        _height = padding == PaddingKind.Same ? ((_height + stride - 1) / stride) : ((_height - size) / stride) + 1;
        _width = padding == PaddingKind.Same ? ((_width + stride - 1) / stride) : ((_width - size) / stride) + 1;
    }

    private int Stride(int index, OnnxNode node)
    {
        List<long> strides = node.Attributes.TryGetValue("strides", out OnnxAttribute? s) ? s.Ints : new List<long> { 1, 1 };
        if (strides.Count != 2 || strides[0] != strides[1] || strides[0] <= 0 || strides[0] > int.MaxValue)
        {
            throw Unsupported(index, "equal strides [s, s]", "strides [" + string.Join(", ", strides) + "]");
        }

        return (int)strides[0];
    }

    /// <summary>Valid (no padding) or TensorFlow's Same (the smaller half of the padding first), from auto_pad or pads.</summary>
    private PaddingKind Padding(int index, OnnxNode node, int size, int stride)
    {
        if (size > _height || size > _width)
        {
            throw Unsupported(index, "a window no larger than its " + _height + "×" + _width + " input", "a " + size + "×" + size + " window");
        }

        string autoPad = node.Attributes.TryGetValue("auto_pad", out OnnxAttribute? a) ? a.String : "NOTSET";
        if (autoPad == "VALID")
        {
            return PaddingKind.Valid;
        }

        if (autoPad == "SAME_UPPER")
        {
            return PaddingKind.Same;
        }

        if (autoPad is not ("NOTSET" or ""))
        {
            throw Unsupported(index, "auto_pad NOTSET, VALID or SAME_UPPER", "auto_pad " + autoPad);
        }

        List<long> pads = node.Attributes.TryGetValue("pads", out OnnxAttribute? p) ? p.Ints : new List<long> { 0, 0, 0, 0 };
        if (pads.Count == 4 && pads.All(v => v == 0))
        {
            return PaddingKind.Valid;
        }

        (int top, int bottom) = SamePads(_height, size, stride);
        (int left, int right) = SamePads(_width, size, stride);
        if (pads.Count == 4 && pads[0] == top && pads[1] == left && pads[2] == bottom && pads[3] == right)
        {
            return PaddingKind.Same;
        }

        throw Unsupported(index, "pads [0, 0, 0, 0] (Valid) or [" + top + ", " + left + ", " + bottom + ", " + right + "] (Same: the output has ⌈input / stride⌉ cells, the smaller half of the padding first)",
            "pads [" + string.Join(", ", pads) + "]");
    }

    private static (int Before, int After) SamePads(int input, int size, int stride)
    {
        (long before, long after) = Planning.NetworkGeometry.SamePadding(input, size, stride);
        return ((int)before, (int)after);
    }

    private static bool HasPads(OnnxNode node) =>
        node.Attributes.TryGetValue("auto_pad", out OnnxAttribute? a) && a.String == "SAME_UPPER"
        || (node.Attributes.TryGetValue("pads", out OnnxAttribute? p) && p.Ints.Any(v => v != 0));
}
