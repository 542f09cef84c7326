using Dendrite.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace Dendrite.Tests.Training;

/// <summary>Small synthetic problems that a correct forward, backward and optimizer must learn in a second or so.</summary>
public class ConvergenceTests(ITestOutputHelper output)
{
    [Fact]
    public void Xor_with_sigmoid_and_binary_crossentropy_reaches_100_percent()
    {
        (float[] x, float[] y) = SyntheticData.Xor();
        var net = new XorClassifier(seed: 1);

        TrainingHistory history = net.Fit(x, y, new FitOptions { Epochs = 400, BatchSize = 4, Optimizer = new Adam(0.05f) });

        // XOR is not linearly separable: 100% on all four points needs a working hidden layer (a linear model
        // gets at most 75%), so anything less means the backward pass through the hidden layer is wrong.
        EvaluationResult result = net.Evaluate(x, y);
        output.WriteLine($"XOR: loss {result.Loss:F4}, accuracy {result.Accuracy}");
        Assert.Equal(1.0, result.Accuracy);
        Assert.Equal(1.0, history.Epochs[^1].Accuracy);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(y[i] == 1f, net.Classify(x.AsSpan(2 * i, 2)));
        }

        // Well past the 0.693 of guessing 0.5 everywhere: the outputs are confident, not just on the right side.
        Assert.True(result.Loss < 0.1, $"loss {result.Loss}");
    }

    [Fact]
    public void Three_class_spiral_with_softmax_reaches_high_accuracy()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 100, seed: 1);
        (float[] testX, int[] testLabels) = SyntheticData.Spiral(perClass: 100, seed: 2);
        var net = new SpiralClassifier(seed: 3);

        net.Fit(x, labels, new FitOptions { Epochs = 150, BatchSize = 32, Optimizer = new Adam(0.01f), Seed = 4 });

        // A linear softmax classifier reaches only about 50% on the three arms (CS231n); 95% on the training set
        // and 90% on fresh points from the same spiral need the non-linear hidden layers to have learned the arms.
        EvaluationResult train = net.Evaluate(x, labels);
        EvaluationResult test = net.Evaluate(testX, testLabels);
        output.WriteLine($"Spiral: train loss {train.Loss:F4} accuracy {train.Accuracy:F4}; test loss {test.Loss:F4} accuracy {test.Accuracy:F4}");
        Assert.True(train.Accuracy >= 0.95, $"training accuracy {train.Accuracy}");
        Assert.True(test.Accuracy >= 0.90, $"test accuracy {test.Accuracy}");

        // Classify agrees with the arg-max of the probabilities, which sum to 1.
        float[] p = new float[3];
        net.PredictProbabilities(testX.AsSpan(0, 2), p);
        Assert.Equal(1.0, p.Sum(), 5);
        Assert.Equal(Activations.ArgMax(p), net.Classify(testX.AsSpan(0, 2)));
    }

    [Fact]
    public void Sine_regression_reaches_a_small_mean_squared_error()
    {
        (float[] x, float[] y) = SyntheticData.Sine(count: 256, seed: 1);
        var net = new SineRegressor(seed: 2);

        net.Fit(x, y, new FitOptions { Epochs = 300, BatchSize = 32, Optimizer = new Adam(0.01f), Seed = 3 });

        // On [−π, π], sin x has variance 0.5 and the best straight line leaves an MSE of 0.5 − 3/π² ≈ 0.196.
        // 0.005 on an evenly spaced test grid is 40 times better than any linear fit: the curve was learned.
        float[] grid = Enumerable.Range(0, 201).Select(i => (float)(-Math.PI + (i * Math.PI / 100))).ToArray();
        float[] predicted = new float[grid.Length];
        net.PredictBatch(grid, predicted);
        double mse = grid.Select((v, i) => Math.Pow(predicted[i] - Math.Sin(v), 2)).Average();
        output.WriteLine($"Sine regression: test MSE {mse:G4}");
        Assert.True(mse < 0.005, $"test MSE {mse}");

        // Evaluate reports the same mean squared error (no accuracy for a regression).
        EvaluationResult evaluation = net.Evaluate(grid, grid.Select(v => (float)Math.Sin(v)).ToArray());
        Assert.Equal(mse, evaluation.Loss, 5);
        Assert.Null(evaluation.Accuracy);
    }

    [Fact]
    public void Multi_label_sigmoid_outputs_learn_each_label()
    {
        (float[] x, float[] y) = SyntheticData.Quadrants(count: 512, seed: 1);
        (float[] testX, float[] testY) = SyntheticData.Quadrants(count: 512, seed: 2);
        var net = new PointTagger(seed: 3);

        net.Fit(x, y, new FitOptions { Epochs = 100, BatchSize = 32, Optimizer = new Adam(0.01f), Seed = 4 });

        double[] perLabel = PerLabelAccuracy(net, testX, testY, threshold: 0.5f);
        EvaluationResult result = net.Evaluate(testX, testY);
        output.WriteLine($"Multi-label (probabilities): per-label test accuracy {string.Join(", ", perLabel.Select(a => a.ToString("F4")))}; Evaluate accuracy {result.Accuracy:F4}, exact match {result.ExactMatch:F4}");
        AssertLabelsLearned(perLabel, result);
    }

    [Fact]
    public void Multi_label_logit_outputs_learn_each_label()
    {
        (float[] x, float[] y) = SyntheticData.Quadrants(count: 512, seed: 1);
        (float[] testX, float[] testY) = SyntheticData.Quadrants(count: 512, seed: 2);
        var net = new PointTaggerLogits(seed: 3);

        net.Fit(x, y, new FitOptions { Epochs = 100, BatchSize = 32, Optimizer = new Adam(0.01f), Seed = 4 });

        // With logits the decision threshold is 0 (σ(0) = 0.5): Evaluate must use it too.
        double[] perLabel = PerLabelAccuracy(net, testX, testY, threshold: 0f);
        EvaluationResult result = net.Evaluate(testX, testY);
        output.WriteLine($"Multi-label (logits): per-label test accuracy {string.Join(", ", perLabel.Select(a => a.ToString("F4")))}; Evaluate accuracy {result.Accuracy:F4}, exact match {result.ExactMatch:F4}");
        AssertLabelsLearned(perLabel, result);
    }

    private static void AssertLabelsLearned(double[] perLabel, EvaluationResult result)
    {
        // Always answering the majority gives about 50%, 50% and 61%; 95% on every label of unseen points means
        // each output learned its own boundary (two half-planes and a circle), independently of the others.
        Assert.All(perLabel, accuracy => Assert.True(accuracy >= 0.95, $"per-label accuracies {string.Join(", ", perLabel)}"));

        // Evaluate's accuracy is the fraction of individual labels right: the mean of the per-label accuracies
        // (within one label of 1,536 for a value on the threshold).
        Assert.Equal(perLabel.Average(), result.Accuracy!.Value, 0.001);
        Assert.True(result.ExactMatch <= result.Accuracy);
        Assert.True(result.ExactMatch >= 0.85, $"exact match {result.ExactMatch}");
    }

    private static double[] PerLabelAccuracy<TNetwork>(TNetwork net, float[] x, float[] y, float threshold)
        where TNetwork : class, INetwork<TNetwork>
    {
        int samples = x.Length / 2;
        float[] outputs = new float[samples * 3];
        net.PredictBatch(x, outputs);
        double[] accuracy = new double[3];
        for (int n = 0; n < samples; n++)
        {
            for (int j = 0; j < 3; j++)
            {
                if ((outputs[(3 * n) + j] > threshold) == (y[(3 * n) + j] == 1f))
                {
                    accuracy[j] += 1.0 / samples;
                }
            }
        }

        return accuracy;
    }
}
