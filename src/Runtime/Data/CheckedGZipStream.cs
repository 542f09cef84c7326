using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Dendrite.Data;

/// <summary>
/// Gunzips a file and reports a file cut short, which <see cref="GZipStream"/> alone does not always do: when the
/// 8-byte gzip trailer is missing, it simply ends (IdxHeaderTrustTests). At the end of the data the uncompressed
/// length is compared with the trailer's ISIZE field (the file's last four bytes); every error names the file.
/// A file of several concatenated gzip members is refused too, because the trailer then describes only the last one.
/// </summary>
internal sealed class CheckedGZipStream : Stream
{
    /// <summary>The smallest gzip file: a 10-byte header and an 8-byte trailer (CRC-32, ISIZE).</summary>
    private const int MinimumGzipLength = 18;

    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly string _path;
    private readonly uint? _trailerLength;
    private long _produced;
    private bool _checkedEnd;

    public CheckedGZipStream(FileStream file, string path)
    {
        _file = file;
        _path = path;
        if (file.Length >= MinimumGzipLength)
        {
            Span<byte> isize = stackalloc byte[4];
            file.Position = file.Length - 4;
            file.ReadExactly(isize);
            _trailerLength = BinaryPrimitives.ReadUInt32LittleEndian(isize);
        }

        file.Position = 0;
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int got;
        try
        {
            got = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            // All the compressed bytes were consumed: the data stopped before the gzip stream did.
            string what = _file.Position >= _file.Length ? "truncated or corrupt: the compressed data ends early or is damaged" : "the compressed data is corrupt";
            throw new InvalidDataException($"{_path}: {what} ({e.Message}).", e);
        }

        _produced += got;
        if (got == 0 && !buffer.IsEmpty && !_checkedEnd)
        {
            _checkedEnd = true;
            CheckTrailer();
        }

        return got;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private void CheckTrailer()
    {
        uint produced = unchecked((uint)_produced); // ISIZE is the length modulo 2^32
        if (_trailerLength != produced)
        {
            string trailer = _trailerLength is { } length ? $"says {length} bytes" : "is missing (the file is shorter than a gzip header and trailer)";
            throw new InvalidDataException(
                $"{_path}: truncated: the gzip stream decompressed to {_produced} bytes but its trailer {trailer}; the file was cut short (or holds several concatenated gzip streams, which are not supported: decompress it or compress it again as one).");
        }
    }
}
