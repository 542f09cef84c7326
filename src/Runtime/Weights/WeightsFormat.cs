using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

// Compiled into the runtime and, linked, into the source generator; separate namespaces keep the two copies
// apart in projects that see both (the tests).
#if DENDRITE_GENERATOR
namespace Dendrite.Generator.Weights.Format;
#else
namespace Dendrite.Weights;
#endif

/// <summary>One layer's shape as a weights file records it.</summary>
/// <param name="Inputs">Values the layer reads per sample.</param>
/// <param name="Outputs">Values the layer produces per sample.</param>
/// <param name="Weights">Number of weights.</param>
/// <param name="Biases">Number of biases.</param>
internal readonly record struct WeightsLayerShape(int Inputs, int Outputs, int Weights, int Biases)
{
    public int Parameters => Weights + Biases;

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture, "{0}→{1} ({2} weights, {3} biases)", Inputs, Outputs, Weights, Biases);
}

/// <summary>Why a weights file was refused.</summary>
internal enum WeightsProblem
{
    None,
    WrongMagic,
    UnsupportedVersion,
    Truncated,
    Corrupt,
    ChecksumMismatch,
    ArchitectureMismatch,
}

/// <summary>What a valid weights file holds, with the parameters left in place in the file's bytes.</summary>
internal sealed class WeightsContent
{
    public WeightsContent(int version, string fingerprint, WeightsLayerShape[] layers, int parameterCount, int nonTrainableCount, int dataOffset)
    {
        NonTrainableCount = nonTrainableCount;
        Version = version;
        Fingerprint = fingerprint;
        Layers = layers;
        ParameterCount = parameterCount;
        DataOffset = dataOffset;
    }

    public int Version { get; }

    public string Fingerprint { get; }

    public WeightsLayerShape[] Layers { get; }

    public int ParameterCount { get; }

    /// <summary>Non-trainable values (moving statistics) stored after the parameters; always 0 in a version-1 file.</summary>
    public int NonTrainableCount { get; }

    /// <summary>Where the little-endian float32 parameters start in the file; the non-trainable values follow them.</summary>
    public int DataOffset { get; }
}

/// <summary>
/// The Dendrite weights file format (docs/weights-format.md), version 2. Every integer is little-endian.
/// <code>
/// offset  size  field
///      0     8  magic "DNWEIGHT" (ASCII)
///      8     4  format version (uint32) = 2 (1 is still read: it has no non-trainable section)
///     12     8  total file length in bytes, checksum included (uint64)
///     20     4  fingerprint length F in bytes (uint32)
///     24     F  architecture fingerprint, UTF-8, e.g. "Input(784) → Dense(25, ReLU) → Dense(10, Linear)"
///   24+F     4  layer count L (uint32)
///            16×L  per layer: inputs, outputs, weights, biases (uint32 each)
///            4  parameter count P (uint32)
///            4  non-trainable count S (uint32; version 2 and later; absent, so 0, in version 1)
///          4×P  parameters, float32, in the network's flat layout
///          4×S  non-trainable values (BatchNormalization's moving statistics), float32
///            4  CRC-32 (IEEE) of every byte before it
/// </code>
/// This file is compiled into both the runtime and the source generator (which checks compiled-in weights at
/// build time), so it targets netstandard2.0 and works on byte arrays.
/// </summary>
internal static class WeightsFormat
{
    /// <summary>The format version this code writes and the newest it reads.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Magic (8) + version (4) + total length (8).</summary>
    public const int PreambleSize = 20;

    public const int ChecksumSize = 4;

    /// <summary>"DNWEIGHT": identifies a Dendrite weights file.</summary>
    public static readonly byte[] Magic = { 0x44, 0x4E, 0x57, 0x45, 0x49, 0x47, 0x48, 0x54 };

