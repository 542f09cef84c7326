// Trains the web sample's digit network on scikit-learn's 8×8 digits and saves samples/WebInference/digits.weights,
// which the server compiles in ([Network(Weights = "digits.weights")]). Prints the test accuracy and the confusion
// matrix, and draws the training curves, with the library's reports (Dendrite.Reports).
//
//   bash samples/Digits/get-data.sh                                   # once: samples/data/digits.csv.gz
//   dotnet run -c Release --project samples/WebInference/Trainer [-- <weights path> [<data directory>]]
//
// Deterministic: the same seeds and data give a bit-identical file.
using System;
using System.IO;
using Dendrite;
using Dendrite.Data;
using Dendrite.Reports;
using Dendrite.Samples;
using Dendrite.Samples.WebInference;

string output = args.Length > 0 ? args[0] : Path.Combine("samples", "WebInference", "digits.weights");
string? path = SklearnData.Find("digits.csv.gz", args.Length > 1 ? args[1] : null);
if (path is null)
{
    return 1; // SklearnData printed where it looked and how to get the file
}

// 1,797 digits: 64 ink counts 0…16 (how many of a 4×4 block's pixels are ink) then the label.
Dataset digits = CsvReader.ReadLabeled(path, labelColumn: -1);
Scaling.ToUnitRange(digits.Inputs, 0, 16);
(Dataset train, Dataset test) = DataSplit.TrainTestSplit(digits, testFraction: 0.2f, seed: 42);

var network = new DigitNet(seed: 1);
TrainingHistory history = network.Fit(train.Inputs, train.Labels, new FitOptions
{
    Epochs = 100,
    BatchSize = 32,
    Optimizer = new Adam(1e-3f),
    ValidationSplit = 0.1f,
    Seed = 1,
    Verbosity = Verbosity.Silent,
});
EvaluationResult result = network.Evaluate(test.Inputs, test.Labels);
Console.WriteLine($"{history.Epochs.Count} epochs; test accuracy {result.Accuracy:0.0000}, loss {result.Loss:0.0000} ({test.Count} digits).");
Console.Write(ConfusionMatrix.Compute(network, test.Inputs, test.Labels).ToText());

network.Save(output);
string curves = Path.ChangeExtension(output, ".curves.svg");
TrainingCurves.WriteSvg(history, curves, $"DigitNet 64-25-15-10 on scikit-learn digits: test accuracy {result.Accuracy:0.0000}");
Console.WriteLine($"Saved {new FileInfo(output).Length:N0} bytes to {output}; training curves in {curves}.");
return 0;
