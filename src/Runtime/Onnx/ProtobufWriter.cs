using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Dendrite.Onnx;

/// <summary>
/// Writes the protobuf wire format (https://protobuf.dev/programming-guides/encoding/), the few parts ONNX files use:
/// varints (wire type 0) for integers and enums, 32-bit little-endian floats (wire type 5), and length-delimited fields
/// (wire type 2) for strings, bytes, packed repeated numbers and nested messages. A nested message is written into its
/// own writer first, because its length must precede it. Fields are written in the order the caller gives them; a
/// reader accepts any order. Small and dependency-free on purpose: the runtime ships without a protobuf package
/// (docs/architecture.md). Checked byte for byte against hand-encoded messages (ProtobufWriterTests) and, whole, by
/// ONNX Runtime loading what <see cref="OnnxModelEncoder"/> writes (OnnxExportTests).
/// </summary>
internal sealed class ProtobufWriter
{
    private const int Varint = 0;
    private const int Fixed32 = 5;
    private const int LengthDelimited = 2;

    private readonly MemoryStream _buffer = new();

    /// <summary>Bytes written so far.</summary>
    public int Length => (int)_buffer.Length;

    /// <summary>An integer or enum field: a varint, negative values as their 64-bit two's complement (10 bytes), as protobuf's int32 and int64 are.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, Varint);
        WriteRawVarint(unchecked((ulong)value));
    }

    /// <summary>A float field: 4 bytes, little-endian IEEE 754.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    /// <summary>A string field: its UTF-8 bytes, length first.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field, length first.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimited);
        WriteRawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A repeated integer field, packed: one length-delimited field holding the varints back to back.</summary>
    public void WritePackedInt64(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtobufWriter();
        foreach (long value in values)
        {
            packed.WriteRawVarint(unchecked((ulong)value));
        }

        WriteBytes(field, packed._buffer.GetBuffer().AsSpan(0, packed.Length));
    }

    /// <summary>A nested message field: <paramref name="message"/>'s bytes, length first.</summary>
    public void WriteMessage(int field, ProtobufWriter message) =>
        WriteBytes(field, message._buffer.GetBuffer().AsSpan(0, message.Length));

    /// <summary>The bytes written, as a new array.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    private void WriteTag(int field, int wireType) => WriteRawVarint(((ulong)(uint)field << 3) | (uint)wireType);

    /// <summary>7 bits per byte, least significant group first, the high bit set on every byte but the last.</summary>
    private void WriteRawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
