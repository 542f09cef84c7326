using System.Collections.Generic;

namespace Dendrite.Generator.Onnx;

/// <summary>OnnxModelReader's tensors: a TensorProto's dims, type and data (raw little-endian bytes or the typed repeated fields, packed or not), the length checked against the dims.</summary>
internal static partial class OnnxModelReader
{
    private static OnnxTensor ReadTensor(ProtoReader reader)
    {
        var tensor = new OnnxTensor();
        (int Start, int End)? raw = null;
        var floats = new List<float>();
        var longs = new List<long>();
        var doubles = new List<double>();
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    ReadLongs(ref reader, wire, tensor.Dims);
                    break;
                case 2 when wire == ProtoReader.Varint:
                    tensor.DataType = reader.ReadInt32();
                    break;
                case 4:
                    ReadFloats(ref reader, wire, floats);
                    break;
                case 7:
                    ReadLongs(ref reader, wire, longs);
                    break;
                case 8 when wire == ProtoReader.LengthDelimited:
                    tensor.Name = reader.ReadString();
                    break;
                case 9 when wire == ProtoReader.LengthDelimited:
                    raw = reader.ReadLength();
                    break;
                case 10:
                    ReadDoubles(ref reader, wire, doubles);
                    break;
                case 13:
                    tensor.External = true;
                    reader.Skip(wire);
                    break;
                case 14 when wire == ProtoReader.Varint:
                    tensor.External |= reader.ReadInt32() == 1;
                    break;
                case 2 or 8 or 9 or 14:
                    throw WrongWireType("TensorProto", field, wire);
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0 || (dim > 0 && count > int.MaxValue / dim))
            {
                throw new OnnxFormatException("tensor '" + tensor.Name + "' has dims " + tensor.DescribeShape() + " (each must be ≥ 0, their product under 2³¹)");
            }

            count *= dim;
        }

        tensor.ElementCount = count;
        if (tensor.External)
        {
            return tensor;
        }

        byte[] bytes = reader.Buffer;
        switch (tensor.DataType)
        {
            case OnnxTensor.Float when raw is { } r:
                tensor.Floats = new float[CheckRawLength(tensor, r, 4)];
                for (int i = 0; i < tensor.Floats.Length; i++)
                {
                    int at = r.Start + (4 * i);
                    tensor.Floats[i] = Bits.ToSingle((uint)(bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)));
                }

                break;
            case OnnxTensor.Float:
                tensor.Floats = CheckTyped(tensor, floats).ToArray();
                break;
            case OnnxTensor.Int64 when raw is { } r:
                tensor.Longs = new long[CheckRawLength(tensor, r, 8)];
                for (int i = 0; i < tensor.Longs.Length; i++)
                {
                    ulong value = 0;
                    for (int b = 7; b >= 0; b--)
                    {
                        value = (value << 8) | bytes[r.Start + (8 * i) + b];
                    }

                    tensor.Longs[i] = unchecked((long)value);
                }

                break;
            case OnnxTensor.Int64:
                tensor.Longs = CheckTyped(tensor, longs).ToArray();
                break;
            case Double when raw is { } r:
                tensor.Floats = new float[CheckRawLength(tensor, r, 8)];
                for (int i = 0; i < tensor.Floats.Length; i++)
                {
                    ulong value = 0;
                    for (int b = 7; b >= 0; b--)
                    {
                        value = (value << 8) | bytes[r.Start + (8 * i) + b];
                    }

                    tensor.Floats[i] = (float)System.BitConverter.Int64BitsToDouble(unchecked((long)value));
                }

                tensor.DataType = OnnxTensor.Float;
                break;
            case Double:
                tensor.Floats = CheckTyped(tensor, doubles).ConvertAll(d => (float)d).ToArray();
                tensor.DataType = OnnxTensor.Float;
                break;
        }

        return tensor;
    }

    private const int Double = 11;

    private static int CheckRawLength(OnnxTensor tensor, (int Start, int End) raw, int elementSize)
    {
        long length = raw.End - raw.Start;
        if (length != tensor.ElementCount * elementSize)
        {
            throw new OnnxFormatException("tensor '" + tensor.Name + "' of shape " + tensor.DescribeShape() + " holds " + length + " bytes of data, expected " + (tensor.ElementCount * elementSize));
        }

        return (int)tensor.ElementCount;
    }

    private static List<T> CheckTyped<T>(OnnxTensor tensor, List<T> values)
    {
        if (values.Count != tensor.ElementCount)
        {
            throw new OnnxFormatException("tensor '" + tensor.Name + "' of shape " + tensor.DescribeShape() + " holds " + values.Count + " values, expected " + tensor.ElementCount);
        }

        return values;
    }

    private static void ReadFloats(ref ProtoReader reader, int wire, List<float> into)
    {
        if (wire == ProtoReader.Fixed32)
        {
            into.Add(reader.ReadFloat());
            return;
        }

        if (wire != ProtoReader.LengthDelimited)
        {
            throw new OnnxFormatException("a repeated float field with wire type " + wire);
        }

        ProtoReader packed = reader.ReadMessage();
        while (!packed.AtEnd)
        {
            into.Add(packed.ReadFloat());
        }
    }

    private static void ReadDoubles(ref ProtoReader reader, int wire, List<double> into)
    {
        if (wire == ProtoReader.Fixed64)
        {
            into.Add(ReadDouble(ref reader));
            return;
        }

        if (wire != ProtoReader.LengthDelimited)
        {
            throw new OnnxFormatException("a repeated double field with wire type " + wire);
        }

        ProtoReader packed = reader.ReadMessage();
        while (!packed.AtEnd)
        {
            into.Add(ReadDouble(ref packed));
        }
    }

    private static double ReadDouble(ref ProtoReader reader)
    {
        ulong low = reader.ReadFixed32();
        ulong high = reader.ReadFixed32();
        return System.BitConverter.Int64BitsToDouble(unchecked((long)((high << 32) | low)));
    }

    private static void ReadLongs(ref ProtoReader reader, int wire, List<long> into)
    {
        if (wire == ProtoReader.Varint)
        {
            into.Add(reader.ReadInt64());
            return;
        }

        if (wire != ProtoReader.LengthDelimited)
        {
            throw new OnnxFormatException("a repeated int64 field with wire type " + wire);
        }

        ProtoReader packed = reader.ReadMessage();
        while (!packed.AtEnd)
        {
            into.Add(packed.ReadInt64());
        }
    }
}