    /// <summary>
    /// Checks a whole file and describes its content. Checks run in an order that makes the reason exact: the
    /// magic, then the version (a newer layout cannot be read further), then the length against the declared
    /// length (a cut file), then the checksum (any flipped byte), then the internal structure.
    /// </summary>
    public static WeightsProblem TryRead(byte[] file, int length, out WeightsContent? content, out string reason)
    {
        content = null;
        int magicBytes = Math.Min(length, Magic.Length);
        for (int i = 0; i < magicBytes; i++)
        {
            if (file[i] != Magic[i])
            {
                reason = "it is not a Dendrite weights file: expected the magic bytes \"DNWEIGHT\" at the start, found "
                    + Describe(file, 0, magicBytes);
                return WeightsProblem.WrongMagic;
            }
        }

        if (length < PreambleSize)
        {
            reason = Format("the file is truncated: expected at least {0} bytes of header, found {1} bytes", PreambleSize, length);
            return WeightsProblem.Truncated;
        }

        uint version = ReadUInt32(file, 8);
        if (version > CurrentVersion)
        {
            reason = Format("it was written in format version {0}, newer than this version of Dendrite reads (up to {1}): update Dendrite", version, CurrentVersion);
            return WeightsProblem.UnsupportedVersion;
        }

        if (version == 0)
        {
            reason = "it declares format version 0, which does not exist: the header is corrupt";
            return WeightsProblem.UnsupportedVersion;
        }

        ulong declaredLength = ReadUInt32(file, 12) | ((ulong)ReadUInt32(file, 16) << 32);
        if ((ulong)length < declaredLength)
        {
            reason = Format("the file is truncated: its header declares {0} bytes, found {1} bytes", declaredLength, length);
            return WeightsProblem.Truncated;
        }

        if ((ulong)length > declaredLength)
        {
            reason = Format("the file is corrupt: its header declares {0} bytes, found {1} bytes (a damaged header or data appended)", declaredLength, length);
            return WeightsProblem.Corrupt;
        }

        if (length < PreambleSize + ChecksumSize)
        {
            reason = Format("the file is corrupt: {0} bytes cannot hold a header and a checksum", length);
            return WeightsProblem.Corrupt;
        }

        int checksumOffset = length - ChecksumSize;
        uint stored = ReadUInt32(file, checksumOffset);
        uint computed = Crc32.Compute(file, 0, checksumOffset);
        if (stored != computed)
        {
            reason = Format("the checksum does not match: the file stores CRC-32 0x{0:X8}, its content gives 0x{1:X8}, so some bytes were changed", stored, computed);
            return WeightsProblem.ChecksumMismatch;
        }

        // The checksum holds, so the structure below was written by a writer; a mismatch now means a writer bug
        // or a deliberately forged file, still reported rather than trusted.
        int position = PreambleSize;
        if (!TryTake(checksumOffset, ref position, 4, out int at))
        {
            return Overrun("the fingerprint length", out reason);
        }

        uint fingerprintLength = ReadUInt32(file, at);
        if (fingerprintLength > int.MaxValue || !TryTake(checksumOffset, ref position, (int)fingerprintLength, out at))
        {
            return Overrun("the fingerprint", out reason);
        }

        string fingerprint = Encoding.UTF8.GetString(file, at, (int)fingerprintLength);
        if (!TryTake(checksumOffset, ref position, 4, out at))
        {
            return Overrun("the layer count", out reason);
        }

        uint layerCount = ReadUInt32(file, at);
        if (layerCount > (uint)(checksumOffset - position) / 16)
        {
            return Overrun("the layer shapes", out reason);
        }

        var layers = new WeightsLayerShape[layerCount];
        long parameterSum = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            TryTake(checksumOffset, ref position, 16, out at);
            layers[i] = new WeightsLayerShape(
                (int)Math.Min(ReadUInt32(file, at), int.MaxValue),
                (int)Math.Min(ReadUInt32(file, at + 4), int.MaxValue),
                (int)Math.Min(ReadUInt32(file, at + 8), int.MaxValue),
                (int)Math.Min(ReadUInt32(file, at + 12), int.MaxValue));
            parameterSum += (long)layers[i].Weights + layers[i].Biases;
        }

        if (!TryTake(checksumOffset, ref position, 4, out at))
        {
            return Overrun("the parameter count", out reason);
        }

        uint parameterCount = ReadUInt32(file, at);
        if (parameterCount != parameterSum)
        {
            reason = Format("the file is corrupt: it declares {0} parameters but its layer shapes add up to {1}", parameterCount, parameterSum);
            return WeightsProblem.Corrupt;
        }

        // Version 1 predates non-trainable state (BatchNormalization's moving statistics): its count is 0.
        uint nonTrainableCount = 0;
        if (version >= 2)
        {
            if (!TryTake(checksumOffset, ref position, 4, out at))
            {
                return Overrun("the non-trainable count", out reason);
            }

            nonTrainableCount = ReadUInt32(file, at);
        }

        long dataBytes = ((long)parameterCount + nonTrainableCount) * 4;
        if (dataBytes != checksumOffset - position)
        {
            reason = nonTrainableCount == 0
                ? Format("the file is corrupt: {0} parameters need {1} bytes of data, found {2}", parameterCount, dataBytes, checksumOffset - position)
                : Format("the file is corrupt: {0} parameters and {1} non-trainable values need {2} bytes of data, found {3}", parameterCount, nonTrainableCount, dataBytes, checksumOffset - position);
            return WeightsProblem.Corrupt;
        }

