using System;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;
using Dendrite.Generator.Weights.Format;

namespace Dendrite.Generator.Weights;

/// <summary>
/// One weights file read from an AdditionalFiles item. Equality is by path, length and a CRC-32 of the bytes,
/// never by the megabytes of content, so the cache compares cheaply and an unchanged file stays cached.
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
        ContentHash = Crc32.Compute(bytes, 0, bytes.Length);
    }

    public string Path { get; }

    /// <summary>The whole file (not part of equality).</summary>
    public byte[] Bytes { get; }

    public uint ContentHash { get; }

    public WeightsProblem Problem { get; }

    public string Reason { get; }

    public WeightsContent? Content { get; }

    public bool Equals(WeightsFileData? other) =>
        other is not null && Path == other.Path && Bytes.Length == other.Bytes.Length && ContentHash == other.ContentHash;

    public override bool Equals(object? obj) => Equals(obj as WeightsFileData);

    public override int GetHashCode() => unchecked((Path.GetHashCode() * 31) + (int)ContentHash);
}

/// <summary>The bind step's result for one network that names a weights file: a diagnostic or the data to emit.</summary>
internal sealed record CompiledWeights(NetworkPlan Plan, string FileName, WeightsFileData? File, DiagnosticInfo? Diagnostic);
