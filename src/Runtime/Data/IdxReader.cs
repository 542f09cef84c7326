using System;
using System.Buffers.Binary;
using System.IO;

namespace Dendrite.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or raw. An IDX file is a 4-byte magic number
/// (two zero bytes, a type code — 0x08 for unsigned bytes — and the number of dimensions), one big-endian 32-bit
/// size per dimension, then the values. Images have 3 dimensions (count, rows, columns), labels 1 (count).
/// The values are streamed in blocks and converted while reading; a file that is not exactly what its header
/// says is refused with an <see cref="InvalidDataException"/> naming the file and the problem.
/// </summary>
public static class IdxReader
{
    /// <summary>The type code of unsigned-byte values, the only one MNIST-style data sets use.</summary>
    private const byte UnsignedByte = 0x08;
    private const int BlockSize = 1 << 16;

    /// <summary>Reads images, scaling each pixel byte b to b / 255 so the inputs lie in [0, 1].</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX image file or does not hold what its header says.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        ReadOnlySpan<int> sizes = ReadHeader(stream, path, dimensions: 3, "an IDX image file");
        int count = sizes[0];
        int rows = sizes[1];
        int columns = sizes[2];
        if (rows == 0 || columns == 0)
        {
            throw new InvalidDataException($"{path}: the header announces images of {rows}×{columns} pixels; an image needs at least one pixel.");
        }

        long total = (long)count * rows * columns;
        if (total > Array.MaxLength)
        {
            throw new InvalidDataException($"{path}: the header announces {count} images of {rows}×{columns} pixels, more than one array can hold.");
        }

        // Every element is written below (or the file is refused), so skip zeroing 188 MB for Fashion-MNIST.
        float[] pixels = GC.AllocateUninitializedArray<float>((int)total);
        byte[] block = new byte[BlockSize];
        long done = 0;
        while (done < total)
        {
            int want = (int)Math.Min(BlockSize, total - done);
            int got = DataFile.ReadUpTo(stream, block.AsSpan(0, want), path);
            PixelConversion.ToUnitFloats(block.AsSpan(0, got), pixels.AsSpan((int)done, got));

            done += got;
            if (got < want)
            {
                throw new InvalidDataException(
                    $"{path}: truncated: the header announces {count} images of {rows}×{columns} pixels ({total} bytes) but the file ends after {done} bytes of pixels ({done / Math.Max(1, (long)rows * columns)} whole images).");
            }
        }

        RequireEnd(stream, path, $"{count} images of {rows}×{columns} pixels");
        return new IdxImages(pixels, count, rows, columns);
    }

    /// <summary>Reads class labels, one byte each.</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX label file or does not hold what its header says.</exception>
    public static int[] ReadLabels(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        int count = ReadHeader(stream, path, dimensions: 1, "an IDX label file")[0];
        var labels = new int[count];
        byte[] block = new byte[BlockSize];
        int done = 0;
        while (done < count)
        {
            int want = Math.Min(BlockSize, count - done);
            int got = DataFile.ReadUpTo(stream, block.AsSpan(0, want), path);
            for (int i = 0; i < got; i++)
            {
                labels[done + i] = block[i];
            }

            done += got;
            if (got < want)
            {
                throw new InvalidDataException($"{path}: truncated: the header announces {count} labels but the file ends after {done}.");
            }
        }

        RequireEnd(stream, path, $"{count} labels");
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

        if (images.Count == 0)
        {
            throw new InvalidDataException($"{imagesPath}: the file holds no images.");
        }

        return Dataset.WithLabels(images.Pixels, images.PixelsPerImage, labels);
    }

    private static int[] ReadHeader(Stream stream, string path, int dimensions, string expectedKind)
    {
        Span<byte> header = stackalloc byte[4 + (4 * dimensions)];
        int got = DataFile.ReadUpTo(stream, header[..4], path);
        uint expectedMagic = (uint)((UnsignedByte << 8) | dimensions);
        if (got < 4)
        {
            throw new InvalidDataException($"{path}: expected {expectedKind} (magic number 0x{expectedMagic:X8}) but the file is only {got} bytes long.");
        }

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException($"{path}: expected {expectedKind} (magic number 0x{expectedMagic:X8}: unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")}) but found magic number 0x{magic:X8}.");
        }

        got = DataFile.ReadUpTo(stream, header[4..], path);
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
        if (DataFile.ReadUpTo(stream, probe, path) != 0)
        {
            throw new InvalidDataException($"{path}: the file holds more data than its header announces ({announced}); it may be a different file or corrupt.");
        }
    }
}
