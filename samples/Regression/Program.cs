// Regression, the course's linear output + mean squared error: predict diabetes progression one year ahead.
// Data: scikit-learn's diabetes set as Debian's python3-sklearn ships it — diabetes_data_raw.csv.gz (442 patients,
// 10 space-separated measurements: age, sex, BMI, blood pressure, six blood serum values) and
// diabetes_target.csv.gz (a disease-progression score, 25…346). Compared with closed-form least squares.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using Dendrite;
using Dendrite.Data;
using Dendrite.Samples;
using Dendrite.Samples.Regression;

var options = new Dictionary<string, string>
{
    ["data"] = "a directory with diabetes_data_raw.csv.gz and diabetes_target.csv.gz (default: samples/data)",
    ["epochs"] = "passes over the training data (default 300)",
};
SampleArguments? arguments = SampleArguments.Parse(args, "Fits a linear regression network with mean squared error.", options, out int exitCode);
if (arguments is null)
{
    return exitCode;
}

string? featuresPath = SklearnData.Find("diabetes_data_raw.csv.gz", arguments.Text("data"));
string? targetsPath = featuresPath is null ? null : SklearnData.Find("diabetes_target.csv.gz", arguments.Text("data"));
if (featuresPath is null || targetsPath is null)
{
    return 1;
}

CsvTable features = CsvReader.Read(featuresPath, CsvOptions.Whitespace);
CsvTable target = CsvReader.Read(targetsPath, CsvOptions.Whitespace);
if (target.RowCount != features.RowCount || target.ColumnCount != 1)
{
    Console.Error.WriteLine($"{targetsPath} should hold one value for each of the {features.RowCount} rows of {featuresPath} but holds {target.RowCount} rows of {target.ColumnCount}.");
    return 1;
}

Dataset data = Dataset.WithTargets(features.Values, features.ColumnCount, target.Values, 1);
(Dataset train, Dataset test) = DataSplit.TrainTestSplit(data, testFraction: 0.2f, seed: 3);

// Standardise the features and the target with training statistics: gradient descent then sees well-scaled
// numbers (raw targets near 150 would need hundreds of epochs just to move the bias).
var featureScaler = Standardizer.Fit(train);
featureScaler.Transform(train);
featureScaler.Transform(test);
var targetScaler = Standardizer.Fit(train.Targets, 1);
float[] trainTargets = (float[])train.Targets!.Clone();
targetScaler.Transform(trainTargets);

var model = new DiabetesRegression(seed: 3);
Console.WriteLine($"Diabetes: {train.Count} training and {test.Count} test patients, 10 features; network 10-1 linear, mean squared error.");
var clock = Stopwatch.StartNew();
TrainingHistory history = model.Fit(train.Inputs, trainTargets, new FitOptions
{
    Epochs = arguments.PositiveInt("epochs", 300),
    // Full-batch steps: with 354 samples the exact gradient is cheap, and without mini-batch noise the weights
    // settle on the minimum instead of jittering around it.
    BatchSize = train.Count,
    Optimizer = new Adam(learningRate: 5e-2f),
    Seed = 3,
    Verbosity = Verbosity.Silent, // 300 full-batch epochs: the comparison below says enough
});
Console.WriteLine($"Trained {history.Epochs.Count} epochs in {clock.Elapsed.TotalMilliseconds:0} ms; final training loss {history.Epochs[^1].Loss:0.0000} (standardised units).");

// Test predictions in the original units: undo the target standardisation.
var predictions = new float[test.Count];
model.PredictBatch(test.Inputs, predictions);
targetScaler.InverseTransform(predictions);
double[] theta = LeastSquares.Fit(train.Inputs, train.Targets, features.ColumnCount);
double trainMean = targetScaler.Mean[0];
double networkError = 0, leastSquaresError = 0, meanError = 0;
for (int i = 0; i < test.Count; i++)
{
    double y = test.Targets![i];
    networkError += Square(predictions[i] - y);
    leastSquaresError += Square(LeastSquares.Predict(theta, test.Input(i)) - y);
    meanError += Square(trainMean - y);
}

networkError /= test.Count;
leastSquaresError /= test.Count;
meanError /= test.Count;
Console.WriteLine();
Console.WriteLine("Test mean squared error (disease-progression score², lower is better):");
Console.WriteLine($"  Dendrite network, gradient descent  {networkError,8:0.0}   R² {1 - (networkError / meanError):0.000}");
Console.WriteLine($"  closed-form least squares           {leastSquaresError,8:0.0}   R² {1 - (leastSquaresError / meanError):0.000}");
Console.WriteLine($"  always predicting the training mean {meanError,8:0.0}   R² 0.000");
Console.WriteLine();
Console.WriteLine("A linear network trained on MSE converges to the least-squares line: the two errors should nearly agree.");
return 0;

static double Square(double x) => x * x;
