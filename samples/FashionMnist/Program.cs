// Fashion-MNIST with a compiled 784-256-128-10 network: load the data, train with a progress bar, report test
// accuracy and a confusion matrix, save the weights and draw the training curves.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Dendrite;
using Dendrite.Data;
using Dendrite.Reports;
using Dendrite.Samples;
using Dendrite.Samples.FashionMnist;

var options = new Dictionary<string, string>
{
    ["data"] = $"directory with the Fashion-MNIST IDX files (default: ${FashionMnistData.EnvironmentVariable}, else {FashionMnistData.DebianDirectory})",
    ["epochs"] = "passes over the training data (default 10)",
    ["batch"] = "samples per gradient step (default 32)",
    ["seed"] = "seed of the initial weights and the shuffling (default 42)",
    ["out"] = "directory for fashion-mnist.weights and fashion-mnist-curves.svg (default: samples/FashionMnist/out)",
};
SampleArguments? arguments = SampleArguments.Parse(args, "Trains a 784-256-128-10 network on Fashion-MNIST.", options, out int exitCode);
if (arguments is null)
{
    return exitCode;
}

int epochs = arguments.PositiveInt("epochs", 10);
int batchSize = arguments.PositiveInt("batch", 32);
int seed = arguments.PositiveInt("seed", 42);
string outDirectory = arguments.Text("out") ?? SamplePaths.DefaultOutput("FashionMnist");

// 1. Data: 60,000 training and 10,000 test images, pixels scaled to [0, 1].
if (!FashionMnistData.TryLoad(arguments.Text("data"), out Dataset train, out Dataset test))
{
    return 1; // the message says what is missing or wrong, and how to get the data
}

// 2. The network and its training: AdamW (Adam with decoupled weight decay, Keras' defaults) whose learning rate
//    follows a cosine from 10⁻³ down to 1% of it over the whole run, batches of 32 (--batch), the last 5,000
//    training images held out to watch for over-fitting (the test set stays untouched until the end).
var model = new FashionClassifier(seed);
int validationCount = 5000;
int stepsPerEpoch = (train.Count - validationCount + batchSize - 1) / batchSize;
var optimizer = new AdamW(learningRate: 1e-3f, weightDecay: 0.004f)
{
    Schedule = new CosineDecay(initialLearningRate: 1e-3f, decaySteps: epochs * stepsPerEpoch, alpha: 0.01f),
};
Console.WriteLine($"{FashionClassifier.Architecture.Layers.Count} layers, {FashionClassifier.ParameterCount:N0} parameters. Training for {epochs} epochs with AdamW and a cosine learning-rate decay…");
var clock = Stopwatch.StartNew();
TrainingHistory history = model.Fit(train.Inputs, train.Labels, new FitOptions
{
    Epochs = epochs,
    BatchSize = batchSize,
    Optimizer = optimizer,
    ValidationSplit = (float)validationCount / train.Count,
    Seed = seed,
    Verbosity = Verbosity.ProgressBar,
});
TimeSpan trainingTime = clock.Elapsed;

// 3. Test accuracy and where the mistakes are.
EvaluationResult result = model.Evaluate(test.Inputs, test.Labels);
Console.WriteLine();
Console.WriteLine($"Test accuracy {result.Accuracy:0.0000}, test loss {result.Loss:0.0000} ({test.Count:N0} images); training took {trainingTime.TotalSeconds:0} s.");
Console.WriteLine();
Console.WriteLine("Confusion matrix (rows: true class, columns: predicted class):");
Console.Write(ConfusionMatrix.Compute(model, test.Inputs, test.Labels).ToText(FashionMnist.ClassNames));

// 4. Keep the results: the weights and a picture of the training curves.
Directory.CreateDirectory(outDirectory);
string weightsPath = Path.Combine(outDirectory, "fashion-mnist.weights");
model.Save(weightsPath); // atomic; FashionClassifier.Load(path) reads it back, refusing a corrupt or foreign file
string curvesPath = Path.Combine(outDirectory, "fashion-mnist-curves.svg");
TrainingCurves.WriteSvg(history, curvesPath, string.Create(CultureInfo.InvariantCulture, $"Fashion-MNIST 784-256-128-10 — test accuracy {result.Accuracy:0.0000}"));
Console.WriteLine();
Console.WriteLine($"Saved the weights ({FashionClassifier.ParameterCount:N0} parameters, Dendrite weights format) to {weightsPath}");
Console.WriteLine($"Drew the training curves in {curvesPath}");
return 0;
