using System.Collections.Generic;

namespace Dendrite.Generator.Onnx;

/// <summary>The parts of an ONNX ModelProto the importer reads (onnx/onnx.proto3; other fields are skipped).</summary>
internal sealed class OnnxModel
{
    public long IrVersion { get; set; }

    /// <summary>opset_import: (domain, version); "" and "ai.onnx" are the default operator set.</summary>
    public List<(string Domain, long Version)> Opsets { get; } = new();

    public OnnxGraph? Graph { get; set; }

    public string ProducerName { get; set; } = string.Empty;

    public string ProducerVersion { get; set; } = string.Empty;
}

/// <summary>GraphProto: nodes in topological order, initializers (the weights), inputs and outputs.</summary>
internal sealed class OnnxGraph
{
    public List<OnnxNode> Nodes { get; } = new();

    public List<OnnxTensor> Initializers { get; } = new();

    public List<OnnxValueInfo> Inputs { get; } = new();

    public List<OnnxValueInfo> Outputs { get; } = new();
}

/// <summary>NodeProto: one operator application.</summary>
internal sealed class OnnxNode
{
    public string Name { get; set; } = string.Empty;

    public string OpType { get; set; } = string.Empty;

    public string Domain { get; set; } = string.Empty;

    public List<string> Inputs { get; } = new();

    public List<string> Outputs { get; } = new();

    public Dictionary<string, OnnxAttribute> Attributes { get; } = new(System.StringComparer.Ordinal);

    /// <summary>How diagnostics name the node: its name, or its operator and first output when it has none.</summary>
    public string Describe(int index) => Name.Length > 0 ? Name : "#" + index + " (" + OpType + (Outputs.Count > 0 ? " → " + Outputs[0] : string.Empty) + ")";
}

/// <summary>AttributeProto: the kinds the supported operators use (float, int, string, tensor, floats, ints).</summary>
internal sealed class OnnxAttribute
{
    public string Name { get; set; } = string.Empty;

    public float Float { get; set; }

    public long Int { get; set; }

    public string String { get; set; } = string.Empty;

    public OnnxTensor? Tensor { get; set; }

    public List<float> Floats { get; } = new();

    public List<long> Ints { get; } = new();
}

/// <summary>TensorProto: float32 and int64 data (raw or typed), or a reference to data outside the file.</summary>
internal sealed class OnnxTensor
{
    public const int Float = 1, Int64 = 7;

    public string Name { get; set; } = string.Empty;

    public List<long> Dims { get; } = new();

    public int DataType { get; set; }

    /// <summary>data_location = EXTERNAL or external_data entries: the values live in another file.</summary>
    public bool External { get; set; }

    public float[] Floats { get; set; } = System.Array.Empty<float>();

    public long[] Longs { get; set; } = System.Array.Empty<long>();

    /// <summary>The element count the dims give (checked not to overflow when read).</summary>
    public long ElementCount { get; set; } = 1;

    public string DescribeShape() => "[" + string.Join(", ", Dims) + "]";
}

/// <summary>ValueInfoProto with a tensor type: element type and dims (a fixed size, a symbolic name, or unknown).</summary>
internal sealed class OnnxValueInfo
{
    public string Name { get; set; } = string.Empty;

    public int ElementType { get; set; }

    /// <summary>Null when the type has no shape.</summary>
    public List<OnnxDimension>? Shape { get; set; }
}

/// <summary>A dimension: dim_value, dim_param, or neither (unknown).</summary>
internal readonly struct OnnxDimension
{
    public OnnxDimension(long? value, string? parameter)
    {
        Value = value;
        Parameter = parameter;
    }

    public long? Value { get; }

    public string? Parameter { get; }

    public override string ToString() => Value is long v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : Parameter is { Length: > 0 } p ? "'" + p + "'" : "?";
}
