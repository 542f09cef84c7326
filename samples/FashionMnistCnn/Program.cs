// Fashion-MNIST with a compiled convolutional network: the same data, progress output, confusion matrix, weights
// and training curves as the FashionMnist sample, with two convolutions and max pooling in front of the Dense layers.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Numerics;
using Dendrite;
using Dendrite.Data;
using Dendrite.Reports;
using Dendrite.Samples;
using Dendrite.Samples.FashionMnistCnn;

var options = new Dictionary<string, string>
{
    ["data"] = $"directory with the Fashion-MNIST IDX files (default: ${FashionMnistData.EnvironmentVariable}, else {FashionMnistData.DebianDirectory})",
    ["epochs"] = "passes over the training data (default 15)",
    ["batch"] = "samples per gradient step (default 64)",
    ["seed"] = "seed of the initial weights and the shuffling (default 42)",
    ["out"] = "directory for fashion-cnn.weights and fashion-cnn-curves.svg (default: samples/FashionMnistCnn/out)",
};
SampleArguments? arguments = SampleArguments.Parse(args, "Trains a convolutional network (Conv-BN-Pool-Dropout twice, then Dense-BN-Dropout-Dense) on Fashion-MNIST.", options, out int exitCode);
if (arguments is null)
{
    return exitCode;
}

int epochs = arguments.PositiveInt("epochs", 15);
int batchSize = arguments.PositiveInt("batch", 64);
int seed = arguments.PositiveInt("seed", 42);
string outDirectory = arguments.Text("out") ?? SamplePaths.DefaultOutput("FashionMnistCnn");

// 1. Data: 60,000 training and 10,000 test images of 28×28×1, pixels scaled to [0, 1]. The network declares
//    [Input(28, 28, 1)], and a row-major image is already in its height × width × channels order.
if (!FashionMnistData.TryLoad(arguments.Text("data"), out Dataset train, out Dataset test))
{
    return 1; // the message says what is missing or wrong, and how to get the data
}

// 2. The network and its training: Adam 10⁻³ with a cosine decay, the last 5,000 training images held out for validation.
var model = new FashionCnn(seed);
model.Summary(); // Keras' model.summary(): layers, output shapes, parameters (trainable and non-trainable)
Console.WriteLine($"Vector<float> has {Vector<float>.Count} lanes. Training for {epochs} epochs…");
var clock = Stopwatch.StartNew();
TrainingHistory history = model.Fit(train.Inputs, train.Labels, new FitOptions
{
    Epochs = epochs,
    BatchSize = batchSize,
    // Adam from 10⁻³, the rate following a cosine down to 1 % of it by the last step.
    Optimizer = new Adam(learningRate: 1e-3f) { Schedule = new CosineDecay(1e-3f, decaySteps: epochs * StepsPerEpoch(train.Count - 5000, batchSize), alpha: 0.01f) },
    ValidationSplit = 5000f / train.Count,
    Seed = seed,
    Verbosity = Verbosity.ProgressBar,
});
TimeSpan trainingTime = clock.Elapsed;

// 3. Test accuracy and where the mistakes are.
EvaluationResult result = model.Evaluate(test.Inputs, test.Labels);
Console.WriteLine();
Console.WriteLine($"Test accuracy {result.Accuracy:0.0000}, test loss {result.Loss:0.0000} ({test.Count:N0} images); training took {trainingTime.TotalSeconds:0} s ({trainingTime.TotalSeconds / history.Epochs.Count:0} s per epoch, validation included).");
Console.WriteLine();
Console.WriteLine("Confusion matrix (rows: true class, columns: predicted class):");
Console.Write(ConfusionMatrix.Compute(model, test.Inputs, test.Labels).ToText(FashionMnist.ClassNames));

// 4. Keep the results: the weights and a picture of the training curves.
Directory.CreateDirectory(outDirectory);
string weightsPath = Path.Combine(outDirectory, "fashion-cnn.weights");
model.Save(weightsPath);
string curvesPath = Path.Combine(outDirectory, "fashion-cnn-curves.svg");
TrainingCurves.WriteSvg(history, curvesPath, string.Create(CultureInfo.InvariantCulture, $"Fashion-MNIST CNN — test accuracy {result.Accuracy:0.0000}"));
Console.WriteLine();
Console.WriteLine($"Saved the weights ({FashionCnn.ParameterCount:N0} parameters, Dendrite weights format) to {weightsPath}");
Console.WriteLine($"Drew the training curves in {curvesPath}");
return 0;

static int StepsPerEpoch(int samples, int batchSize) => (samples + batchSize - 1) / batchSize;