        content = new WeightsContent((int)version, fingerprint, layers, (int)parameterCount, (int)nonTrainableCount, position);
        reason = string.Empty;
        return WeightsProblem.None;
    }

    /// <summary>
    /// Compares a valid file with the architecture it is loaded into. Returns null when they match, otherwise
    /// the reason, naming the expected and the found layers.
    /// </summary>
    public static string? CompareArchitecture(WeightsContent content, string expectedFingerprint, IReadOnlyList<WeightsLayerShape> expectedLayers, int expectedNonTrainable)
    {
        if (!string.Equals(content.Fingerprint, expectedFingerprint, StringComparison.Ordinal))
        {
            return "it was saved from another architecture: expected " + expectedFingerprint + ", found " + content.Fingerprint;
        }

        if (content.Layers.Length != expectedLayers.Count)
        {
            return Format("its layer shapes do not match: expected {0} layers, found {1}", expectedLayers.Count, content.Layers.Length);
        }

        for (int i = 0; i < expectedLayers.Count; i++)
        {
            if (!content.Layers[i].Equals(expectedLayers[i]))
            {
                return Format("its layer shapes do not match: expected layer {0} to be {1}, found {2}", i + 1, expectedLayers[i], content.Layers[i]);
            }
        }

        if (content.NonTrainableCount != expectedNonTrainable)
        {
            return Format("its non-trainable values (moving statistics) do not match: expected {0}, found {1}", expectedNonTrainable, content.NonTrainableCount);
        }

        return null;
    }

    /// <summary>
    /// Builds a current-version file around <paramref name="parameterBytes"/> (little-endian float32, 4 per parameter)
    /// and <paramref name="nonTrainableBytes"/> (the same, for the moving statistics; empty for most networks).
    /// </summary>
    public static byte[] Build(string fingerprint, IReadOnlyList<WeightsLayerShape> layers, byte[] parameterBytes, byte[] nonTrainableBytes)
    {
        byte[] fingerprintBytes = Encoding.UTF8.GetBytes(fingerprint);
        int length = PreambleSize + 4 + fingerprintBytes.Length + 4 + (16 * layers.Count) + 4 + 4 + parameterBytes.Length + nonTrainableBytes.Length + ChecksumSize;
        var file = new byte[length];
        Array.Copy(Magic, file, Magic.Length);
        WriteUInt32(file, 8, CurrentVersion);
        WriteUInt32(file, 12, (uint)length);
        WriteUInt32(file, 16, 0);
        int position = PreambleSize;
        WriteUInt32(file, position, (uint)fingerprintBytes.Length);
        Array.Copy(fingerprintBytes, 0, file, position + 4, fingerprintBytes.Length);
        position += 4 + fingerprintBytes.Length;
        WriteUInt32(file, position, (uint)layers.Count);
        position += 4;
        foreach (WeightsLayerShape layer in layers)
        {
            WriteUInt32(file, position, (uint)layer.Inputs);
            WriteUInt32(file, position + 4, (uint)layer.Outputs);
            WriteUInt32(file, position + 8, (uint)layer.Weights);
            WriteUInt32(file, position + 12, (uint)layer.Biases);
            position += 16;
        }

        WriteUInt32(file, position, (uint)(parameterBytes.Length / 4));
        WriteUInt32(file, position + 4, (uint)(nonTrainableBytes.Length / 4));
        position += 8;
        Array.Copy(parameterBytes, 0, file, position, parameterBytes.Length);
        position += parameterBytes.Length;
        Array.Copy(nonTrainableBytes, 0, file, position, nonTrainableBytes.Length);
        position += nonTrainableBytes.Length;
        WriteUInt32(file, position, Crc32.Compute(file, 0, position));
        return file;
    }

    public static uint ReadUInt32(byte[] data, int offset) =>
        data[offset] | ((uint)data[offset + 1] << 8) | ((uint)data[offset + 2] << 16) | ((uint)data[offset + 3] << 24);

    public static void WriteUInt32(byte[] data, int offset, uint value)
    {
        data[offset] = (byte)value;
        data[offset + 1] = (byte)(value >> 8);
        data[offset + 2] = (byte)(value >> 16);
        data[offset + 3] = (byte)(value >> 24);
    }

    private static bool TryTake(int end, ref int position, int count, out int start)
    {
        start = position;
        if (count < 0 || count > end - position)
        {
            return false;
        }

        position += count;
        return true;
    }

    private static WeightsProblem Overrun(string what, out string reason)
    {
        reason = "the file is corrupt: " + what + " runs past the end of the data";
        return WeightsProblem.Corrupt;
    }

    private static string Describe(byte[] data, int offset, int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(data[offset + i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return count == 0 ? "an empty file" : "bytes " + text;
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
