using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Dendrite.Weights;

namespace Dendrite;

/// <summary>
/// Saves and loads a network's parameters in the Dendrite weights format (docs/weights-format.md): magic,
/// format version, architecture fingerprint, layer shapes, little-endian float32 data and a CRC-32.
/// Generated network types expose the same operations as <c>Save(path)</c> and <c>Load(path)</c>.
/// </summary>
public static class WeightsFile
{
    /// <summary>
    /// Writes <paramref name="network"/>'s parameters to <paramref name="path"/> atomically: the file is written
    /// to a temporary file in the same directory, flushed to disk, then moved over <paramref name="path"/>. A
    /// crash or a full disk during the write leaves the previous file untouched.
    /// </summary>
    /// <exception cref="IOException">The file could not be written; any previous file at the path is intact.</exception>
    public static void Save<TNetwork>(TNetwork network, string path)
        where TNetwork : class, INetwork<TNetwork>
        => Save(network, path, static stream => stream);

    /// <summary>Writes <paramref name="network"/>'s parameters to <paramref name="stream"/> at its current position.</summary>
    public static void Save<TNetwork>(TNetwork network, Stream stream)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        byte[] file = Serialize(network);
        stream.Write(file, 0, file.Length);
        stream.Flush();
    }

    /// <summary>The bytes <see cref="Save{TNetwork}(TNetwork, Stream)"/> writes.</summary>
    public static byte[] Serialize<TNetwork>(TNetwork network)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkArchitecture architecture = TNetwork.Architecture;
        return WeightsFormat.Build(architecture.Fingerprint, ShapesOf(architecture), LittleEndian(network.Parameters), LittleEndian(network.NonTrainableParameters));
    }

    private static byte[] LittleEndian(ReadOnlySpan<float> values)
    {
        var data = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * sizeof(float)), values[i]);
        }

        return data;
    }

    /// <summary>
    /// Reads a weights file and checks it against <typeparamref name="TNetwork"/>'s architecture. Returns the
    /// parameters in the network's flat layout, followed by its non-trainable values (BatchNormalization's moving
    /// statistics; none for most networks), so <c>ParameterCount + NonTrainableParameterCount</c> values; nothing is
    /// returned unless every check passed. A version-1 file holds no non-trainable values.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a Dendrite weights file, has a newer format version, is truncated, fails its checksum,
    /// or was saved from another architecture. The message names the reason and the file.
    /// </exception>
    public static float[] ReadParameters<TNetwork>(string path)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] file = File.ReadAllBytes(path);
        return Parse<TNetwork>(file, file.Length, "'" + path + "'");
    }

    /// <summary>Reads a weights file from <paramref name="stream"/> (to its end) and checks it; see <see cref="ReadParameters{TNetwork}(string)"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid weights file for <typeparamref name="TNetwork"/>.</exception>
    public static float[] ReadParameters<TNetwork>(Stream stream)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse<TNetwork>(buffer.GetBuffer(), (int)buffer.Length, "in the stream");
    }

    /// <summary>
    /// Replaces <paramref name="network"/>'s parameters with those in the file at <paramref name="path"/>. The
    /// file is checked completely first, so on any error the network keeps its current parameters.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a valid weights file for <typeparamref name="TNetwork"/>.</exception>
    public static void LoadInto<TNetwork>(TNetwork network, string path)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        CopyInto(network, ReadParameters<TNetwork>(path));
    }

    /// <summary>Replaces <paramref name="network"/>'s parameters with those read from <paramref name="stream"/>; all or nothing.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid weights file for <typeparamref name="TNetwork"/>.</exception>
    public static void LoadInto<TNetwork>(TNetwork network, Stream stream)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        CopyInto(network, ReadParameters<TNetwork>(stream));
    }

    /// <summary>Parameters first, then the non-trainable values, as <see cref="ReadParameters{TNetwork}(string)"/> returns them.</summary>
    private static void CopyInto<TNetwork>(TNetwork network, float[] values)
        where TNetwork : class, INetwork<TNetwork>
    {
        Span<float> parameters = network.Parameters;
        values.AsSpan(0, parameters.Length).CopyTo(parameters);
        values.AsSpan(parameters.Length).CopyTo(network.NonTrainableParameters);
    }

    /// <summary>
    /// Copies little-endian float32 parameters (the data section of a weights file, as compiled into a type by
    /// the generator) into <paramref name="parameters"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public static void CopyLittleEndian(ReadOnlySpan<byte> data, Span<float> parameters)
    {
        if (data.Length != parameters.Length * sizeof(float))
        {
            throw new ArgumentException(
                $"Expected {parameters.Length * sizeof(float)} bytes for {parameters.Length} parameters, found {data.Length}.", nameof(data));
        }

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(data).CopyTo(parameters);
            return;
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * sizeof(float)));
        }
    }

    /// <summary>The atomic save, with a seam that lets tests wrap the file stream to inject failures.</summary>
    internal static void Save<TNetwork>(TNetwork network, string path, Func<Stream, Stream> decorate)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, Serialize(network), decorate);
    }

    private static float[] Parse<TNetwork>(byte[] file, int length, string source)
        where TNetwork : class, INetwork<TNetwork>
    {
        NetworkArchitecture architecture = TNetwork.Architecture;
        WeightsProblem problem = WeightsFormat.TryRead(file, length, out WeightsContent? content, out string reason);
        string? mismatch = problem == WeightsProblem.None
            ? WeightsFormat.CompareArchitecture(content!, architecture.Fingerprint, ShapesOf(architecture), TNetwork.NonTrainableParameterCount)
            : reason;
        if (mismatch is not null)
        {
            throw new InvalidDataException($"Cannot load the weights {source} into {architecture.Name}: {mismatch}.");
        }

        var parameters = new float[content!.ParameterCount + content.NonTrainableCount];
        CopyLittleEndian(file.AsSpan(content.DataOffset, parameters.Length * sizeof(float)), parameters);
        return parameters;
    }

    private static WeightsLayerShape[] ShapesOf(NetworkArchitecture architecture)
    {
        IReadOnlyList<LayerInfo> layers = architecture.Layers;
        var shapes = new WeightsLayerShape[layers.Count];
        for (int i = 0; i < shapes.Length; i++)
        {
            LayerInfo layer = layers[i];
            shapes[i] = new WeightsLayerShape(layer.InputShape.Size, layer.OutputShape.Size, layer.WeightCount, layer.BiasCount);
        }

        return shapes;
    }
}
