using System;
using System.Buffers.Binary;

namespace Dendrite.Onnx;

/// <summary>
/// Encodes an <see cref="OnnxGraph"/> as an ONNX ModelProto. The field numbers are those of onnx/onnx.proto (ONNX 1.12,
/// IR version 8, the one that goes with opset 17); only the fields Dendrite's export fills are written, and a reader
/// gives every other field its default.
/// </summary>
internal static class OnnxModelEncoder
{
    /// <summary>The ONNX IR version: 8 is the one that goes with opset 17 (ONNX 1.12), as torch 1.13 writes it.</summary>
    public const long IrVersion = 8;

    /// <summary>The opset of the default ("ai.onnx") domain every node belongs to.</summary>
    public const long Opset = 17;

    // TensorProto.DataType
    private const int Float = 1;

    // AttributeProto.AttributeType
    private const int AttributeFloat = 1;
    private const int AttributeInt = 2;
    private const int AttributeInts = 7;

    /// <summary>The bytes of a ModelProto holding <paramref name="graph"/>.</summary>
    public static byte[] Encode(OnnxGraph graph, string producerVersion, string docString)
    {
        var model = new ProtobufWriter();
        model.WriteInt64(1, IrVersion);                 // ir_version
        model.WriteString(2, "Dendrite");               // producer_name
        model.WriteString(3, producerVersion);          // producer_version
        model.WriteString(6, docString);                // doc_string
        model.WriteMessage(7, Graph(graph));            // graph
        var opset = new ProtobufWriter();
        opset.WriteString(1, "");                       // OperatorSetIdProto.domain: the default domain
        opset.WriteInt64(2, Opset);                     // OperatorSetIdProto.version
        model.WriteMessage(8, opset);                   // opset_import
        return model.ToArray();
    }

    private static ProtobufWriter Graph(OnnxGraph graph)
    {
        var writer = new ProtobufWriter();
        foreach (OnnxNode node in graph.Nodes)
        {
            writer.WriteMessage(1, Node(node));         // GraphProto.node
        }

        writer.WriteString(2, graph.Name);              // GraphProto.name
        foreach (OnnxInitializer initializer in graph.Initializers)
        {
            writer.WriteMessage(5, Tensor(initializer)); // GraphProto.initializer
        }

        writer.WriteMessage(11, ValueInfo(graph.InputName, graph.InputShape));   // GraphProto.input
        writer.WriteMessage(12, ValueInfo(graph.OutputName, graph.OutputShape)); // GraphProto.output
        return writer;
    }

    private static ProtobufWriter Node(OnnxNode node)
    {
        var writer = new ProtobufWriter();
        foreach (string input in node.Inputs)
        {
            writer.WriteString(1, input);               // NodeProto.input
        }

        foreach (string output in node.Outputs)
        {
            writer.WriteString(2, output);              // NodeProto.output
        }

        writer.WriteString(3, node.Name);               // NodeProto.name
        writer.WriteString(4, node.OpType);             // NodeProto.op_type
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            writer.WriteMessage(5, Attribute(attribute)); // NodeProto.attribute
        }

        return writer;
    }

    private static ProtobufWriter Attribute(OnnxAttribute attribute)
    {
        var writer = new ProtobufWriter();
        writer.WriteString(1, attribute.Name);          // AttributeProto.name
        if (attribute.Float is float f)
        {
            writer.WriteFloat(2, f);                    // AttributeProto.f
            writer.WriteInt64(20, AttributeFloat);      // AttributeProto.type
        }
        else if (attribute.Int is long i)
        {
            writer.WriteInt64(3, i);                    // AttributeProto.i
            writer.WriteInt64(20, AttributeInt);
        }
        else
        {
            writer.WritePackedInt64(8, attribute.Ints);  // AttributeProto.ints
            writer.WriteInt64(20, AttributeInts);
        }

        return writer;
    }

    private static ProtobufWriter Tensor(OnnxInitializer tensor)
    {
        var writer = new ProtobufWriter();
        writer.WritePackedInt64(1, tensor.Dims);        // TensorProto.dims
        writer.WriteInt64(2, Float);                    // TensorProto.data_type
        writer.WriteString(8, tensor.Name);             // TensorProto.name
        var raw = new byte[tensor.Values.Length * sizeof(float)];
        for (int i = 0; i < tensor.Values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), tensor.Values[i]);
        }

        writer.WriteBytes(9, raw);                      // TensorProto.raw_data: little-endian, as ONNX specifies
        return writer;
    }

    /// <summary>A float32 ValueInfoProto of shape [batch, <paramref name="shape"/>…], "batch" a symbolic dimension.</summary>
    private static ProtobufWriter ValueInfo(string name, long[] shape)
    {
        var dims = new ProtobufWriter();
        var batch = new ProtobufWriter();
        batch.WriteString(2, "batch");                  // Dimension.dim_param
        dims.WriteMessage(1, batch);                    // TensorShapeProto.dim
        foreach (long size in shape)
        {
            var dim = new ProtobufWriter();
            dim.WriteInt64(1, size);                    // Dimension.dim_value
            dims.WriteMessage(1, dim);
        }

        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(1, Float);                // TypeProto.Tensor.elem_type
        tensorType.WriteMessage(2, dims);               // TypeProto.Tensor.shape
        var type = new ProtobufWriter();
        type.WriteMessage(1, tensorType);               // TypeProto.tensor_type
        var writer = new ProtobufWriter();
        writer.WriteString(1, name);                    // ValueInfoProto.name
        writer.WriteMessage(2, type);                   // ValueInfoProto.type
        return writer;
    }
}
