using Dendrite.Onnx;
using Xunit;

namespace Dendrite.Tests.Onnx;

/// <summary>The wire format, byte for byte, against encodings worked out by hand from the protobuf encoding guide.</summary>
public sealed class ProtobufWriterTests
{
    [Theory]
    [InlineData(1, 0L, new byte[] { 0x08, 0x00 })]
    [InlineData(1, 150L, new byte[] { 0x08, 0x96, 0x01 })] // the guide's example
    [InlineData(2, 127L, new byte[] { 0x10, 0x7F })]
    [InlineData(2, 128L, new byte[] { 0x10, 0x80, 0x01 })]
    [InlineData(20, 7L, new byte[] { 0xA0, 0x01, 0x07 })] // field 20: the tag itself takes two bytes
    [InlineData(1, -1L, new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // two's complement, 10 bytes
    public void Integers_are_varints_after_a_tag_of_field_and_wire_type_0(int field, long value, byte[] expected)
    {
        var writer = new ProtobufWriter();

        writer.WriteInt64(field, value);

        Assert.Equal(expected, writer.ToArray());
    }

    [Fact]
    public void Floats_are_wire_type_5_little_endian()
    {
        var writer = new ProtobufWriter();

        writer.WriteFloat(2, 1.0f);

        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, writer.ToArray());
    }

    [Fact]
    public void Strings_are_length_delimited_UTF8()
    {
        var writer = new ProtobufWriter();

        writer.WriteString(2, "testing"); // the guide's example
        writer.WriteString(1, "μ");

        Assert.Equal(new byte[] { 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67, 0x0A, 0x02, 0xCE, 0xBC }, writer.ToArray());
    }

    [Fact]
    public void Packed_integers_are_one_length_delimited_field()
    {
        var writer = new ProtobufWriter();

        writer.WritePackedInt64(4, [3, 270, 86942]); // the guide's example

        Assert.Equal(new byte[] { 0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05 }, writer.ToArray());
    }

    [Fact]
    public void Nested_messages_are_length_delimited_with_a_length_over_127_as_a_varint()
    {
        var inner = new ProtobufWriter();
        inner.WriteInt64(1, 150);
        var outer = new ProtobufWriter();
        outer.WriteMessage(3, inner);
        var large = new ProtobufWriter();
        large.WriteBytes(1, new byte[200]);

        Assert.Equal(new byte[] { 0x1A, 0x03, 0x08, 0x96, 0x01 }, outer.ToArray()); // the guide's example
        Assert.Equal(new byte[] { 0x0A, 0xC8, 0x01 }, large.ToArray()[..3]);
        Assert.Equal(203, large.Length);
    }
}
