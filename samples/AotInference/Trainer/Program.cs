// Trains the AOT sample's network on the Fashion-MNIST training set and saves samples/AotInference/fashion.weights.
//
//   dotnet run -c Release --project samples/AotInference/Trainer [-- <output path> [<data directory>]]
//
// Deterministic: the same seed and data give a bit-identical file.
using System;
using System.Diagnostics;
using System.IO;
using Dendrite;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Samples.AotInference;

string output = args.Length > 0 ? args[0] : Path.Combine("samples", "AotInference", "fashion.weights");
string? dataDirectory = args.Length > 1 ? args[1] : null;

if (!FashionMnistData.TryLoad(dataDirectory, out Dataset train, out Dataset test, howToPass: "the second argument"))
{
    return 1; // the message says what is missing or wrong, and how to get the data
}

float[] images = train.Inputs;
int[] labels = train.Labels!;
float[] testImages = test.Inputs;
int[] testLabels = test.Labels!;

var network = new FashionClassifier(seed: 42);
var clock = Stopwatch.StartNew();
network.Fit(images, labels, new FitOptions
{
    Epochs = 8,
    BatchSize = 64,
    Optimizer = new Adam(0.001f),
    Seed = 42,
    Verbosity = Verbosity.EpochLines,
});
EvaluationResult result = network.Evaluate(testImages, testLabels);
Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:0.0} s; test accuracy {result.Accuracy!.Value:P2}, loss {result.Loss:0.0000}.");

network.Save(output);
Console.WriteLine($"Saved {new FileInfo(output).Length:N0} bytes to {output}.");
return 0;
