using System;
using System.IO;
using System.IO.Compression;

namespace FashionMnistCnn;

/// <summary>
/// TEMPORARY: a minimal reader for the gzipped IDX files of (Fashion-)MNIST, private to this sample so it does
/// not wait for Dendrite.Data. Replace with the Dendrite.Data IDX readers (src/Runtime/Data) once they are merged.
/// </summary>
internal static class IdxFile
{
    /// <summary>Images as floats in [0, 1], row-major, 28×28 per sample (channels last, one channel).</summary>
    public static float[] ReadImages(string path, out int count)
    {
        byte[] data = ReadAll(path);
        RequireMagic(data, 0x00000803, path);
        count = BigEndian(data, 4);
        int size = BigEndian(data, 8) * BigEndian(data, 12);
        var images = new float[count * size];
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = data[16 + i] / 255f;
        }

        return images;
    }

    /// <summary>Class labels 0–9.</summary>
    public static int[] ReadLabels(string path)
    {
        byte[] data = ReadAll(path);
        RequireMagic(data, 0x00000801, path);
        var labels = new int[BigEndian(data, 4)];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = data[8 + i];
        }

        return labels;
    }

    private static byte[] ReadAll(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    private static void RequireMagic(byte[] data, int expected, string path)
    {
        int magic = BigEndian(data, 0);
        if (magic != expected)
        {
            throw new InvalidDataException($"{path}: expected IDX magic 0x{expected:X8} but found 0x{magic:X8}.");
        }
    }

    private static int BigEndian(byte[] data, int offset) =>
        (data[offset] << 24) | (data[offset + 1] << 16) | (data[offset + 2] << 8) | data[offset + 3];
}
