// Classifies the Fashion-MNIST test set with a CNN that PyTorch trained, compiled from its ONNX file into
// FashionCnn at build time, as a NativeAOT binary with no native library.
//
//   dotnet publish samples/OnnxImport -c Release -r linux-x64 -o artifacts/onnx-import
//   artifacts/onnx-import/OnnxImport [<data directory>]
//   artifacts/onnx-import/OnnxImport --help
//
// Prints the test accuracy beside PyTorch's recorded one for the same file (fixtures.json), the executable's size and
// the latency of one Predict call. Exits with 1 when the data is missing (saying how to get it) or when the number
// of correctly classified images differs from PyTorch's.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Numerics;
using Dendrite;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Samples.OnnxImport;

string? dataDirectory = null;
foreach (string arg in args)
{
    if (arg is "--help" or "-h")
    {
        Console.WriteLine("usage: OnnxImport [<Fashion-MNIST directory>]");
        Console.WriteLine($"The directory defaults to ${FashionMnistData.EnvironmentVariable}, else {FashionMnistData.DebianDirectory}.");
        Console.WriteLine("Classifies the Fashion-MNIST test set with FashionCnn, compiled from PyTorch's fashion-cnn.onnx.");
        return 0;
    }

    dataDirectory = arg;
}

if (!FashionMnistData.TryLoadTest(dataDirectory, out Dataset test, howToPass: "the first argument"))
{
    return 1; // the message says what is missing or wrong, and how to get the data
}

float[] images = test.Inputs;
int[] labels = test.Labels!;
int samples = labels.Length;
FashionCnn network = FashionCnn.Pretrained;

// One pass to count correct answers, a second timed pass for latency: each image once, one Predict call each.
int correct = 0;
for (int i = 0; i < samples; i++)
{
    if (network.Classify(images.AsSpan(i * FashionCnn.InputSize, FashionCnn.InputSize)) == labels[i])
    {
        correct++;
    }
}

Span<float> output = stackalloc float[FashionCnn.OutputSize];
var latencies = new double[samples];
for (int i = 0; i < samples; i++)
{
    long start = Stopwatch.GetTimestamp();
    network.Predict(images.AsSpan(i * FashionCnn.InputSize, FashionCnn.InputSize), output);
    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}

Array.Sort(latencies);
(int pyTorchCorrect, int pyTorchCount) = PyTorchRecord.TestResult("fashion-cnn.onnx");
string executable = Environment.ProcessPath ?? "";
long size = File.Exists(executable) ? new FileInfo(executable).Length : 0;
bool underDotnetHost = Path.GetFileNameWithoutExtension(executable) == "dotnet";

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"FashionCnn, compiled from PyTorch's fashion-cnn.onnx ({network.Parameters.Length:N0} parameters), Vector<float>.Count = {Vector<float>.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"test accuracy: {(double)correct / samples:0.0000} ({correct}/{samples}); PyTorch's on the same file: {(double)pyTorchCorrect / pyTorchCount:0.0000} ({pyTorchCorrect}/{pyTorchCount})"));
Console.WriteLine(underDotnetHost
    ? "executable: the dotnet host (JIT); publish with NativeAOT (see README.md) to measure the binary"
    : string.Create(CultureInfo.InvariantCulture, $"executable: {Path.GetFileName(executable)}, {size:N0} bytes ({size / 1048576.0:0.00} MB)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency per image: median {latencies[samples / 2]:0.0} µs, p99 {latencies[(int)(samples * 0.99)]:0.0} µs"));

if (samples == pyTorchCount && correct != pyTorchCorrect)
{
    Console.Error.WriteLine($"{correct} images classified correctly, PyTorch {pyTorchCorrect}: the compiled network does not reproduce PyTorch's");
    return 1;
}

return 0;
