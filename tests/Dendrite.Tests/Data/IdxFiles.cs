using System.Buffers.Binary;
using System.IO.Compression;

namespace Dendrite.Tests.Data;

/// <summary>Writes small IDX files byte by byte, exactly as the format describes, for the reader tests.</summary>
internal static class IdxFiles
{
    public const uint ImageMagic = 0x00000803;
    public const uint LabelMagic = 0x00000801;

    /// <summary>Header (magic + big-endian sizes) followed by <paramref name="payload"/>.</summary>
    public static byte[] Build(uint magic, int[] sizes, byte[] payload)
    {
        var bytes = new byte[4 + (4 * sizes.Length) + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int d = 0; d < sizes.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), sizes[d]);
        }

        payload.CopyTo(bytes, 4 + (4 * sizes.Length));
        return bytes;
    }

    public static byte[] Images(int count, int rows, int columns, byte[] pixels) => Build(ImageMagic, [count, rows, columns], pixels);

    public static byte[] Labels(byte[] labels) => Build(LabelMagic, [labels.Length], labels);

    public static string Write(string path, byte[] bytes, bool gzip)
    {
        if (gzip)
        {
            using var file = System.IO.File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            System.IO.File.WriteAllBytes(path, bytes);
        }

        return path;
    }
}
