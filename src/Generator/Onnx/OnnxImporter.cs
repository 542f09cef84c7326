using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// Maps an ONNX graph onto Dendrite's layers. A Dendrite network is a chain, so the importer walks the graph as one:
/// from the graph's input, it looks at the nodes that read the current tensor, recognises a layer (Gemm, MatMul + Add,
/// Conv, pools, BatchNormalization, Flatten/Reshape), an activation folded into the layer before it (including GELU's
/// Erf decomposition and SiLU's x·σ(x), whose nodes read the tensor twice), or a node that only changes layout or does
/// nothing at inference (Transpose, Dropout, Identity), and moves on to that pattern's output, until it reaches the
/// graph's output. Every node must be on that walk (Constant nodes aside). Weights are converted on the way: OIHW
/// kernels to Dendrite's [kh][kw][c_in][filters], and the first Dense layer after a flatten of a channels-first (CHW)
/// feature map gets its input columns permuted to Dendrite's channels-last (HWC) order, so outputs match.
/// Anything else is an <see cref="OnnxImportException"/> carrying a DN0083–DN0087 diagnostic.
/// </summary>
internal sealed partial class OnnxImporter
{
    /// <summary>The oldest default-domain operator set read: 13 gave Softmax its one-axis meaning and Dropout/Flatten their present forms.</summary>
    public const int MinimumOpset = 13;

    /// <summary>What DN0084 lists.</summary>
    public const string SupportedOperators =
        "Gemm, MatMul (+ Add), Conv, MaxPool, AveragePool, GlobalAveragePool, BatchNormalization, Flatten, Reshape (to [batch, n]), "
        + "Transpose (NHWC↔NCHW layout only), Pad (of nothing), Relu, LeakyRelu, Elu, Sigmoid, Tanh, Softmax, Softplus, Gelu, "
        + "GELU, its tanh form and SiLU written as element-wise nodes (Mul, Add, Sub, Div, Pow, Erf, Tanh, Sigmoid), Dropout, Identity, Constant";

    private readonly OnnxGraph _graph;
    private readonly string _file;
    private readonly string _network;
    private readonly Dictionary<string, OnnxTensor> _constants = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _consumers = new(System.StringComparer.Ordinal);
    private readonly bool[] _visited;
    private readonly List<ImportedLayer> _layers = new();

    // The tensor the walk has reached, and what Dendrite knows of it.
    private string _current = string.Empty;
    private bool _image;
    private int _height, _width, _channels;

    // True while the ONNX tensor holds an image channels-last (NHWC): after an NHWC input before its Transpose, and
    // after the Transpose(0, 2, 3, 1) that precedes a flatten. Dendrite's own data is always channels-last.
    private bool _channelsLast;

    // After a flatten of a channels-first map: column d of Dendrite's (HWC) order is column _permutation[d] of ONNX's (CHW).
    private int[]? _permutation;

    // The last layer can still take an activation: it is Dense, Conv2D or BatchNormalization, linear, and only nodes
    // that change nothing at inference came after it.
    private bool _activationOpen;

    private OnnxImporter(OnnxGraph graph, string file, string network)
    {
        _graph = graph;
        _file = file;
        _network = network;
        _visited = new bool[graph.Nodes.Count];
    }

