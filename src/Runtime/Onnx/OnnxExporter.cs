using System;
using System.Collections.Generic;
using System.Globalization;

namespace Dendrite.Onnx;

/// <summary>
/// Maps a network's architecture and current values onto an ONNX graph, layer by layer (docs/onnx.md, "Export").
/// Tensors between nodes are [N, features] for vectors and NCHW for images, ONNX's convention; the graph input takes
/// images channels-last as Dendrite does and transposes them once, and a Transpose back to NHWC before each flatten
/// keeps Dendrite's HWC flatten order, so Dense weights are written as they are.
/// </summary>
internal sealed class OnnxExporter
{
    /// <summary>BatchNormalization's ε, the generator's BatchNormalizationLayerPlan.Epsilon (Keras' default).</summary>
    private const float BatchNormalizationEpsilon = 0.001f;

    private readonly OnnxGraph _graph;
    private readonly float[] _parameters;
    private readonly float[] _nonTrainable;
    private int _nonTrainableOffset;

    /// <summary>The tensor the next layer reads.</summary>
    private string _current;

    /// <summary>Whether <see cref="_current"/> is an NCHW image (otherwise [N, features]).</summary>
    private bool _isImage;

    private OnnxExporter(NetworkArchitecture architecture, float[] parameters, float[] nonTrainable)
    {
        _parameters = parameters;
        _nonTrainable = nonTrainable;
        TensorShape input = architecture.InputShape;
        bool imageInput = StartsWithImageLayer(architecture);
        long[] inputShape = imageInput ? [input.Height, input.Width, input.Channels] : [input.Size];
        _graph = new OnnxGraph(architecture.Name, "input", inputShape);
        _current = _graph.InputName;
        if (imageInput)
        {
            // Dendrite's NHWC input → ONNX's NCHW.
            _current = _graph.Add("input_nchw", "Transpose", [_current], OnnxAttribute.Of("perm", 0L, 3L, 1L, 2L));
            _isImage = true;
        }
    }

    /// <summary>The graph of <paramref name="architecture"/> with these parameter and non-trainable values.</summary>
    public static OnnxGraph Build(NetworkArchitecture architecture, float[] parameters, float[] nonTrainable)
    {
        var exporter = new OnnxExporter(architecture, parameters, nonTrainable);
        IReadOnlyList<LayerInfo> layers = architecture.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            exporter.AddLayer(layers[i], "layer" + (i + 1).ToString(CultureInfo.InvariantCulture));
        }

