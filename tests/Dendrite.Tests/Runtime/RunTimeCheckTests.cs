using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// Every public entry point refuses bad arguments with an exception that names the argument and states the
/// expected and the actual value, and a refused call changes nothing (parameters and optimizer state intact).
/// </summary>
public class RunTimeCheckTests
{
    // SpiralClassifier: InputSize 2, OutputSize 3, sparse labels. OneHotClassifier: InputSize 5, OutputSize 4, float targets.
    private static readonly float[] SixInputs = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f]; // three samples of 2

    [Fact]
    public void Predict_refuses_wrong_span_lengths()
    {
        var net = new SpiralClassifier(seed: 1);
        Refused<ArgumentException>(() => net.Predict(new float[3], new float[3]), "input", "Expected length 2", "found 3");
        Refused<ArgumentException>(() => net.Predict(new float[2], new float[4]), "output", "Expected length 3", "found 4");
        Refused<ArgumentException>(() => net.PredictProbabilities(new float[2], new float[2]), "probabilities", "Expected length 3", "found 2");
        Refused<ArgumentException>(() => net.Classify(new float[1]), "input", "Expected length 2", "found 1");
    }

    [Fact]
    public void PredictBatch_refuses_partial_samples_and_wrong_output_lengths()
    {
        var net = new SpiralClassifier(seed: 1);
        Refused<ArgumentException>(() => net.PredictBatch(new float[5], new float[6]), "inputs", "multiple of InputSize (2)", "found 5");
        Refused<ArgumentException>(() => net.PredictBatch(new float[6], new float[6]), "outputs", "Expected length 9", "found 6");
    }

    [Fact]
    public void Fit_refuses_bad_data_and_leaves_the_network_untouched()
    {
        var net = new SpiralClassifier(seed: 1);
        float[] before = net.Parameters.ToArray();
        var adam = new Adam();
        var options = new FitOptions { Optimizer = adam };

        Refused<ArgumentException>(() => net.Fit([], [], options), "inputs", "at least one sample", "found none");
        Refused<ArgumentException>(() => net.Fit(new float[7], [0, 1, 2], options), "inputs", "multiple of InputSize (2)", "found 7");
        Refused<ArgumentException>(() => net.Fit(SixInputs, [0, 1], options), "labels", "Expected 3 labels", "found 2");
        Refused<ArgumentOutOfRangeException>(() => net.Fit(SixInputs, [0, 3, 1], options), "labels", "[0, 3)", "found 3");
        Refused<ArgumentOutOfRangeException>(() => net.Fit(SixInputs, [0, 1, -1], options), "labels", "[0, 3)", "found -1");

        Assert.Equal(before, net.Parameters.ToArray());
        Assert.Equal(0, adam.Iterations);
    }

    [Fact]
    public void Fit_refuses_wrong_target_counts_for_float_targets()
    {
        var net = new OneHotClassifier(seed: 1);
        float[] before = net.Parameters.ToArray();
        Refused<ArgumentException>(() => net.Fit(new float[10], new float[7]), "targets", "Expected 8 target values", "found 7");
        Refused<ArgumentException>(() => net.Evaluate(new float[10], new float[9]), "targets", "Expected 8 target values", "found 9");
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void Fit_refuses_a_non_positive_batch_size(int batchSize)
    {
        var net = new SpiralClassifier(seed: 1);
        float[] before = net.Parameters.ToArray();
        var error = Refused<ArgumentOutOfRangeException>(
            () => net.Fit(SixInputs, [0, 1, 2], new FitOptions { BatchSize = batchSize }), "BatchSize", "Expected BatchSize in [1, ∞)", $"found {batchSize}");
        Assert.Equal(batchSize, error.ActualValue);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Theory]
    [InlineData(1f, "ValidationSplit", "Expected ValidationSplit in [0, 1) but found 1")] // refused where it is set
    [InlineData(-0.1f, "ValidationSplit", "Expected ValidationSplit in [0, 1) but found -0.1")]
    [InlineData(float.NaN, "ValidationSplit", "Expected ValidationSplit in [0, 1) but found NaN")]
    [InlineData(0.1f, "options", "leaves 3 for training and 0 for validation")] // ⌈3 × 0.9⌉ = 3: nothing left to validate on
    public void Fit_refuses_a_bad_validation_split(float split, string paramName, string message)
    {
        var net = new SpiralClassifier(seed: 1);
        float[] before = net.Parameters.ToArray();
        Refused<ArgumentOutOfRangeException>(() => net.Fit(SixInputs, [0, 1, 2], new FitOptions { ValidationSplit = split }), paramName, message);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void Fit_refuses_bad_validation_data_and_options()
    {
        var net = new SpiralClassifier(seed: 1);
        float[] before = net.Parameters.ToArray();
        Refused<ArgumentException>(
            () => net.Fit(SixInputs, [0, 1, 2], new FitOptions { ValidationData = Dataset.WithLabels(new float[6], 3, [0, 1]) }),
            "options", "InputSize 2", "found 3");
        Refused<ArgumentOutOfRangeException>(
            () => net.Fit(SixInputs, [0, 1, 2], new FitOptions { ValidationData = Dataset.WithLabels(new float[4], 2, [0, 5]) }),
            "options.ValidationData targets", "[0, 3)", "found 5");
        Refused<ArgumentException>(
            () => net.Fit(SixInputs, [0, 1, 2], new FitOptions { EarlyStopping = new EarlyStopping { Monitor = Metric.ValidationLoss } }),
            "options", "ValidationLoss", "ValidationSplit > 0 or ValidationData");
        Refused<ArgumentOutOfRangeException>(
            () => net.Fit(SixInputs, [0, 1, 2], new FitOptions { Epochs = -1 }), "Epochs", "Expected Epochs in [0, ∞)", "found -1");
        Refused<ArgumentOutOfRangeException>(
            () => net.Fit(SixInputs, [0, 1, 2], new FitOptions { EarlyStopping = new EarlyStopping { Monitor = Metric.Loss, Patience = -2 } }),
            "Patience", "Expected Patience in [0, ∞)", "found -2");
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void Evaluate_refuses_bad_data()
    {
        var net = new SpiralClassifier(seed: 1);
        Refused<ArgumentException>(() => net.Evaluate([], []), "inputs", "at least one sample");
        Refused<ArgumentException>(() => net.Evaluate(new float[3], [0]), "inputs", "multiple of InputSize (2)", "found 3");
        Refused<ArgumentException>(() => net.Evaluate(SixInputs, [0, 1, 2, 0]), "labels", "Expected 3 labels", "found 4");
        Refused<ArgumentOutOfRangeException>(() => net.Evaluate(SixInputs, [0, 1, 7]), "labels", "[0, 3)", "found 7", "index 2");
    }

    [Fact]
    public void A_refused_training_step_changes_nothing()
    {
        var net = new SpiralClassifier(seed: 1);
        var adam = new Adam();
        var session = new TrainingSession<SpiralClassifier>(net, adam);
        session.Step(SixInputs, TargetBatch.FromLabels([0, 1, 2])); // state exists, so a half-update would show
        float[] before = net.Parameters.ToArray();

        Refused<ArgumentOutOfRangeException>(() => session.Step(SixInputs, TargetBatch.FromLabels([0, 1, 3])), "targets", "[0, 3)", "found 3");
        Refused<ArgumentException>(() => session.Step(SixInputs, TargetBatch.FromLabels([0, 1])), "targets", "Expected 3 labels", "found 2");
        Refused<ArgumentException>(() => session.Step(SixInputs, TargetBatch.FromLabels([0, 1, 2]), new float[8]), "outputs", "Expected length 9", "found 8");
        Refused<ArgumentException>(() => session.Step(new float[5], TargetBatch.FromLabels([0, 1])), "inputs", "multiple of InputSize (2)", "found 5");
        Refused<ArgumentException>(() => session.Step([], TargetBatch.FromLabels([])), "inputs", "at least one sample");

        Assert.Equal(before, net.Parameters.ToArray());
        Assert.Equal(1, adam.Iterations);
    }

    private static TException Refused<TException>(Action call, string paramName, params string[] fragments)
        where TException : ArgumentException
    {
        TException error = Assert.Throws<TException>(call);
        Assert.Equal(paramName, error.ParamName);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        return error;
    }
}
