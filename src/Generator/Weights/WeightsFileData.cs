using System;
using Dendrite.Generator.Model;
using Dendrite.Generator.Weights.Format;

namespace Dendrite.Generator.Weights;

/// <summary>
/// One weights file read from an AdditionalFiles item. Equality is by path and content: a 64-bit FNV-1a hash
/// rejects different files cheaply and a byte comparison (a memcmp, microseconds for a megabyte) confirms equal
/// ones, so an unchanged file stays cached and a changed one is never mistaken for it.
/// Not a CRC-32 of the bytes: every valid weights file ends with the CRC-32 of what precedes it, and the CRC-32
/// of such a message is the same constant for all of them.
/// </summary>
internal sealed class WeightsFileData : IEquatable<WeightsFileData>
{
    public WeightsFileData(string path, byte[] bytes, WeightsProblem problem, string reason, WeightsContent? content)
    {
        Path = path;
        Bytes = bytes;
        Problem = problem;
        Reason = reason;
        Content = content;
        ContentHash = Fnv1a64(bytes);
    }

    public string Path { get; }

    /// <summary>The whole file (not part of equality).</summary>
    public byte[] Bytes { get; }

    public ulong ContentHash { get; }

    public WeightsProblem Problem { get; }

    public string Reason { get; }

    public WeightsContent? Content { get; }

    public bool Equals(WeightsFileData? other) =>
        other is not null && Path == other.Path && ContentHash == other.ContentHash && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => Equals(obj as WeightsFileData);

    public override int GetHashCode() => unchecked((Path.GetHashCode() * 31) + ContentHash.GetHashCode());

    private static ulong Fnv1a64(byte[] bytes)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes)
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }
}

/// <summary>The bind step's result for one network that names a weights file: a diagnostic or the data to emit.</summary>
internal sealed record CompiledWeights(NetworkPlan Plan, string FileName, WeightsFileData? File, DiagnosticInfo? Diagnostic);

/// <summary>
/// A network that names a weights file: its location-free plan, and where to point a diagnostic. The location
/// lives only in a failed binding's diagnostic, so a successful one compares equal across edits that merely move
/// the class, and the large Pretrained file is not emitted again.
/// </summary>
internal sealed record WeightsRequest(NetworkPlan Plan, LocationInfo? Location);