        // The output layer is Dense (the generator refuses any other, DN0033), so the last tensor is [N, OutputSize] and
        // a softmax on it runs over the last axis, as Dendrite's does.
        exporter._graph.SetOutput(exporter._current, "output", [architecture.OutputSize]);
        return exporter._graph;
    }

    /// <summary>Whether the first layer reads an image (the graph input is then NHWC), not a vector.</summary>
    private static bool StartsWithImageLayer(NetworkArchitecture architecture) => architecture.Layers[0].Kind switch
    {
        LayerKind.Conv2D or LayerKind.MaxPool2D or LayerKind.AveragePooling2D or LayerKind.GlobalAveragePooling2D or LayerKind.Flatten => true,
        _ => !architecture.InputShape.IsVector && architecture.Layers[0].Kind != LayerKind.Dense,
    };

    private void AddLayer(LayerInfo layer, string name)
    {
        switch (layer.Kind)
        {
            case LayerKind.Dense:
                Dense(layer, name);
                break;
            case LayerKind.Conv2D:
                Conv(layer, name);
                break;
            case LayerKind.MaxPool2D:
                Pool(layer, name, "MaxPool");
                break;
            case LayerKind.AveragePooling2D:
                Pool(layer, name, "AveragePool", OnnxAttribute.Of("count_include_pad", 0L));
                break;
            case LayerKind.GlobalAveragePooling2D:
                RequireImage(layer);
                _current = _graph.Add(name + "_globalaveragepool", "GlobalAveragePool", [_current]);
                _current = _graph.Add(name + "_flatten", "Flatten", [_current], OnnxAttribute.Of("axis", 1L));
                _isImage = false;
                break;
            case LayerKind.Flatten:
                ToVector(name);
                break;
            case LayerKind.Dropout:
                break; // the identity in inference
            case LayerKind.BatchNormalization:
                BatchNormalization(layer, name);
                break;
            default:
                throw new NotSupportedException($"Layer kind {layer.Kind} has no ONNX export.");
        }

        _current = OnnxActivationNodes.Apply(_graph, layer, _current, name);
    }

    // Z = A·Wᵀ + b: Gemm with transB = 1 takes W as Dendrite stores it, [units, inputs] row-major.
    private void Dense(LayerInfo layer, string name)
    {
        ToVector(name);
        int units = layer.OutputShape.Size, inputs = layer.InputShape.Size;
        string weights = _graph.Constant(name + ".weight", [units, inputs], Slice(layer.WeightOffset, layer.WeightCount));
        string biases = _graph.Constant(name + ".bias", [units], Slice(layer.BiasOffset, layer.BiasCount));
        _current = _graph.Add(name + "_gemm", "Gemm", [_current, weights, biases], OnnxAttribute.Of("transB", 1L));
    }

    // Dendrite's kernels are HWIO (kh, kw, cin, filters); ONNX's Conv wants OIHW.
    private void Conv(LayerInfo layer, string name)
    {
        RequireImage(layer);
        int k = layer.KernelSize, inChannels = layer.InputShape.Channels, filters = layer.OutputShape.Channels;
        float[] hwio = Slice(layer.WeightOffset, layer.WeightCount);
        var oihw = new float[hwio.Length];
        for (int ky = 0; ky < k; ky++)
        {
            for (int kx = 0; kx < k; kx++)
            {
                for (int c = 0; c < inChannels; c++)
                {
                    for (int f = 0; f < filters; f++)
                    {
                        oihw[(((((f * inChannels) + c) * k) + ky) * k) + kx] = hwio[(((((ky * k) + kx) * inChannels) + c) * filters) + f];
                    }
                }
            }
        }

        string weights = _graph.Constant(name + ".weight", [filters, inChannels, k, k], oihw);
        string biases = _graph.Constant(name + ".bias", [filters], Slice(layer.BiasOffset, layer.BiasCount));
        _current = _graph.Add(name + "_conv", "Conv", [_current, weights, biases], WindowAttributes(layer));
    }

    private void Pool(LayerInfo layer, string name, string opType, params OnnxAttribute[] extra)
    {
        RequireImage(layer);
        _current = _graph.Add(name + "_" + opType.ToLowerInvariant(), opType, [_current], [.. WindowAttributes(layer), .. extra]);
    }

    /// <summary>
    /// kernel_shape, strides and pads [top, left, bottom, right]. Same pads as TensorFlow does: in total
    /// max((out − 1)·stride + kernel − in, 0) per axis, the smaller half before; Valid pads nothing. ONNX's MaxPool
    /// ignores padded cells, and AveragePool with count_include_pad = 0 averages over the cells inside the image, as
    /// Dendrite does.
    /// </summary>
    private static OnnxAttribute[] WindowAttributes(LayerInfo layer)
    {
        int k = layer.KernelSize, s = layer.Stride;
        (int top, int bottom) = Pads(layer.InputShape.Height, layer.OutputShape.Height, k, s, layer.Padding);
        (int left, int right) = Pads(layer.InputShape.Width, layer.OutputShape.Width, k, s, layer.Padding);
        return
        [
            OnnxAttribute.Of("kernel_shape", k, (long)k),
            OnnxAttribute.Of("strides", s, (long)s),
            OnnxAttribute.Of("pads", top, left, bottom, (long)right),
        ];
    }

    private static (int Before, int After) Pads(int input, int output, int window, int stride, Padding padding)
    {
        if (padding != Padding.Same)
        {
            return (0, 0);
        }

        int total = Math.Max(((output - 1) * stride) + window - input, 0);
        return (total / 2, total - (total / 2));
    }

    // Y = γ·(X − moving μ)/√(moving σ² + ε) + β per channel (axis 1, NCHW or [N, C]); Dendrite keeps γ where a layer's
    // weights go, β where its biases go, and per BatchNormalization layer its moving means then its moving variances.
    private void BatchNormalization(LayerInfo layer, string name)
    {
        int channels = layer.BiasCount;
        string gamma = _graph.Constant(name + ".weight", [channels], Slice(layer.WeightOffset, channels));
        string beta = _graph.Constant(name + ".bias", [channels], Slice(layer.BiasOffset, channels));
        string mean = _graph.Constant(name + ".running_mean", [channels], _nonTrainable.AsSpan(_nonTrainableOffset, channels).ToArray());
        string variance = _graph.Constant(name + ".running_var", [channels], _nonTrainable.AsSpan(_nonTrainableOffset + channels, channels).ToArray());
        _nonTrainableOffset += layer.NonTrainableParameterCount;
        _current = _graph.Add(name + "_batchnormalization", "BatchNormalization", [_current, gamma, beta, mean, variance],
            OnnxAttribute.Of("epsilon", BatchNormalizationEpsilon));
    }

    /// <summary>An NCHW image becomes [N, H·W·C] in Dendrite's HWC order: Transpose to NHWC, then Flatten.</summary>
    private void ToVector(string name)
    {
        if (!_isImage)
        {
            return;
        }

        string nhwc = _graph.Add(name + "_nhwc", "Transpose", [_current], OnnxAttribute.Of("perm", 0L, 2L, 3L, 1L));
        _current = _graph.Add(name + "_flatten", "Flatten", [nhwc], OnnxAttribute.Of("axis", 1L));
        _isImage = false;
    }

    /// <summary>
    /// Checks that the next layer reads an image. It always does: the graph input is NHWC when the first layer is an
    /// image layer, and the generator refuses an image layer after a flat one (DN0030–DN0033), so no Reshape back to an
    /// image is ever needed.
    /// </summary>
    private void RequireImage(LayerInfo layer)
    {
        if (!_isImage)
        {
            throw new InvalidOperationException($"{layer.Describe()} reads an image, but the export has a flat tensor there.");
        }
    }

    private float[] Slice(int offset, int count) => _parameters.AsSpan(offset, count).ToArray();
}
