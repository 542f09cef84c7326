using System.Runtime.InteropServices;

namespace Dendrite.Benchmarks;

/// <summary>
/// The ONNX models of workloads A and B in <c>bench/models/</c> (written by
/// <c>tests/Dendrite.Tests/Onnx/Fixtures/make-fixtures.py</c> with <c>torch.onnx.export</c>, opset 17, dynamic batch),
/// and the same weights as a <c>.f32</c> file in Dendrite's parameter layout (per layer: weights units × inputs
/// row-major, then biases; little-endian float32), copied into the Dendrite networks so both runtimes compute the
/// same function on the same inputs.
/// </summary>
public static class OnnxWorkloadModels
{
    /// <summary><c>bench/models/</c>, found by walking up from the build output to the folder that holds it.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>
    /// The PyTorch-trained Fashion-MNIST CNN of the ONNX fixtures (tests/Dendrite.Tests/Onnx/Fixtures/fashion-cnn.onnx),
    /// the model samples/OnnxImport compiles: input [batch, 1, 28, 28], 10 logits.
    /// </summary>
    public static string CnnFixturePath { get; } = Path.GetFullPath(Path.Combine(Folder, "..", "..", "tests", "Dendrite.Tests", "Onnx", "Fixtures", "fashion-cnn.onnx"));

    /// <summary>The ONNX file of workload "A" or "B".</summary>
    public static string OnnxPath(string workload) => Path.Combine(Folder, $"workload-{workload.ToLowerInvariant()}.onnx");

    /// <summary>
    /// Overwrites <paramref name="parameters"/> (a network's <c>Parameters</c>) with the workload's exported weights.
    /// Throws when the file's length does not match the network's parameter count.
    /// </summary>
    public static void CopyWeightsInto(string workload, Span<float> parameters)
    {
        string path = Path.Combine(Folder, $"workload-{workload.ToLowerInvariant()}.f32");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length != parameters.Length * sizeof(float))
        {
            throw new InvalidDataException($"{path} holds {bytes.Length / sizeof(float)} floats; workload {workload} has {parameters.Length} parameters.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The .f32 files are little-endian.");
        }

        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(parameters);
    }

    private static string FindFolder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "models");
            if (File.Exists(Path.Combine(candidate, "workload-a.onnx")))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, "workload-a.onnx")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("bench/models/workload-a.onnx not found above " + AppContext.BaseDirectory + ": run tests/Dendrite.Tests/Onnx/Fixtures/make-fixtures.py --only bench.");
    }
}
