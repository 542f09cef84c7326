using System;
using System.IO;
using System.IO.Compression;

namespace Dendrite.Samples.AotInference;

/// <summary>
/// Reads the gzipped IDX files of Fashion-MNIST (Debian package dataset-fashion-mnist): images as floats scaled to
/// [0, 1], labels as class indices. Kept small and local so the AOT sample depends on nothing but Dendrite.
/// </summary>
internal static class FashionMnistFile
{
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    public const int Pixels = 28 * 28;

    public static float[] ReadImages(string path)
    {
        byte[] data = ReadGzip(path);
        int count = ReadHeader(data, expectedMagic: 0x00000803, path);
        var images = new float[count * Pixels];
        const int HeaderSize = 16;
        if (data.Length != HeaderSize + images.Length)
        {
            throw new InvalidDataException($"{path}: expected {HeaderSize + images.Length} bytes for {count} images, found {data.Length}.");
        }

        for (int i = 0; i < images.Length; i++)
        {
            images[i] = data[HeaderSize + i] / 255f;
        }

        return images;
    }

    public static int[] ReadLabels(string path)
    {
        byte[] data = ReadGzip(path);
        int count = ReadHeader(data, expectedMagic: 0x00000801, path);
        const int HeaderSize = 8;
        if (data.Length != HeaderSize + count)
        {
            throw new InvalidDataException($"{path}: expected {HeaderSize + count} bytes for {count} labels, found {data.Length}.");
        }

        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = data[HeaderSize + i];
        }

        return labels;
    }

    private static int ReadHeader(byte[] data, int expectedMagic, string path)
    {
        int magic = ReadBigEndian(data, 0);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException($"{path}: expected IDX magic 0x{expectedMagic:X8}, found 0x{magic:X8}.");
        }

        return ReadBigEndian(data, 4);
    }

    private static int ReadBigEndian(byte[] data, int offset) =>
        (data[offset] << 24) | (data[offset + 1] << 16) | (data[offset + 2] << 8) | data[offset + 3];

    private static byte[] ReadGzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
