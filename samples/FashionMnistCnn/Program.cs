using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Dendrite;
using FashionMnistCnn;

// Trains the convolutional network on Fashion-MNIST and reports test accuracy, a confusion matrix and a
// picture of the training curves.
//   dotnet run -c Release --project samples/FashionMnistCnn -- [epochs] [training samples] [data directory]
string[] classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
int trainCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60_000;
string directory = args.Length > 2 ? args[2] : "/usr/share/datasets/fashion-mnist";

float[] trainImages = IdxFile.ReadImages(Path.Combine(directory, "train-images-idx3-ubyte.gz"), out int available);
int[] trainLabels = IdxFile.ReadLabels(Path.Combine(directory, "train-labels-idx1-ubyte.gz"));
float[] testImages = IdxFile.ReadImages(Path.Combine(directory, "t10k-images-idx3-ubyte.gz"), out int testCount);
int[] testLabels = IdxFile.ReadLabels(Path.Combine(directory, "t10k-labels-idx1-ubyte.gz"));
trainCount = Math.Min(trainCount, available);

Console.WriteLine($"Fashion-MNIST: {trainCount:N0} training and {testCount:N0} test images of 28×28×1.");
Console.WriteLine(FashionCnn.Architecture);
Console.WriteLine($"{FashionCnn.ParameterCount:N0} parameters. Vector<float> has {System.Numerics.Vector<float>.Count} lanes.");
Console.WriteLine();

var network = new FashionCnn(seed: 1);
var clock = Stopwatch.StartNew();
TrainingHistory history = network.Fit(
    trainImages.AsSpan(0, trainCount * FashionCnn.InputSize),
    trainLabels.AsSpan(0, trainCount),
    new FitOptions
    {
        Epochs = epochs,
        BatchSize = 64,
        Optimizer = new Adam(learningRate: 0.001f),
        ValidationData = Dataset.WithLabels(testImages, FashionCnn.InputSize, testLabels),
        Verbosity = Verbosity.ProgressBar,
        Seed = 1,
    });
clock.Stop();

EvaluationResult test = network.Evaluate(testImages, testLabels);
Console.WriteLine();
Console.WriteLine($"Test accuracy {test.Accuracy:P2}, loss {test.Loss:F4} after {history.Epochs.Count} epochs.");
Console.WriteLine($"Training took {clock.Elapsed.TotalSeconds:F0} s ({clock.Elapsed.TotalSeconds / history.Epochs.Count:F0} s per epoch, validation included).");

// Confusion matrix: rows are the true classes, columns the predicted ones.
var confusion = new int[10, 10];
for (int i = 0; i < testCount; i++)
{
    confusion[testLabels[i], network.Classify(testImages.AsSpan(i * FashionCnn.InputSize, FashionCnn.InputSize))]++;
}

Console.WriteLine();
Console.WriteLine("Confusion matrix (rows: true class, columns: predicted class)");
Console.WriteLine(new string(' ', 13) + string.Concat(Enumerable.Range(0, 10).Select(j => j.ToString(CultureInfo.InvariantCulture).PadLeft(6))) + "  recall");
for (int t = 0; t < 10; t++)
{
    int total = Enumerable.Range(0, 10).Sum(j => confusion[t, j]);
    Console.WriteLine($"{t} {classes[t],-11}" + string.Concat(Enumerable.Range(0, 10).Select(j => confusion[t, j].ToString(CultureInfo.InvariantCulture).PadLeft(6))) + $"  {(double)confusion[t, t] / total,6:P1}");
}

string picture = Path.GetFullPath("fashion-cnn-training.svg");
CurvePicture.Write(picture, history);
Console.WriteLine();
Console.WriteLine($"Training curves: {picture}");
