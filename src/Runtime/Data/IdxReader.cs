using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace Dendrite.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or raw. An IDX file is a 4-byte magic number
/// (two zero bytes, a type code — 0x08 for unsigned bytes — and the number of dimensions), one big-endian 32-bit
/// size per dimension, then the values. Images have 3 dimensions (count, rows, columns), labels 1 (count); every
/// size must be at least 1.
/// The header is not trusted: the values are read in blocks of at most 1 MB, and the result is allocated only once
/// they have all arrived, so a header that claims more than the file holds costs no more memory than the file
/// (IdxHeaderTrustTests). A file that is not exactly what its header says is refused with an
/// <see cref="InvalidDataException"/> naming the file and the problem: "the header says N, the file holds M".
/// </summary>
public static class IdxReader
{
    /// <summary>The type code of unsigned-byte values, the only one MNIST-style data sets use.</summary>
    private const byte UnsignedByte = 0x08;

    /// <summary>The most read into one block before the data has shown it exists.</summary>
    private const int BlockSize = 1 << 20;

    /// <summary>Reads images, scaling each pixel byte b to b / 255 so the inputs lie in [0, 1].</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX image file or does not hold what its header says.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        ReadOnlySpan<int> sizes = ReadHeader(stream, path, dimensions: 3, "an IDX image file");
        int count = sizes[0];
        int rows = sizes[1];
        int columns = sizes[2];
        string announced = $"{count} images of {rows}×{columns} pixels";
        if (rows == 0 || columns == 0)
        {
            throw new InvalidDataException($"{path}: the header announces images of {rows}×{columns} pixels; an image needs at least one pixel.");
        }

        if (count == 0)
        {
            throw new InvalidDataException($"{path}: the header announces 0 images; an image file needs at least one.");
        }

        // Each size is below 2^31, so the product is below 2^93: exact in 128 bits, where 64 bits could wrap to 0.
        Int128 total = (Int128)count * rows * columns;
        if (total > Array.MaxLength)
        {
            throw new InvalidDataException($"{path}: the header announces {announced} ({total} bytes), more than one array can hold ({Array.MaxLength}).");
        }

        long pixelsPerImage = (long)rows * columns;
        List<byte[]> blocks = ReadValues(
            stream,
            (long)total,
            held => $"{path}: truncated: the header says {announced} ({total} bytes) but the file holds {held} bytes of pixels ({held / pixelsPerImage} whole images).");
        RequireEnd(stream, path, announced);

        // Every element is written below, so skip zeroing (188 MB for Fashion-MNIST).
        float[] pixels = GC.AllocateUninitializedArray<float>((int)total);
        int done = 0;
        foreach (byte[] block in blocks)
        {
            PixelConversion.ToUnitFloats(block, pixels.AsSpan(done, block.Length));
            done += block.Length;
        }

        return new IdxImages(pixels, count, rows, columns);
    }

    /// <summary>Reads class labels, one byte each.</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX label file or does not hold what its header says.</exception>
    public static int[] ReadLabels(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        int count = ReadHeader(stream, path, dimensions: 1, "an IDX label file")[0];
        if (count == 0)
        {
            throw new InvalidDataException($"{path}: the header announces 0 labels; a label file needs at least one.");
        }

        List<byte[]> blocks = ReadValues(stream, count, held => $"{path}: truncated: the header says {count} labels but the file holds {held}.");
        RequireEnd(stream, path, $"{count} labels");

        var labels = new int[count];
        int done = 0;
        foreach (byte[] block in blocks)
        {
            for (int i = 0; i < block.Length; i++)
            {
                labels[done + i] = block[i];
            }

            done += block.Length;
        }

        return labels;
    }

    /// <summary>
    /// Reads an image file and its label file into one <see cref="Dataset"/>: inputs are the flattened images
    /// scaled to [0, 1], labels the class indices.
    /// </summary>
    /// <exception cref="InvalidDataException">Either file is bad, or they hold different numbers of samples.</exception>
    public static Dataset ReadDataset(string imagesPath, string labelsPath)
    {
        IdxImages images = ReadImages(imagesPath);
        int[] labels = ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            throw new InvalidDataException(
                $"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Length} labels; an image file and its label file must hold the same number of samples.");
        }

        return Dataset.WithLabels(images.Pixels, images.PixelsPerImage, labels);
    }

    /// <summary>
    /// The <paramref name="total"/> value bytes after the header, in blocks of at most <see cref="BlockSize"/>: each
    /// block is allocated only once the previous one was filled, so memory follows what the file holds, not what the
    /// header claims. Throws <paramref name="truncated"/>(bytes held) when the data runs out first.
    /// </summary>
    private static List<byte[]> ReadValues(Stream stream, long total, Func<long, string> truncated)
    {
        var blocks = new List<byte[]>();
        long done = 0;
        while (done < total)
        {
            var block = new byte[(int)Math.Min(BlockSize, total - done)];
            int got = DataFile.ReadUpTo(stream, block);
            done += got;
            if (got < block.Length)
            {
                throw new InvalidDataException(truncated(done));
            }

            blocks.Add(block);
        }

        return blocks;
    }

    private static int[] ReadHeader(Stream stream, string path, int dimensions, string expectedKind)
    {
        Span<byte> header = stackalloc byte[4 + (4 * dimensions)];
        int got = DataFile.ReadUpTo(stream, header[..4]);
        uint expectedMagic = (uint)((UnsignedByte << 8) | dimensions);
        string expected = $"{path}: expected {expectedKind} (magic number 0x{expectedMagic:X8}: unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")})";
        if (got < 4)
        {
            throw new InvalidDataException($"{expected} but the file is only {got} bytes long.");
        }

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            byte typeCode = header[2];
            byte foundDimensions = header[3];
            string why = (magic >> 16) != 0 ? "an IDX file starts with two zero bytes"
                : typeCode != UnsignedByte ? $"the values have type code 0x{typeCode:X2}, but only type code 0x08 (unsigned bytes) is supported"
                : $"expected {dimensions} dimension{(dimensions == 1 ? "" : "s")} but found {foundDimensions}";
            throw new InvalidDataException($"{expected} but found magic number 0x{magic:X8}: {why}.");
        }

        got = DataFile.ReadUpTo(stream, header[4..]);
        if (got < 4 * dimensions)
        {
            throw new InvalidDataException($"{path}: truncated: the header needs {4 * dimensions} bytes of sizes after the magic number but the file ends after {got}.");
        }

        var sizes = new int[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header.Slice(4 + (4 * d), 4));
            if (sizes[d] < 0)
            {
                throw new InvalidDataException($"{path}: dimension {d} has a negative size ({sizes[d]}) in the header.");
            }
        }

        return sizes;
    }

    private static void RequireEnd(Stream stream, string path, string announced)
    {
        Span<byte> probe = stackalloc byte[1];
        if (DataFile.ReadUpTo(stream, probe) != 0)
        {
            throw new InvalidDataException($"{path}: the file holds more data than its header announces ({announced}); it may be a different file or corrupt.");
        }
    }
}
