// The course's handwritten-digit network (25-15-10, ReLU, linear output, sparse categorical cross-entropy from
// logits, Adam 10⁻³) on real digits: scikit-learn's 1,797 8×8 digits by default, MNIST when --data points at its
// IDX files. Prints the network's summary table, the accuracy and a few test digits with the probabilities softmax gives their logits.
using System;
using System.Collections.Generic;
using System.IO;
using Dendrite;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Samples.Digits;

var options = new Dictionary<string, string>
{
    ["data"] = "a directory with MNIST's IDX files, or with digits.csv.gz (default: samples/data, from get-data.sh)",
    ["epochs"] = "passes over the training data (default 100 for the 8×8 digits, 10 for MNIST)",
};
SampleArguments? arguments = SampleArguments.Parse(args, "Trains the course's 25-15-10 digit network.", options, out int exitCode);
if (arguments is null)
{
    return exitCode;
}

string? dataDirectory = arguments.Text("data");
if (dataDirectory is not null && IsMnistDirectory(dataDirectory))
{
    // MNIST: 60,000 + 10,000 images of 28×28.
    Dataset train, test;
    try
    {
        (train, test) = Mnist.Load(dataDirectory);
    }
    catch (Exception e) when (e is DatasetNotFoundException or InvalidDataException)
    {
        Console.Error.WriteLine(e.Message); // names the directory and the missing or corrupt file
        return 1;
    }

    var model = new MnistDigitNet(seed: 1);
    Console.WriteLine($"MNIST: {train.Count:N0} training and {test.Count:N0} test images of 28×28; network 784-25-15-10 ({MnistDigitNet.ParameterCount:N0} parameters).");
    model.Summary();
    model.Fit(train.Inputs, train.Labels, Options(arguments.PositiveInt("epochs", 10), Verbosity.ProgressBar));
    Report(model.Evaluate(test.Inputs, test.Labels), test, 28, model.PredictProbabilities);
    return 0;
}

string? path = SklearnData.Find("digits.csv.gz", dataDirectory);
if (path is null)
{
    return 1;
}

// scikit-learn's digits: 64 grey levels 0…16 then the label, one digit per line, no header.
Dataset digits = CsvReader.ReadLabeled(path, labelColumn: -1);
Scaling.ToUnitRange(digits.Inputs, 0, 16);
(Dataset trainSet, Dataset testSet) = DataSplit.TrainTestSplit(digits, testFraction: 0.2f, seed: 42);
var net = new SmallDigitNet(seed: 1);
Console.WriteLine($"scikit-learn digits: {trainSet.Count:N0} training and {testSet.Count:N0} test images of 8×8; network 64-25-15-10 ({SmallDigitNet.ParameterCount:N0} parameters).");
net.Summary(); // Keras' model.summary(): layers, output shapes, parameters
TrainingHistory history = net.Fit(trainSet.Inputs, trainSet.Labels, Options(arguments.PositiveInt("epochs", 100), Verbosity.Silent));
foreach (EpochResult epoch in history.Epochs)
{
    if (epoch.Epoch == 1 || epoch.Epoch % 20 == 0 || epoch.Epoch == history.Epochs.Count)
    {
        Console.WriteLine($"epoch {epoch.Epoch,3}: loss {epoch.Loss:0.0000}, accuracy {epoch.Accuracy:0.0000}");
    }
}

Report(net.Evaluate(testSet.Inputs, testSet.Labels), testSet, 8, net.PredictProbabilities);
return 0;

static FitOptions Options(int epochs, Verbosity verbosity) => new()
{
    Epochs = epochs,
    BatchSize = 32,
    Optimizer = new Adam(learningRate: 1e-3f),
    Seed = 1,
    Verbosity = verbosity,
};

static bool IsMnistDirectory(string directory) =>
    Directory.Exists(directory) && Directory.GetFiles(directory, "*idx3-ubyte*").Length > 0;

// Test accuracy, then a few test digits drawn in ASCII with softmax(logits): the course's
// "prediction = model(x); softmax(prediction); argmax" in one picture.
static void Report(EvaluationResult result, Dataset test, int side, Probabilities predictProbabilities)
{
    Console.WriteLine($"Test accuracy {result.Accuracy:0.0000}, test loss {result.Loss:0.0000} ({test.Count:N0} digits).");
    Console.WriteLine();
    Span<float> probabilities = stackalloc float[10];
    int firstMistake = -1;
    for (int i = 0; i < test.Count && firstMistake < 0; i++)
    {
        predictProbabilities(test.Input(i), probabilities);
        if (Activations.ArgMax(probabilities) != test.Labels![i])
        {
            firstMistake = i;
        }
    }

    foreach (int index in new[] { 0, 1, 2, firstMistake })
    {
        if (index < 0)
        {
            continue;
        }

        predictProbabilities(test.Input(index), probabilities);
        int predicted = Activations.ArgMax(probabilities);
        string verdict = predicted == test.Labels![index] ? "right" : "WRONG";
        Console.WriteLine($"Test digit #{index}: label {test.Labels[index]}, predicted {predicted} ({verdict}){(index == firstMistake ? " — the first mistake" : string.Empty)}");
        string[] art = ConsoleFormat.AsciiArt(test.Input(index), side, side);
        int lines = Math.Max(art.Length, 10);
        for (int line = 0; line < lines; line++)
        {
            string left = line < art.Length ? $"|{art[line]}|" : new string(' ', (2 * side) + 2);
            string right = line < 10 ? $"{line}: {probabilities[line]:0.000} {new string('█', (int)MathF.Round(probabilities[line] * 30))}" : string.Empty;
            Console.WriteLine($"  {left}  {right}");
        }

        Console.WriteLine();
    }
}

/// <summary>A network's PredictProbabilities method.</summary>
internal delegate void Probabilities(ReadOnlySpan<float> input, Span<float> probabilities);
