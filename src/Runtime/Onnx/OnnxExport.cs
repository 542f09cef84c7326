using System;
using System.IO;
using System.Reflection;
using Dendrite.Onnx;

namespace Dendrite;

/// <summary>
/// <c>model.SaveOnnx(path)</c> on every generated network: writes a standard ONNX model (opset 17, IR version 8) that
/// computes what <c>Predict</c> computes, for ONNX Runtime, other ONNX tools and other frameworks. The graph takes
/// <c>"input"</c>, float [batch, …] (images channels-last, [batch, H, W, C], as Dendrite takes them) and gives
/// <c>"output"</c>, float [batch, OutputSize], including the output layer's activation: a FromLogits network exports
/// its logits, as its <c>Predict</c> returns them. docs/onnx.md ("Export") lists how each layer maps; OnnxExportTests
/// runs every layer kind and activation through ONNX Runtime. Extension methods rather than generated members, so
/// the export is one piece of runtime code shared by every network and the generated code does not grow.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the files use: opset 17, which torch 1.13 exports and ONNX Runtime 1.31 runs.</summary>
    public const int Opset = (int)OnnxModelEncoder.Opset;

    /// <summary>
    /// Writes <paramref name="network"/> as an ONNX model to <paramref name="path"/> atomically, as <c>Save</c> does: into
    /// a temporary file in the same directory, flushed to disk, then moved over <paramref name="path"/>, so a crash or a
    /// full disk leaves any previous file untouched.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or not a valid path.</exception>
    /// <exception cref="IOException">The file could not be written; any previous file at the path is intact.</exception>
    public static void SaveOnnx<TNetwork>(this TNetwork network, string path)
        where TNetwork : class, INetwork<TNetwork>
        => SaveOnnx(network, path, static stream => stream);

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/> at its current position, then flushes it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written to.</exception>
    public static void SaveOnnx<TNetwork>(this TNetwork network, Stream stream)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("Expected a writable stream, found one that cannot be written to.", nameof(stream));
        }

        byte[] model = Serialize(network);
        stream.Write(model, 0, model.Length);
        stream.Flush();
    }

    /// <summary>
    /// The bytes <see cref="SaveOnnx{TNetwork}(TNetwork, Stream)"/> writes: an ONNX ModelProto of the network with its
    /// current parameters and BatchNormalization statistics. The same network and values always give the same bytes.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static byte[] Serialize<TNetwork>(TNetwork network)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkArchitecture architecture = TNetwork.Architecture;
        OnnxGraph graph = OnnxExporter.Build(architecture, network.Parameters.ToArray(), network.NonTrainableParameters.ToArray());
        return OnnxModelEncoder.Encode(graph, ProducerVersion, architecture.Fingerprint);
    }

    /// <summary>The atomic save, with a seam that lets tests wrap the file stream to inject failures.</summary>
    internal static void SaveOnnx<TNetwork>(TNetwork network, string path, Func<Stream, Stream> decorate)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Serialize(network), decorate);
    }

    private static string ProducerVersion =>
        typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
}
