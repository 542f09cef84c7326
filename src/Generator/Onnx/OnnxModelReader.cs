using System.Collections.Generic;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// Reads an ONNX ModelProto from its bytes with <see cref="ProtoReader"/>: the fields listed in <see cref="OnnxModel"/>
/// by their numbers in onnx.proto3, skipping every other field as the wire format allows. Tensor data is decoded to
/// float32 or int64 (raw_data little-endian, or the typed repeated fields, packed or not), its length checked against
/// the dims. Never throws: a malformed file is a false return with the reason.
/// </summary>
internal static partial class OnnxModelReader
{
    /// <summary>Parses <paramref name="bytes"/>; on failure <paramref name="problem"/> says what is wrong where.</summary>
    public static bool TryRead(byte[] bytes, out OnnxModel? model, out string problem)
    {
        model = null;
        problem = string.Empty;
        if (bytes.Length == 0)
        {
            problem = "the file is empty";
            return false;
        }

        try
        {
            OnnxModel read = ReadModel(new ProtoReader(bytes, 0, bytes.Length));
            if (read.Graph is null || read.IrVersion <= 0)
            {
                problem = "it is not an ONNX model: " + (read.Graph is null ? "no graph" : "no IR version") + " (a ModelProto has ir_version and graph)";
                return false;
            }

            model = read;
            return true;
        }
        catch (OnnxFormatException exception)
        {
            problem = "it is not a well-formed ONNX (protobuf) file: " + exception.Message;
            return false;
        }
    }

    private static OnnxModel ReadModel(ProtoReader reader)
    {
        var model = new OnnxModel();
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.Varint:
                    model.IrVersion = reader.ReadInt64();
                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    model.ProducerName = reader.ReadString();
                    break;
                case 3 when wire == ProtoReader.LengthDelimited:
                    model.ProducerVersion = reader.ReadString();
                    break;
                case 7 when wire == ProtoReader.LengthDelimited:
                    if (model.Graph is not null)
                    {
                        throw new OnnxFormatException("two graphs in one model");
                    }

                    model.Graph = ReadGraph(reader.ReadMessage());
                    break;
                case 8 when wire == ProtoReader.LengthDelimited:
                    model.Opsets.Add(ReadOpset(reader.ReadMessage()));
                    break;
                case 1 or 2 or 3 or 7 or 8:
                    throw WrongWireType("ModelProto", field, wire);
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return model;
    }

    private static (string, long) ReadOpset(ProtoReader reader)
    {
        string domain = string.Empty;
        long version = 0;
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                domain = reader.ReadString();
            }
            else if (field == 2 && wire == ProtoReader.Varint)
            {
                version = reader.ReadInt64();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (domain, version);
    }

    private static OnnxGraph ReadGraph(ProtoReader reader)
    {
        var graph = new OnnxGraph();
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (wire != ProtoReader.LengthDelimited && field is 1 or 5 or 11 or 12)
            {
                throw WrongWireType("GraphProto", field, wire);
            }

            switch (field)
            {
                case 1:
                    graph.Nodes.Add(ReadNode(reader.ReadMessage()));
                    break;
                case 5:
                    graph.Initializers.Add(ReadTensor(reader.ReadMessage()));
                    break;
                case 11:
                    graph.Inputs.Add(ReadValueInfo(reader.ReadMessage()));
                    break;
                case 12:
                    graph.Outputs.Add(ReadValueInfo(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return graph;
    }

    private static OnnxNode ReadNode(ProtoReader reader)
    {
        var node = new OnnxNode();
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (wire != ProtoReader.LengthDelimited && field is 1 or 2 or 3 or 4 or 5 or 7)
            {
                throw WrongWireType("NodeProto", field, wire);
            }

            switch (field)
            {
                case 1:
                    node.Inputs.Add(reader.ReadString());
                    break;
                case 2:
                    node.Outputs.Add(reader.ReadString());
                    break;
                case 3:
                    node.Name = reader.ReadString();
                    break;
                case 4:
                    node.OpType = reader.ReadString();
                    break;
                case 5:
                    OnnxAttribute attribute = ReadAttribute(reader.ReadMessage());
                    node.Attributes[attribute.Name] = attribute;
                    break;
                case 7:
                    node.Domain = reader.ReadString();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return node;
    }

    private static OnnxAttribute ReadAttribute(ProtoReader reader)
    {
        var attribute = new OnnxAttribute();
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    attribute.Name = reader.ReadString();
                    break;
                case 2 when wire == ProtoReader.Fixed32:
                    attribute.Float = reader.ReadFloat();
                    break;
                case 3 when wire == ProtoReader.Varint:
                    attribute.Int = reader.ReadInt64();
                    break;
                case 4 when wire == ProtoReader.LengthDelimited:
                    attribute.String = reader.ReadString();
                    break;
                case 5 when wire == ProtoReader.LengthDelimited:
                    attribute.Tensor = ReadTensor(reader.ReadMessage());
                    break;
                case 7:
                    ReadFloats(ref reader, wire, attribute.Floats);
                    break;
                case 8:
                    ReadLongs(ref reader, wire, attribute.Ints);
                    break;
                case 1 or 2 or 3 or 4 or 5:
                    throw WrongWireType("AttributeProto", field, wire);
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return attribute;
    }

    private static OnnxValueInfo ReadValueInfo(ProtoReader reader)
    {
        var info = new OnnxValueInfo();
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                info.Name = reader.ReadString();
            }
            else if (field == 2 && wire == ProtoReader.LengthDelimited)
            {
                ReadType(reader.ReadMessage(), info);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return info;
    }

    // TypeProto { Tensor tensor_type = 1 { int32 elem_type = 1; TensorShapeProto shape = 2 { repeated Dimension dim = 1 } } }
    private static void ReadType(ProtoReader reader, OnnxValueInfo info)
    {
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (field != 1 || wire != ProtoReader.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            ProtoReader tensor = reader.ReadMessage();
            while (tensor.TryReadTag(out int tensorField, out int tensorWire))
            {
                if (tensorField == 1 && tensorWire == ProtoReader.Varint)
                {
                    info.ElementType = tensor.ReadInt32();
                }
                else if (tensorField == 2 && tensorWire == ProtoReader.LengthDelimited)
                {
                    info.Shape = ReadShape(tensor.ReadMessage());
                }
                else
                {
                    tensor.Skip(tensorWire);
                }
            }
        }
    }

    private static List<OnnxDimension> ReadShape(ProtoReader reader)
    {
        var dims = new List<OnnxDimension>();
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (field != 1 || wire != ProtoReader.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            ProtoReader dim = reader.ReadMessage();
            long? value = null;
            string? parameter = null;
            while (dim.TryReadTag(out int dimField, out int dimWire))
            {
                if (dimField == 1 && dimWire == ProtoReader.Varint)
                {
                    value = dim.ReadInt64();
                }
                else if (dimField == 2 && dimWire == ProtoReader.LengthDelimited)
                {
                    parameter = dim.ReadString();
                }
                else
                {
                    dim.Skip(dimWire);
                }
            }

            dims.Add(new OnnxDimension(value, parameter));
        }

        return dims;
    }

    private static OnnxFormatException WrongWireType(string message, int field, int wire) =>
        new(message + " field " + field + " with wire type " + wire + ", which that field never has");
}
