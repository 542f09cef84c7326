using System;
using System.Text;
using System.Threading;
using Dendrite.Generator.Weights;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// One ONNX file read from an AdditionalFiles item: its bytes (from the Base64 copy build/Dendrite.targets makes, as for
/// weights files), or why they could not be had. Equality is by path and content (FNV-1a, then the bytes).
/// </summary>
internal sealed class OnnxFileData : IEquatable<OnnxFileData>
{
    /// <summary>The largest file compiled in: 16 MiB, about four million parameters (each byte becomes about five characters of C#).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private OnnxFileData(string path, byte[] bytes, long size, string? problem)
    {
        Path = path;
        Bytes = bytes;
        Size = size;
        Problem = problem;
        foreach (byte b in bytes)
        {
            ContentHash = unchecked((ContentHash ^ b) * 1099511628211UL);
        }
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    /// <summary>The file's size in bytes (known before decoding, for the cap).</summary>
    public long Size { get; }

    /// <summary>Why the bytes could not be recovered, or null.</summary>
    public string? Problem { get; }

    public ulong ContentHash { get; } = 14695981039346656037UL;

    public static OnnxFileData Read(AdditionalText file, CancellationToken cancellationToken)
    {
        SourceText? text = file.GetText(cancellationToken);
        if (text is null)
        {
            return new OnnxFileData(file.Path, new byte[0], 0, "the compiler could not read it (binary AdditionalFiles reach generators only through the Base64 copy Dendrite.targets makes of files ending in .onnx)");
        }

        bool base64 = file.Path.EndsWith(".base64", StringComparison.OrdinalIgnoreCase);
        long size = base64 ? text.Length / 4L * 3 : text.Length;
        if (size > MaxBytes)
        {
            return new OnnxFileData(file.Path, new byte[0], size, null);
        }

        try
        {
            byte[] bytes = base64 ? Convert.FromBase64String(text.ToString().Trim()) : (text.Encoding ?? Latin1).GetBytes(text.ToString());
            return new OnnxFileData(file.Path, bytes, bytes.Length, null);
        }
        catch (Exception exception) when (exception is EncoderFallbackException or FormatException)
        {
            return new OnnxFileData(file.Path, new byte[0], 0, "its bytes could not be recovered from the compiler's text (" + exception.Message + ")");
        }
    }

    public static bool Matches(string path, string name) => AdditionalWeightsReader.Matches(path, name);

    public bool Equals(OnnxFileData? other) =>
        other is not null && Path == other.Path && Size == other.Size && Problem == other.Problem && ContentHash == other.ContentHash && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => Equals(obj as OnnxFileData);

    public override int GetHashCode() => unchecked((Path.GetHashCode() * 31) + ContentHash.GetHashCode());

    // ISO-8859-1 maps every byte to the char with the same value.
    private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);
}
