// Classifies the Fashion-MNIST test set with weights compiled into FashionClassifier, as a NativeAOT binary.
//
//   dotnet publish samples/AotInference -c Release -r linux-x64 -o artifacts/aot
//   artifacts/aot/AotInference [<data directory>] [--min-accuracy 0.87]
//   artifacts/aot/AotInference --help      (prints the usage and exits: CI times it as the start-up cost)
//
// Prints the accuracy and the latency of one Predict call; exits with 1 when the data is missing (saying how to get
// it) or the accuracy is below the minimum.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Numerics;
using Dendrite;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Samples.AotInference;

string? dataDirectory = null;
double minimumAccuracy = 0;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--help" or "-h")
    {
        Console.WriteLine("usage: AotInference [<Fashion-MNIST directory>] [--min-accuracy <fraction>]");
        Console.WriteLine($"The directory defaults to ${FashionMnistData.EnvironmentVariable}, else {FashionMnistData.DebianDirectory}.");
        Console.WriteLine("Classifies the Fashion-MNIST test set with FashionClassifier (784-64-10, weights compiled in).");
        return 0;
    }
    else if (args[i] == "--min-accuracy" && i + 1 < args.Length)
    {
        minimumAccuracy = double.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        dataDirectory = args[i];
    }
}

if (!FashionMnistData.TryLoadTest(dataDirectory, out Dataset test, howToPass: "the first argument"))
{
    return 1; // the message says what is missing or wrong, and how to get the data
}

float[] images = test.Inputs;
int[] labels = test.Labels!;

FashionClassifier network = FashionClassifier.Pretrained;
int samples = labels.Length;

// One pass to count correct answers, a second timed pass for latency: each image once, one Predict call each.
int correct = 0;
for (int i = 0; i < samples; i++)
{
    if (network.Classify(images.AsSpan(i * FashionClassifier.InputSize, FashionClassifier.InputSize)) == labels[i])
    {
        correct++;
    }
}

Span<float> output = stackalloc float[FashionClassifier.OutputSize];
var latencies = new double[samples];
for (int i = 0; i < samples; i++)
{
    long start = Stopwatch.GetTimestamp();
    network.Predict(images.AsSpan(i * FashionClassifier.InputSize, FashionClassifier.InputSize), output);
    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}

Array.Sort(latencies);
double accuracy = (double)correct / samples;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"FashionClassifier (784-64-10, weights compiled in), Vector<float>.Count = {Vector<float>.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {accuracy:0.0000} ({correct}/{samples})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency per image: median {latencies[samples / 2]:0.00} µs, p99 {latencies[(int)(samples * 0.99)]:0.00} µs"));

if (accuracy < minimumAccuracy)
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:0.0000} is below the minimum {minimumAccuracy:0.0000}"));
    return 1;
}

return 0;
