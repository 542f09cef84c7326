using Dendrite.Tests.Networks;
using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>Accuracy counting for each kind of network, and Evaluate against an independent reference.</summary>
public class MetricsTests
{
    [Fact]
    public void Sparse_accuracy_compares_the_arg_max_with_the_label()
    {
        var counter = new AccuracyCounter(SpiralClassifier.Architecture);
        counter.Add([0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.2f, 0.2f, 0.6f, 0.3f, 0.3f, 0.4f], TargetBatch.FromLabels([1, 1, 2, 2]));
        Assert.Equal(AccuracyKind.SparseCategorical, counter.Kind);
        Assert.Equal(3.0 / 4, counter.Value);
        Assert.Equal(3.0 / 4, counter.ExactMatch);
    }

    [Fact]
    public void Categorical_accuracy_compares_arg_maxes_and_accumulates_over_batches()
    {
        var counter = new AccuracyCounter(OneHotClassifier.Architecture);
        counter.Add([5f, 1f, 0f, -2f], TargetBatch.FromValues([1f, 0f, 0f, 0f]));
        counter.Add([0f, 1f, 0f, 3f, 9f, 0f, 0f, 0f], TargetBatch.FromValues([0f, 0f, 1f, 0f, 1f, 0f, 0f, 0f]));
        Assert.Equal(AccuracyKind.Categorical, counter.Kind);
        Assert.Equal(2.0 / 3, counter.Value);
    }

    [Fact]
    public void Multi_label_accuracy_counts_labels_and_exact_match_counts_samples()
    {
        // Probabilities: threshold 0.5. Sample 1 all right; sample 2 one of three wrong.
        var probabilities = new AccuracyCounter(PointTagger.Architecture);
        probabilities.Add([0.9f, 0.2f, 0.6f, 0.4f, 0.4f, 0.7f], TargetBatch.FromValues([1f, 0f, 1f, 0f, 1f, 1f]));
        Assert.Equal(AccuracyKind.Binary, probabilities.Kind);
        Assert.Equal(5.0 / 6, probabilities.Value);
        Assert.Equal(1.0 / 2, probabilities.ExactMatch);

        // Logits: threshold 0, so 0.3 (σ = 0.57) is "yes" and −0.3 "no".
        var logits = new AccuracyCounter(PointTaggerLogits.Architecture);
        logits.Add([0.3f, -0.3f, 2f], TargetBatch.FromValues([1f, 0f, 0f]));
        Assert.Equal(2.0 / 3, logits.Value);
        Assert.Equal(0.0, logits.ExactMatch);
    }

    [Fact]
    public void A_regression_has_no_accuracy()
    {
        var counter = new AccuracyCounter(SineRegressor.Architecture);
        counter.Add([0.5f], TargetBatch.FromValues([0.5f]));
        Assert.Equal(AccuracyKind.None, counter.Kind);
        Assert.Null(counter.Value);
        Assert.Null(counter.ExactMatch);
    }

    [Fact]
    public void Evaluate_averages_the_loss_over_every_sample_across_chunks()
    {
        // 300 samples: more than one evaluation chunk of 256, so the last partial chunk must be counted too.
        var net = new GcSparseLogits(seed: 4);
        var random = new Random(3);
        const int samples = 300;
        float[] x = Enumerable.Range(0, samples * GcSparseLogits.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        int[] labels = Enumerable.Range(0, samples).Select(_ => random.Next(GcSparseLogits.OutputSize)).ToArray();
        double[] theta = net.Parameters.ToArray().Select(v => (double)v).ToArray();
        double expectedLoss = ReferenceNetwork.Cost(GcSparseLogits.Architecture, theta, x, labels, null);
        int right = Enumerable.Range(0, samples).Count(s => net.Classify(x.AsSpan(s * GcSparseLogits.InputSize, GcSparseLogits.InputSize)) == labels[s]);

        EvaluationResult result = net.Evaluate(x, labels);

        Assert.Equal(samples, result.SampleCount);
        Assert.Equal(expectedLoss, result.Loss, 1e-5);
        Assert.Equal((double)right / samples, result.Accuracy);
    }
}
