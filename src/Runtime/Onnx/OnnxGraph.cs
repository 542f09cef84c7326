using System;
using System.Collections.Generic;

namespace Dendrite.Onnx;

/// <summary>An attribute of an ONNX node: exactly one of an integer, a float or a list of integers.</summary>
internal sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);

    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);

    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);
}

/// <summary>One ONNX node: an operator of the default domain applied to named tensors.</summary>
internal sealed record OnnxNode(string Name, string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes);

/// <summary>A float32 constant tensor of the graph: weights, biases, statistics, scalar constants.</summary>
internal sealed record OnnxInitializer(string Name, long[] Dims, float[] Values);

/// <summary>
/// An ONNX graph under construction: nodes in execution order (ONNX requires a topological order, and every node here
/// reads only the graph input, initializers and earlier nodes' outputs), initializers, and the shapes of the graph's
/// one input and one output, whose first dimension is the symbolic batch size.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly HashSet<string> _names = [];

    public OnnxGraph(string name, string inputName, long[] inputShape)
    {
        Name = name;
        InputName = inputName;
        InputShape = inputShape;
        _names.Add(inputName);
    }

    /// <summary>The graph's name.</summary>
    public string Name { get; }

    /// <summary>The graph input's name.</summary>
    public string InputName { get; }

    /// <summary>The graph input's dimensions after the batch.</summary>
    public long[] InputShape { get; }

    /// <summary>The graph output's name, set by <see cref="SetOutput"/>.</summary>
    public string OutputName { get; private set; } = "";

    /// <summary>The graph output's dimensions after the batch.</summary>
    public long[] OutputShape { get; private set; } = [];

    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    public IReadOnlyList<OnnxInitializer> Initializers => _initializers;

    /// <summary>Adds a node computing one output, named <paramref name="name"/>, and returns that output's name.</summary>
    public string Add(string name, string opType, string[] inputs, params OnnxAttribute[] attributes)
    {
        string output = Unique(name);
        _nodes.Add(new OnnxNode(output, opType, inputs, [output], attributes));
        return output;
    }

    /// <summary>Adds a float32 constant and returns its name.</summary>
    public string Constant(string name, long[] dims, float[] values)
    {
        CheckCount(dims, values.Length);
        string unique = Unique(name);
        _initializers.Add(new OnnxInitializer(unique, dims, values));
        return unique;
    }

    /// <summary>Adds a float32 scalar (a tensor with no dimensions) and returns its name.</summary>
    public string Scalar(string name, float value) => Constant(name, [], [value]);

    /// <summary>
    /// Makes <paramref name="tensor"/> the graph output under the name <paramref name="outputName"/>: the node that computes
    /// it is renamed when it is the last one, otherwise (the output would be the input itself) an Identity node is added.
    /// </summary>
    public void SetOutput(string tensor, string outputName, long[] shape)
    {
        OutputShape = shape;
        OutputName = outputName;
        if (_nodes.Count > 0 && _nodes[^1].Outputs[0] == tensor && !_names.Contains(outputName))
        {
            OnnxNode last = _nodes[^1];
            _nodes[^1] = last with { Outputs = [outputName] };
            _names.Add(outputName);
            return;
        }

        _nodes.Add(new OnnxNode(Unique(outputName + "_identity"), "Identity", [tensor], [outputName], []));
        _names.Add(outputName);
    }

    private static void CheckCount(long[] dims, int count)
    {
        long expected = 1;
        foreach (long dim in dims)
        {
            expected *= dim;
        }

        if (expected != count)
        {
            throw new InvalidOperationException($"A constant of shape [{string.Join(", ", dims)}] needs {expected} values, found {count}.");
        }
    }

    /// <summary>The name, or the name with the smallest suffix _2, _3, … that no node or tensor has yet.</summary>
    private string Unique(string name)
    {
        string candidate = name;
        for (int i = 2; !_names.Add(candidate); i++)
        {
            candidate = name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
