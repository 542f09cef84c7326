// Multi-label classification: every image gets several yes/no labels at once, and any combination can be true.
// Data: scikit-learn's 8×8 handwritten digits, each digit d labelled with four properties of d —
//   even (0 2 4 6 8) · at least 5 (5 6 7 8 9) · prime (2 3 5 7) · drawn with a closed loop (0 6 8 9)
// so an 8 is "even, ≥ 5, loop" and a 1 is none of them. The network never sees the digit itself, only the four
// answers, and must read each property from the pixels.
using System;
using System.Collections.Generic;
using Dendrite;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Samples.MultiLabel;

string[] labelNames = ["even", "≥ 5", "prime", "closed loop"];
Func<int, bool>[] properties =
[
    digit => digit % 2 == 0,
    digit => digit >= 5,
    digit => digit is 2 or 3 or 5 or 7,
    digit => digit is 0 or 6 or 8 or 9,
];

var options = new Dictionary<string, string>
{
    ["data"] = "a directory with digits.csv.gz (default: samples/data, from samples/Digits/get-data.sh)",
    ["epochs"] = "passes over the training data (default 60)",
};
SampleArguments? arguments = SampleArguments.Parse(args, "Trains four sigmoid outputs that can all be true at once.", options, out int exitCode);
if (arguments is null)
{
    return exitCode;
}

string? path = SklearnData.Find("digits.csv.gz", arguments.Text("data"));
if (path is null)
{
    return 1;
}

Dataset digits = CsvReader.ReadLabeled(path, labelColumn: -1);
Scaling.ToUnitRange(digits.Inputs, 0, 16);

// Replace each digit's class by its four 0/1 properties: the targets of the four sigmoid outputs.
var targets = new float[digits.Count * properties.Length];
for (int i = 0; i < digits.Count; i++)
{
    for (int p = 0; p < properties.Length; p++)
    {
        targets[(i * properties.Length) + p] = properties[p](digits.Labels![i]) ? 1f : 0f;
    }
}

Dataset data = Dataset.WithTargets(digits.Inputs, 64, targets, properties.Length);
(Dataset train, Dataset test) = DataSplit.TrainTestSplit(data, testFraction: 0.2f, seed: 42);
var model = new DigitPropertiesNet(seed: 5);
Console.WriteLine($"Digits with 4 labels each: {train.Count:N0} training and {test.Count:N0} test images; network 64-32-4 with sigmoid outputs.");
model.Fit(train.Inputs, train.Targets, new FitOptions { Epochs = arguments.PositiveInt("epochs", 60), BatchSize = 32, Optimizer = new Adam(1e-3f), Seed = 5, Verbosity = Verbosity.Silent });
EvaluationResult result = model.Evaluate(test.Inputs, test.Targets);

// Per-label accuracy: each output thresholded at 0.5 against its own target.
var outputs = new float[test.Count * properties.Length];
model.PredictBatch(test.Inputs, outputs);
Console.WriteLine();
Console.WriteLine("Test accuracy per label (output ≥ 0.5 means yes):");
for (int p = 0; p < properties.Length; p++)
{
    int right = 0;
    for (int i = 0; i < test.Count; i++)
    {
        bool said = outputs[(i * properties.Length) + p] >= 0.5f;
        right += said == (test.Targets![(i * properties.Length) + p] == 1f) ? 1 : 0;
    }

    Console.WriteLine($"  {labelNames[p],-12} {(double)right / test.Count:0.0000}");
}

Console.WriteLine($"Average over the labels (Accuracy): {result.Accuracy:0.0000}");
Console.WriteLine($"All four labels right (ExactMatch): {result.ExactMatch:0.0000}  — stricter: one wrong label makes the image wrong.");
Console.WriteLine();
Console.WriteLine("A few test images and the four probabilities:");
for (int i = 0; i < 5; i++)
{
    var said = new List<string>();
    var truth = new List<string>();
    for (int p = 0; p < properties.Length; p++)
    {
        float probability = outputs[(i * properties.Length) + p];
        said.Add($"{labelNames[p]} {probability:0.00}");
        if (test.Targets![(i * properties.Length) + p] == 1f)
        {
            truth.Add(labelNames[p]);
        }
    }

    Console.WriteLine($"  image {i}: {string.Join(" · ", said)}   (true: {(truth.Count == 0 ? "none" : string.Join(", ", truth))})");
}

return 0;
