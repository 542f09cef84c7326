// Trains the AOT sample's network on the Fashion-MNIST training set and saves samples/AotInference/fashion.weights.
//
//   dotnet run -c Release --project samples/AotInference/Trainer [-- <output path> [<data directory>]]
//
// Deterministic: the same seed and data give a bit-identical file.
using System;
using System.Diagnostics;
using System.IO;
using Dendrite;
using Dendrite.Samples.AotInference;

string output = args.Length > 0 ? args[0] : Path.Combine("samples", "AotInference", "fashion.weights");
string dataDirectory = args.Length > 1 ? args[1] : FashionMnistFile.DefaultDirectory;

float[] images = FashionMnistFile.ReadImages(Path.Combine(dataDirectory, "train-images-idx3-ubyte.gz"));
int[] labels = FashionMnistFile.ReadLabels(Path.Combine(dataDirectory, "train-labels-idx1-ubyte.gz"));
float[] testImages = FashionMnistFile.ReadImages(Path.Combine(dataDirectory, "t10k-images-idx3-ubyte.gz"));
int[] testLabels = FashionMnistFile.ReadLabels(Path.Combine(dataDirectory, "t10k-labels-idx1-ubyte.gz"));

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
EvaluationResult test = network.Evaluate(testImages, testLabels);
Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:0.0} s; test accuracy {test.Accuracy!.Value:P2}, loss {test.Loss:0.0000}.");

network.Save(output);
Console.WriteLine($"Saved {new FileInfo(output).Length:N0} bytes to {output}.");
