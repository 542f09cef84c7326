using System;
using System.IO;

namespace Dendrite.Data;

/// <summary>
/// Opens data files for streaming reads, decompressing gzip on the fly. Compression is detected from the
/// file's first two bytes (the gzip magic 1F 8B), not from its name, so a renamed file still reads.
/// </summary>
public static class DataFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// A forward-only stream over the contents of <paramref name="path"/>, gunzipped when the file is gzip. Reading
    /// a gzip file that is corrupt or cut short throws <see cref="InvalidDataException"/> naming <paramref name="path"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Stream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            int first = file.ReadByte();
            int second = file.ReadByte();
            file.Position = 0;
            if (first == 0x1F && second == 0x8B)
            {
                return new CheckedGZipStream(file, path);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes unless the stream ends first; returns how many were read.</summary>
    internal static int ReadUpTo(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