    /// <summary>Maps <paramref name="model"/>; throws <see cref="OnnxImportException"/> (only) when it cannot.</summary>
    public static ImportedNetwork Import(OnnxModel model, string file, string network)
    {
        long opset = -1;
        foreach ((string domain, long version) in model.Opsets)
        {
            if (domain.Length == 0 || domain == "ai.onnx")
            {
                opset = version;
            }
        }

        if (opset < MinimumOpset)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxOpsetTooOld, file, network, MinimumOpset, opset < 0 ? "no default-domain opset_import" : "opset " + opset);
        }

        var importer = new OnnxImporter(model.Graph!, file, network);
        InputSpec input = importer.Walk();
        string producer = model.ProducerName.Length == 0 ? "unknown producer" : (model.ProducerName + " " + model.ProducerVersion).Trim();
        return new ImportedNetwork(input, importer._layers, "opset " + opset + ", IR version " + model.IrVersion + ", produced by " + producer);
    }

    private InputSpec Walk()
    {
        foreach (OnnxTensor tensor in _graph.Initializers)
        {
            CheckInternal(tensor);
            _constants[tensor.Name] = tensor;
        }

        for (int i = 0; i < _graph.Nodes.Count; i++)
        {
            OnnxNode node = _graph.Nodes[i];
            if (node.OpType == "Constant" && node.Domain.Length == 0 && node.Outputs.Count == 1)
            {
                _visited[i] = true;
                _constants[node.Outputs[0]] = ConstantValue(node, i);
                continue;
            }

            foreach (string read in node.Inputs.Distinct())
            {
                if (!_consumers.TryGetValue(read, out List<int>? list))
                {
                    _consumers[read] = list = new List<int>();
                }

                list.Add(i);
            }
        }

        InputSpec input = ReadInput();
        while (true)
        {
            List<int> next = Consumers(_current);
            if (next.Count == 0)
            {
                break;
            }

            Step(next);
        }

        for (int i = 0; i < _graph.Nodes.Count; i++)
        {
            if (!_visited[i])
            {
                throw Unsupported(i, "every node on one chain from the input to the output (Dendrite networks have no branches)", "a node off that chain");
            }
        }

        CheckOutput();
        return input;
    }

    private List<int> Consumers(string tensor) =>
        _consumers.TryGetValue(tensor, out List<int>? list) ? list.Where(i => !_visited[i]).ToList() : new List<int>();

    private InputSpec ReadInput()
    {
        List<OnnxValueInfo> inputs = _graph.Inputs.Where(i => !_constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxFileInvalid, _file, _network,
                "the graph has " + inputs.Count + " inputs besides its weights (Dendrite networks take exactly one)");
        }

        OnnxValueInfo input = inputs[0];
        _current = input.Name;
        if (input.ElementType != OnnxTensor.Float)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxFileInvalid, _file, _network,
                "the input '" + input.Name + "' has element type " + input.ElementType + " (Dendrite reads float32, type 1)");
        }

        List<OnnxDimension> shape = input.Shape ?? new List<OnnxDimension>();
        for (int d = 1; d < shape.Count; d++)
        {
            if (shape[d].Value is not long value || value <= 0 || value > int.MaxValue)
            {
                throw new OnnxImportException(DiagnosticDescriptors.OnnxDynamicDimension, "input '" + input.Name + "'", _file, d + " (" + shape[d] + ")", Describe(shape));
            }
        }

        if (shape.Count == 2)
        {
            _flat = (int)shape[1].Value!.Value;
            return new InputSpec(1, 1, _flat, IsImage: false, null);
        }

        if (shape.Count != 4)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxFileInvalid, _file, _network,
                "the input '" + input.Name + "' has shape " + Describe(shape) + " (Dendrite reads [batch, n] vectors or [batch, C, H, W] images)");
        }

        // An NHWC input is one whose first reader is the Transpose(0, 3, 1, 2) Dendrite's exporter (and tf2onnx) put there.
        List<int> readers = Consumers(_current);
        bool nhwc = readers.Count == 1 && _graph.Nodes[readers[0]].OpType == "Transpose" && Perm(_graph.Nodes[readers[0]]).SequenceEqual(new long[] { 0, 3, 1, 2 });
        int a = (int)shape[1].Value!.Value, b = (int)shape[2].Value!.Value, c = (int)shape[3].Value!.Value;
        (_height, _width, _channels) = nhwc ? (a, b, c) : (b, c, a);
        _image = true;
        _channelsLast = nhwc;
        return new InputSpec(_height, _width, _channels, IsImage: true, null);
    }

    private void CheckOutput()
    {
        if (_graph.Outputs.Count != 1 || _graph.Outputs[0].Name != _current)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxFileInvalid, _file, _network,
                "the graph's outputs (" + string.Join(", ", _graph.Outputs.Select(o => "'" + o.Name + "'")) + ") are not the one tensor its chain of nodes ends in ('" + _current + "')");
        }

        if (_image)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxFileInvalid, _file, _network,
                "the graph ends in an image (Dendrite's output layer is Dense: end with Flatten and Gemm)");
        }

        if (_layers.Count == 0)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxFileInvalid, _file, _network, "the graph has no layer (no Gemm, MatMul or Conv)");
        }
    }

    private void CheckInternal(OnnxTensor tensor)
    {
        if (tensor.External)
        {
            throw new OnnxImportException(DiagnosticDescriptors.OnnxExternalData, tensor.Name, _file);
        }
    }

    private OnnxTensor ConstantValue(OnnxNode node, int index)
    {
        if (node.Attributes.TryGetValue("value", out OnnxAttribute? value) && value.Tensor is { } tensor)
        {
            CheckInternal(tensor);
            return tensor;
        }

        if (node.Attributes.TryGetValue("value_float", out OnnxAttribute? scalar))
        {
            return new OnnxTensor { DataType = OnnxTensor.Float, Floats = new[] { scalar.Float } };
        }

        if (node.Attributes.TryGetValue("value_ints", out OnnxAttribute? ints))
        {
            var result = new OnnxTensor { DataType = OnnxTensor.Int64, Longs = ints.Ints.ToArray(), ElementCount = ints.Ints.Count };
            result.Dims.Add(ints.Ints.Count);
            return result;
        }

        throw Unsupported(index, "a Constant with a 'value' tensor, 'value_float' or 'value_ints'", "attributes " + string.Join(", ", node.Attributes.Keys));
    }

    private OnnxImportException Unsupported(int node, string expected, string found) =>
        new(DiagnosticDescriptors.OnnxUnsupportedUse, _graph.Nodes[node].Describe(node), _graph.Nodes[node].OpType, _file, expected, found);

    private static string Describe(List<OnnxDimension> shape) => "[" + string.Join(", ", shape) + "]";

    private static IEnumerable<long> Perm(OnnxNode node) =>
        node.Attributes.TryGetValue("perm", out OnnxAttribute? perm) ? perm.Ints : Enumerable.Empty<long>();

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
