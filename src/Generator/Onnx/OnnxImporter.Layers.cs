using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Onnx;

/// <summary>The walk's step: which nodes read the current tensor, and the layer, activation or no-op they make.</summary>
internal sealed partial class OnnxImporter
{
    private int _flat;

    private void Step(List<int> next)
    {
        if ((next.Count == 2 && (TrySiLU(next) || TryGelu(next))) || TryElementwiseActivation(next))
        {
            return;
        }

        if (next.Count > 1)
        {
            throw Unsupported(next[1], "one node reading tensor '" + _current + "' (or the two of SiLU's x·σ(x) or GELU's x·Φ(x))",
                next.Count + " nodes reading it: " + string.Join(", ", next.Select(i => _graph.Nodes[i].Describe(i) + " (" + _graph.Nodes[i].OpType + ")")));
        }

        int index = next[0];
        OnnxNode node = _graph.Nodes[index];
        if (node.Domain.Length != 0 && node.Domain != "ai.onnx")
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxUnsupportedOperator, node.Describe(index), _file, node.Domain + ":" + node.OpType, SupportedOperators);
        }

        if (node.Inputs.Count == 0 || node.Inputs[0] != _current || node.Outputs.Count == 0)
        {
            throw Unsupported(index, "tensor '" + _current + "' as the node's first input", "it as input " + node.Inputs.IndexOf(_current));
        }

        _visited[index] = true;
        switch (node.OpType)
        {
            case "Identity":
            case "Dropout":
                Advance(index);
                break;
            case "Transpose":
                Transpose(index, node);
                break;
            case "Pad":
                // PyTorch writes a Pad of zeros before some pools; any real padding is not a Dendrite layer.
                long[] pads = node.Inputs.Count > 1 && _constants.TryGetValue(node.Inputs[1], out OnnxTensor? p) && p.DataType == OnnxTensor.Int64 ? p.Longs : new long[] { -1 };
                if (pads.Any(v => v != 0))
                {
                    throw Unsupported(index, "a Pad of zero cells (Conv and pool padding are their own pads attribute)", "pads [" + string.Join(", ", pads) + "]");
                }

                Advance(index);
                break;
            case "Flatten":
                long axis = IntAttribute(node, "axis", 1);
                if (axis != 1 && !(_image && axis == -3))
                {
                    throw Unsupported(index, "axis = 1 (keep the batch, flatten the rest)", "axis = " + axis);
                }

                FlattenTo(index, node);
                break;
            case "Reshape":
                Reshape(index, node);
                break;
            case "Gemm":
                Gemm(index, node);
                break;
            case "MatMul":
                MatMul(index, node);
                break;
            case "Conv":
                Conv(index, node);
                break;
            case "MaxPool":
            case "AveragePool":
                Pool(index, node);
                break;
            case "GlobalAveragePool":
                RequireChannelsFirstImage(index);
                AddLayer(new LayerSpec(LayerType.GlobalAveragePooling2D, 0, ActivationKind.Linear, null), index, activationOpen: false);
                _image = false;
                _flat = _channels;
                Advance(index);
                break;
            case "BatchNormalization":
                BatchNormalization(index, node);
                break;
            case "Relu":
                Activate(index, ActivationKind.ReLU);
                break;
            case "Sigmoid":
                Activate(index, ActivationKind.Sigmoid);
                break;
            case "Tanh":
                Activate(index, ActivationKind.Tanh);
                break;
            case "Softplus":
                Activate(index, ActivationKind.Softplus);
                break;
            case "Softmax":
                long softmaxAxis = IntAttribute(node, "axis", -1);
                if (_image || (softmaxAxis != -1 && softmaxAxis != 1))
                {
                    throw Unsupported(index, "Softmax over the features of a [batch, n] tensor (axis = -1 or 1)", _image ? "an image input" : "axis = " + softmaxAxis);
                }

                Activate(index, ActivationKind.Softmax);
                break;
            case "LeakyRelu":
                Activate(index, ActivationKind.LeakyReLU, FloatAttribute(node, "alpha", 0.01f));
                break;
            case "Elu":
                float alpha = FloatAttribute(node, "alpha", 1f);
                if (alpha != 1f)
                {
                    throw Unsupported(index, "alpha = 1 (Dendrite's ELU)", "alpha = " + Number(alpha));
                }

                Activate(index, ActivationKind.ELU);
                break;
            case "Gelu":
                string approximate = node.Attributes.TryGetValue("approximate", out OnnxAttribute? a) ? a.String : "none";
                if (approximate is not ("none" or "tanh"))
                {
                    throw Unsupported(index, "approximate = \"none\" or \"tanh\"", "approximate = \"" + approximate + "\"");
                }

                Activate(index, approximate == "tanh" ? ActivationKind.GELUTanh : ActivationKind.GELU);
                break;
            default:
                throw new OnnxImportException(DiagnosticDescriptors.OnnxUnsupportedOperator, node.Describe(index), _file, node.OpType, SupportedOperators);
        }
    }

    /// <summary>Moves the walk to the node's first output; its other outputs (a mask, pool indices, BN statistics) must be unused.</summary>
    private void Advance(int index)
    {
        OnnxNode node = _graph.Nodes[index];
        for (int o = 1; o < node.Outputs.Count; o++)
        {
            if (node.Outputs[o].Length > 0 && (Consumers(node.Outputs[o]).Count > 0 || _graph.Outputs.Any(output => output.Name == node.Outputs[o])))
            {
                throw Unsupported(index, "only the first output used", "output '" + node.Outputs[o] + "' read as well");
            }
        }

        _current = node.Outputs[0];
    }

    private void AddLayer(LayerSpec spec, int index, bool activationOpen, float[]? weights = null, float[]? biases = null)
    {
        _layers.Add(new ImportedLayer(spec, _graph.Nodes[index].Describe(index))
        {
            Weights = weights ?? System.Array.Empty<float>(),
            Biases = biases ?? System.Array.Empty<float>(),
        });
        _activationOpen = activationOpen;
    }

    private void Transpose(int index, OnnxNode node)
    {
        long[] perm = Perm(node).ToArray();
        if (_image && !_channelsLast && perm.SequenceEqual(new long[] { 0, 2, 3, 1 }))
        {
            _channelsLast = true;
        }
        else if (_image && _channelsLast && perm.SequenceEqual(new long[] { 0, 3, 1, 2 }))
        {
            _channelsLast = false;
        }
        else
        {
            throw Unsupported(index, "a Transpose that only changes an image's layout: perm [0, 3, 1, 2] from NHWC or [0, 2, 3, 1] from NCHW",
                "perm [" + string.Join(", ", perm) + "] on " + (_image ? (_channelsLast ? "an NHWC image" : "an NCHW image") : "a [batch, n] tensor"));
        }

        Advance(index);
    }

    private void FlattenTo(int index, OnnxNode node)
    {
        if (_image)
        {
            int h = _height, w = _width, c = _channels;
            if (!_channelsLast && c > 1 && h * w > 1)
            {
                // ONNX flattens (c, y, x) to c·H·W + y·W + x; Dendrite flattens (y, x, c) to (y·W + x)·C + c.
                _permutation = new int[h * w * c];
                for (int y = 0; y < h; y++)
                {
                    for (int x = 0; x < w; x++)
                    {
                        for (int ch = 0; ch < c; ch++)
                        {
                            _permutation[(((y * w) + x) * c) + ch] = (ch * h * w) + (y * w) + x;
                        }
                    }
                }
            }

            AddLayer(new LayerSpec(LayerType.Flatten, 0, ActivationKind.Linear, null), index, _activationOpen);
            _image = false;
            _channelsLast = false;
            _flat = h * w * c;
        }

        Advance(index);
    }

    private void Reshape(int index, OnnxNode node)
    {
        long total = _image ? (long)_height * _width * _channels : _flat;
        long[] shape = node.Inputs.Count > 1 && _constants.TryGetValue(node.Inputs[1], out OnnxTensor? t) && t.DataType == OnnxTensor.Int64 ? t.Longs : new long[0];
        // [0, -1] and [-1, n] keep the batch; [b, -1] with a fixed b is how an export without dynamic axes writes it.
        bool flat = shape.Length == 2 && ((shape[1] == total && shape[0] >= -1) || (shape[1] == -1 && shape[0] >= 0));
        if (!flat)
        {
            throw Unsupported(index, "a Reshape to [batch, " + total + "] given as a constant shape such as [-1, " + total + "] or [0, -1]",
                shape.Length == 0 ? "a shape computed in the graph" : "shape [" + string.Join(", ", shape) + "]");
        }

        FlattenTo(index, node);
    }

    private void Gemm(int index, OnnxNode node)
    {
        RequireFlat(index, "Gemm");
        if (IntAttribute(node, "transA", 0) != 0)
        {
            throw Unsupported(index, "transA = 0", "transA = 1");
        }

        bool transB = IntAttribute(node, "transB", 0) != 0;
        float alpha = FloatAttribute(node, "alpha", 1f), beta = FloatAttribute(node, "beta", 1f);
        OnnxTensor b = Weight(index, 1, 2);
        int units = (int)(transB ? b.Dims[0] : b.Dims[1]);
        float[]? bias = node.Inputs.Count > 2 && node.Inputs[2].Length > 0 ? Bias(index, 2, units) : null;
        AddDense(index, b, transB, alpha, bias, beta);
        Advance(index);
    }

    private void MatMul(int index, OnnxNode node)
    {
        RequireFlat(index, "MatMul");
        OnnxTensor b = Weight(index, 1, 2);
        int units = (int)b.Dims[1];

        // MatMul followed by Add(bias) is how Linear layers are exported without Gemm.
        float[]? bias = null;
        int last = index;
        List<int> readers = Consumers(node.Outputs[0]);
        if (readers.Count == 1 && _graph.Nodes[readers[0]] is { OpType: "Add", Domain: "" } add && add.Inputs.Count == 2)
        {
            string other = add.Inputs[0] == node.Outputs[0] ? add.Inputs[1] : add.Inputs[0];
            if (_constants.ContainsKey(other))
            {
                bias = Bias(readers[0], add.Inputs.IndexOf(other), units);
                _visited[readers[0]] = true;
                last = readers[0];
            }
        }

        AddDense(index, b, transposed: false, 1f, bias, 1f);
        Advance(last);
    }

    private void AddDense(int index, OnnxTensor b, bool transposed, float alpha, float[]? bias, float beta)
    {
        int units = (int)(transposed ? b.Dims[0] : b.Dims[1]);
        int inputs = (int)(transposed ? b.Dims[1] : b.Dims[0]);
        if (inputs != _flat)
        {
            throw Unsupported(index, "a weight matrix reading the " + _flat + " values the layer before produces", "weights of shape " + b.DescribeShape());
        }

        var weights = new float[(long)units * inputs];
        for (int u = 0; u < units; u++)
        {
            for (int d = 0; d < inputs; d++)
            {
                int source = _permutation is null ? d : _permutation[d];
                float value = transposed ? b.Floats[((long)u * inputs) + source] : b.Floats[((long)source * units) + u];
                weights[((long)u * inputs) + d] = alpha == 1f ? value : alpha * value;
            }
        }

        var biases = new float[units];
        if (bias is not null)
        {
            for (int u = 0; u < units; u++)
            {
                biases[u] = beta == 1f ? bias[u] : beta * bias[u];
            }
        }

        _permutation = null;
        AddLayer(new LayerSpec(LayerType.Dense, units, ActivationKind.Linear, null), index, activationOpen: true, weights, biases);
        _flat = units;
    }

    private void BatchNormalization(int index, OnnxNode node)
    {
        int channels = _image ? _channels : _flat;
        if (_image && _channelsLast)
        {
            RequireChannelsFirstImage(index);
        }

        if (IntAttribute(node, "training_mode", 0) != 0)
        {
            throw Unsupported(index, "training_mode = 0 (an inference graph)", "training_mode = 1");
        }

        ImportedLayer? before = _layers.Count > 0 ? _layers[_layers.Count - 1] : null;
        if (before is null || before.Spec.Type is not (LayerType.Dense or LayerType.Conv2D))
        {
            throw Unsupported(index, "BatchNormalization straight after Gemm, MatMul or Conv (Dendrite normalises the layer before it)",
                before is null ? "it first" : "it after " + before.Spec.Type);
        }

        float[] gamma = Bias(index, 1, channels), beta = Bias(index, 2, channels), mean = Bias(index, 3, channels), variance = Bias(index, 4, channels);
        double epsilon = FloatAttribute(node, "epsilon", 1e-5f);

        // Dendrite's ε is Keras' 0.001. γ/√(σ² + ε) is kept exactly: σ'² = σ² + ε − 0.001 when that is ≥ 0, otherwise
        // σ'² = 0 and γ' = γ·√(0.001 / (σ² + ε)).
        var adjusted = new float[channels];
        var scaled = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double total = variance[c] + epsilon;
            double shifted = total - BatchNormalizationLayerPlan.Epsilon;
            if (shifted >= 0)
            {
                adjusted[c] = (float)shifted;
                scaled[c] = gamma[c];
            }
            else
            {
                adjusted[c] = 0f;
                scaled[c] = (float)(gamma[c] * System.Math.Sqrt(BatchNormalizationLayerPlan.Epsilon / total));
            }
        }

        AddLayer(new LayerSpec(LayerType.BatchNormalization, 0, ActivationKind.Linear, null), index, activationOpen: true, scaled, beta);
        _layers[_layers.Count - 1].Mean = mean;
        _layers[_layers.Count - 1].Variance = adjusted;
        Advance(index);
    }

    private void Activate(int index, ActivationKind activation, float slope = 0f)
    {
        ImportedLayer? last = _layers.Count > 0 ? _layers[_layers.Count - 1] : null;
        if (!_activationOpen || last is null)
        {
            throw Unsupported(index, "an activation right after Gemm, MatMul, Conv or BatchNormalization (Dendrite applies it as that layer's activation)",
                last is null ? "it before any layer" : "it after " + (last.Spec.Activation == ActivationKind.Linear ? last.Spec.Type.ToString() : "another activation"));
        }

        LayerSpec layer = (last.Spec.Type == LayerType.Flatten ? _layers[_layers.Count - 2] : last).Spec;
        if (layer.Type == LayerType.BatchNormalization && ActivationTraits.DerivativeNeedsZ(activation))
        {
            throw Unsupported(index, "an activation BatchNormalization can carry (ReLU, LeakyReLU, Sigmoid, Tanh, Softmax)", activation.ToString());
        }

        ImportedLayer target = last.Spec.Type == LayerType.Flatten ? _layers[_layers.Count - 2] : last;
        target.Spec = target.Spec with { Activation = activation, Slope = activation == ActivationKind.LeakyReLU ? slope : 0f };
        _activationOpen = false;
        Advance(index);
    }
}
