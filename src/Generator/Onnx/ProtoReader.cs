using System.Text;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// A reader of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/) over one message's bytes:
/// tags, varints, fixed 32/64-bit values and length-delimited fields, nothing more. Every read is bounds-checked
/// against the message's end; a malformed or truncated message throws <see cref="OnnxFormatException"/>, which
/// <see cref="OnnxModelReader"/> turns into a diagnostic (nothing escapes the generator). ONNX is the only schema it
/// serves, so it needs no descriptors: <see cref="OnnxModelReader"/> knows the field numbers it reads and skips the rest.
/// </summary>
internal struct ProtoReader
{
    /// <summary>Wire types of the encoding.</summary>
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5;

    private readonly byte[] _bytes;
    private readonly int _end;
    private int _position;

    public ProtoReader(byte[] bytes, int start, int end)
    {
        _bytes = bytes;
        _position = start;
        _end = end;
    }

    public bool AtEnd => _position >= _end;

    /// <summary>Reads the next field's tag; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (_position >= _end)
        {
            return false;
        }

        ulong tag = ReadVarint();
        wireType = (int)(tag & 7);
        ulong number = tag >> 3;
        if (number == 0 || number > 536_870_911)
        {
            throw new OnnxFormatException("a field number of " + number + " (field numbers are 1 to 536,870,911)");
        }

        field = (int)number;
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _end)
            {
                throw Truncated("a varint");
            }

            byte b = _bytes[_position++];
            if (shift == 63 && b > 1)
            {
                throw new OnnxFormatException("a varint longer than 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new OnnxFormatException("a varint longer than 10 bytes");
    }

    public long ReadInt64() => unchecked((long)ReadVarint());

    /// <summary>An int32 field: encoded as a sign-extended varint, so any 64-bit value outside int's range is malformed.</summary>
    public int ReadInt32()
    {
        long value = ReadInt64();
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw new OnnxFormatException("an int32 field holding " + value);
        }

        return (int)value;
    }

    public uint ReadFixed32()
    {
        if (_end - _position < 4)
        {
            throw Truncated("a 32-bit value");
        }

        uint value = (uint)(_bytes[_position] | (_bytes[_position + 1] << 8) | (_bytes[_position + 2] << 16) | (_bytes[_position + 3] << 24));
        _position += 4;
        return value;
    }

    public float ReadFloat() => Bits.ToSingle(ReadFixed32());

    /// <summary>Reads a length-delimited field's extent; the caller reads or copies <c>[start, end)</c>.</summary>
    public (int Start, int End) ReadLength()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_end - _position))
        {
            throw Truncated("a field of " + length + " bytes (" + (_end - _position) + " left)");
        }

        int start = _position;
        _position += (int)length;
        return (start, _position);
    }

    /// <summary>A nested message's reader.</summary>
    public ProtoReader ReadMessage()
    {
        (int start, int end) = ReadLength();
        return new ProtoReader(_bytes, start, end);
    }

    public string ReadString()
    {
        (int start, int end) = ReadLength();
        try
        {
            return Strict.GetString(_bytes, start, end - start);
        }
        catch (DecoderFallbackException)
        {
            throw new OnnxFormatException("a string that is not UTF-8");
        }
    }

    /// <summary>Skips a field of <paramref name="wireType"/> (groups, deprecated, are refused).</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                if (_end - _position < 8)
                {
                    throw Truncated("a 64-bit value");
                }

                _position += 8;
                break;
            case LengthDelimited:
                ReadLength();
                break;
            case Fixed32:
                ReadFixed32();
                break;
            default:
                throw new OnnxFormatException("wire type " + wireType + ", which ONNX does not use");
        }
    }

    /// <summary>Bytes of the whole buffer (for packed and raw data read in place).</summary>
    public byte[] Buffer => _bytes;

    private static OnnxFormatException Truncated(string what) => new("the file ends inside " + what + " (truncated?)");

    private static readonly Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

/// <summary>A malformed ONNX file; caught by <see cref="OnnxModelReader.TryRead"/> and reported as DN0081.</summary>
internal sealed class OnnxFormatException : System.Exception
{
    public OnnxFormatException(string problem)
        : base(problem)
    {
    }
}

/// <summary>float ↔ bits for netstandard2.0 (no BitConverter.Int32BitsToSingle there), without unsafe code.</summary>
internal static class Bits
{
    public static float ToSingle(uint bits) => new FloatBits { Bits = bits }.Value;

    public static uint FromSingle(float value) => new FloatBits { Value = value }.Bits;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]
    private struct FloatBits
    {
        [System.Runtime.InteropServices.FieldOffset(0)]
        public uint Bits;

        [System.Runtime.InteropServices.FieldOffset(0)]
        public float Value;
    }
}
