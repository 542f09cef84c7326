// Binary classification, the course's sigmoid + binary cross-entropy: is a breast mass malignant or benign?
// Data: the Wisconsin diagnostic breast-cancer set shipped by Debian's python3-sklearn (569 samples,
// 30 features computed from a cell-nucleus image, label 0 = malignant, 1 = benign).
using System;
using System.Collections.Generic;
using Dendrite;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Samples.BinaryClassification;

var options = new Dictionary<string, string>
{
    ["data"] = "a directory with breast_cancer.csv (default: samples/data, from samples/Digits/get-data.sh)",
    ["epochs"] = "passes over the training data (default 50)",
};
SampleArguments? arguments = SampleArguments.Parse(args, "Trains a sigmoid classifier on the breast-cancer data.", options, out int exitCode);
if (arguments is null)
{
    return exitCode;
}

string? path = SklearnData.Find("breast_cancer.csv", arguments.Text("data"));
if (path is null)
{
    return 1;
}

// The first line is scikit-learn's own header ("569,30,malignant,benign"): sample count, feature count, class names.
Dataset all = CsvReader.ReadLabeled(path, labelColumn: -1, new CsvOptions { HasHeader = true });
(Dataset labelledTrain, Dataset labelledTest) = DataSplit.TrainTestSplit(all, testFraction: 0.2f, seed: 7);

// The features span very different ranges (areas in the thousands, smoothness near 0.1): standardise them,
// with the mean and deviation of the training set only.
var scaler = Standardizer.Fit(labelledTrain);
scaler.Transform(labelledTrain);
scaler.Transform(labelledTest);

// A sigmoid output is trained against float targets 0 or 1.
float[] trainTargets = AsFloats(labelledTrain.Labels!);
float[] testTargets = AsFloats(labelledTest.Labels!);
var model = new TumourClassifier(seed: 7);
Console.WriteLine($"Breast cancer: {labelledTrain.Count} training and {labelledTest.Count} test samples, 30 features; network 30-16-1 ({TumourClassifier.ParameterCount} parameters).");
TrainingHistory history = model.Fit(labelledTrain.Inputs, trainTargets, new FitOptions
{
    Epochs = arguments.PositiveInt("epochs", 50),
    BatchSize = 32,
    Optimizer = new Adam(learningRate: 1e-3f),
    Seed = 7,
    Verbosity = Verbosity.Silent, // 50 epochs of a small data set: the summary below says enough
});
EpochResult last = history.Epochs[^1];
Console.WriteLine($"After {history.Epochs.Count} epochs: training loss {last.Loss:0.0000}, training accuracy {last.Accuracy:0.0000}.");

EvaluationResult result = model.Evaluate(labelledTest.Inputs, testTargets);
double benignShare = Share(testTargets);
Console.WriteLine($"Test accuracy {result.Accuracy:0.0000} (threshold 0.5), test loss {result.Loss:0.0000}; always answering the more common class would score {Math.Max(benignShare, 1 - benignShare):0.0000}.");
Console.WriteLine();
Console.WriteLine("A few test samples: the sigmoid output is P(benign); the prediction is benign when it is ≥ 0.5.");
Span<float> probability = stackalloc float[1];
for (int i = 0; i < 6; i++)
{
    model.Predict(labelledTest.Input(i), probability);
    string actual = testTargets[i] == 1f ? "benign" : "malignant";
    string predicted = probability[0] >= 0.5f ? "benign" : "malignant";
    Console.WriteLine($"  sample {i}: P(benign) = {probability[0]:0.000} → {predicted,-9} (actually {actual})");
}

return 0;

static float[] AsFloats(int[] labels) => Array.ConvertAll(labels, label => (float)label);

static double Share(float[] targets)
{
    double ones = 0;
    foreach (float t in targets)
    {
        ones += t;
    }

    return ones / targets.Length;
}
