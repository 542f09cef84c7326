using System.Text;
using Xunit;

namespace Dendrite.Tests.Weights;

/// <summary>Every way Load must refuse a file, and that a refusal never leaves a half-loaded network.</summary>
public class WeightsFileLoadTests
{
    // Section offsets from docs/weights-format.md, derived here from the layout rather than from the reader.
    private static readonly int FingerprintLength = Encoding.UTF8.GetByteCount(WeightsTestNet.Architecture.Fingerprint);
    private const int MagicAt = 0, VersionAt = 8, LengthAt = 12, FingerprintLengthAt = 20, FingerprintAt = 24;
    private static int LayerCountAt => FingerprintAt + FingerprintLength;
    private static int ShapesAt => LayerCountAt + 4;
    private static int ParameterCountAt => ShapesAt + (16 * 2);
    private static int NonTrainableCountAt => ParameterCountAt + 4; // format version 2
    private static int DataAt => NonTrainableCountAt + 4;
    private static int ChecksumAt => DataAt + (4 * WeightsTestNet.ParameterCount);
    private static int FileLength => ChecksumAt + 4;

    public static TheoryData<string, int> SectionBoundaries() => new()
    {
        { "empty", 0 },
        { "inside the magic", 5 },
        { "after the magic", VersionAt },
        { "after the version", LengthAt },
        { "after the length", FingerprintLengthAt },
        { "after the fingerprint length", FingerprintAt },
        { "after the fingerprint", LayerCountAt },
        { "after the layer count", ShapesAt },
        { "after the layer shapes", ParameterCountAt },
        { "after the parameter count", NonTrainableCountAt },
        { "after the non-trainable count", DataAt },
        { "inside the data", DataAt + 6 },
        { "after the data", ChecksumAt },
        { "inside the checksum", FileLength - 1 },
    };

    [Theory]
    [MemberData(nameof(SectionBoundaries))]
    public void A_file_cut_at_a_section_boundary_is_refused_as_truncated(string where, int length)
    {
        byte[] file = WeightsFile.Serialize(new WeightsTestNet(seed: 3));
        Assert.Equal(FileLength, file.Length);

        var error = Assert.Throws<InvalidDataException>(() => WeightsTestNet.Load(new MemoryStream(file[..length])));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes", error.Message, StringComparison.Ordinal);
        _ = where;
    }

    public static TheoryData<string, int, string> FlippedBytes() => new()
    {
        { "magic", MagicAt + 2, "not a Dendrite weights file" },
        { "version", VersionAt + 1, "version" },
        { "length", LengthAt, "declares" },
        { "fingerprint length", FingerprintLengthAt, "checksum" },
        { "fingerprint", FingerprintAt + 3, "checksum" },
        { "layer count", LayerCountAt, "checksum" },
        { "layer shapes", ShapesAt + 4, "checksum" },
        { "parameter count", ParameterCountAt, "checksum" },
        { "non-trainable count", NonTrainableCountAt, "checksum" },
        { "data", DataAt + 17, "checksum" },
        { "checksum", ChecksumAt + 2, "checksum" },
    };

    [Theory]
    [MemberData(nameof(FlippedBytes))]
    public void One_flipped_byte_in_any_section_is_refused_with_its_reason(string section, int offset, string reason)
    {
        byte[] file = WeightsFile.Serialize(new WeightsTestNet(seed: 3));
        file[offset] ^= 0x10;

        var error = Assert.Throws<InvalidDataException>(() => WeightsTestNet.Load(new MemoryStream(file)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("WeightsTestNet", error.Message, StringComparison.Ordinal);
        _ = section;
    }

    [Fact]
    public void A_file_of_another_architecture_is_refused_naming_the_expected_and_found_layers()
    {
        byte[] file = WeightsFile.Serialize(new OtherArchitectureNet(seed: 1));

        var error = Assert.Throws<InvalidDataException>(() => WeightsTestNet.Load(new MemoryStream(file)));

        Assert.Contains("another architecture", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected Input(3) → Dense(4, ReLU) → Dense(2, Linear)", error.Message, StringComparison.Ordinal);
        Assert.Contains("found Input(3) → Dense(5, ReLU) → Dense(2, Linear)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_format_version_is_refused_even_with_a_valid_checksum()
    {
        byte[] file = WeightsFile.Serialize(new WeightsTestNet(seed: 3));
        file[VersionAt] = 3;
        RewriteChecksum(file);

        var error = Assert.Throws<InvalidDataException>(() => WeightsTestNet.Load(new MemoryStream(file)));

        Assert.Contains("format version 3, newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_that_disagree_with_the_fingerprint_are_refused_even_with_a_valid_checksum()
    {
        byte[] file = WeightsFile.Serialize(new WeightsTestNet(seed: 3));
        file[ShapesAt + 16] = 9; // layer 2's inputs: 4 → 9
        RewriteChecksum(file);

        var error = Assert.Throws<InvalidDataException>(() => WeightsTestNet.Load(new MemoryStream(file)));

        Assert.Contains("expected layer 2 to be 4→2 (8 weights, 2 biases), found 9→2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_file_leaves_the_network_it_was_loaded_into_unchanged()
    {
        var network = new WeightsTestNet(seed: 5);
        float[] before = network.Parameters.ToArray();
        byte[] file = WeightsFile.Serialize(new WeightsTestNet(seed: 6));
        file[DataAt + 40] ^= 0xFF;

        Assert.Throws<InvalidDataException>(() => WeightsFile.LoadInto(network, new MemoryStream(file)));

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void The_checksum_is_standard_crc32()
    {
        // The published check value of CRC-32/ISO-HDLC (zip, PNG) for "123456789".
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Dendrite.Weights.Crc32.Compute(data, 0, data.Length));
    }

    private static void RewriteChecksum(byte[] file)
    {
        uint crc = Dendrite.Weights.Crc32.Compute(file, 0, file.Length - 4);
        BitConverter.TryWriteBytes(file.AsSpan(file.Length - 4), crc);
    }
}
