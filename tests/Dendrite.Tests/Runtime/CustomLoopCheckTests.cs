using Dendrite.Losses;
using Dendrite.Tests.Networks;
using Dendrite.Tests.Training;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// The entry points of a custom training loop check a batch exactly as <c>Fit</c> does: every public runtime entry
/// that takes inputs, targets, outputs or gradients refuses the same bad batch with the same message, naming the
/// argument with the expected and the actual value, before any work starts.
/// </summary>
public class CustomLoopCheckTests
{
    // DivergenceNet: InputSize 4, OutputSize 3, class labels.
    private static readonly float[] TwoSamples = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f];

    /// <summary>A batch that is wrong in one way, and the message every entry point must give for it.</summary>
    public static TheoryData<string, float[], int[], string> BadBatches() => new()
    {
        { "fewer labels than samples", TwoSamples, [0], "Expected 2 labels (one per sample) but found 1." },
        { "more labels than samples", TwoSamples, [0, 1, 2], "Expected 2 labels (one per sample) but found 3." },
        { "7 floats with InputSize 4", TwoSamples[..7], [0], "Expected a length that is a multiple of InputSize (4) but found 7" },
        { "no samples", [], [], "Expected at least one sample but found none." },
        { "a label outside the classes", TwoSamples, [0, 3], "Expected class labels in [0, 3) but found 3 at index 1." },
        { "a negative label", TwoSamples, [-1, 0], "Expected class labels in [0, 3) but found -1 at index 0." },
    };

    /// <summary>Each public entry point that takes a batch, called on (inputs, labels) with otherwise right arguments.</summary>
    private static readonly Dictionary<string, Action<float[], int[]>> EntryPoints = new()
    {
        ["Fit"] = (x, y) => new DivergenceNet(seed: 1).Fit(x, y),
        ["Evaluate"] = (x, y) => new DivergenceNet(seed: 1).Evaluate(x, y),
        ["TrainingSession.Step"] = (x, y) => new TrainingSession<DivergenceNet>(new DivergenceNet(seed: 1), new Adam()).Step(x, TargetBatch.FromLabels(y)),
        ["BatchArguments.CheckComputeGradients"] = (x, y) => BatchArguments.CheckComputeGradients<DivergenceNet>(
            x, TargetBatch.FromLabels(y), new float[DivergenceNet.ParameterCount], new float[x.Length / 4 * 3]),
        ["BatchArguments.CheckComputeLoss"] = (x, y) => BatchArguments.CheckComputeLoss<DivergenceNet>(x, TargetBatch.FromLabels(y), new float[x.Length / 4 * 3]),
        // The generated methods themselves: a custom loop calling them directly is checked too.
        ["network.ComputeGradients"] = (x, y) => new DivergenceNet(seed: 1).ComputeGradients(
            x, TargetBatch.FromLabels(y), new float[DivergenceNet.ParameterCount], new float[x.Length / 4 * 3]),
        ["network.ComputeLoss"] = (x, y) => new DivergenceNet(seed: 1).ComputeLoss(x, TargetBatch.FromLabels(y), new float[x.Length / 4 * 3]),
    };

    public static TheoryData<string, string> EntryPointsTimesBadBatches()
    {
        var data = new TheoryData<string, string>();
        foreach (string entry in EntryPoints.Keys)
        {
            foreach (object[] batch in BadBatches())
            {
                data.Add(entry, (string)batch[0]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EntryPointsTimesBadBatches))]
    public void Every_entry_point_refuses_a_bad_batch_with_the_same_message(string entryPoint, string badBatch)
    {
        object[] batch = BadBatches().Single(row => (string)row[0] == badBatch);
        var (inputs, labels, message) = ((float[])batch[1], (int[])batch[2], (string)batch[3]);

        var error = Assert.ThrowsAny<ArgumentException>(() => EntryPoints[entryPoint](inputs, labels));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.ParamName, new[] { "inputs", "labels", "targets" });
        Assert.Equal(message.StartsWith("Expected class labels", StringComparison.Ordinal), error is ArgumentOutOfRangeException);
    }

    [Fact]
    public void The_batch_checks_refuse_gradient_and_output_buffers_of_the_wrong_length()
    {
        int[] labels = [0, 1];
        int parameters = DivergenceNet.ParameterCount;

        Refused(() => BatchArguments.CheckComputeGradients<DivergenceNet>(TwoSamples, TargetBatch.FromLabels(labels), new float[parameters - 1], new float[6]),
            "gradients", $"Expected length {parameters} (one gradient per parameter) but found {parameters - 1}.");
        Refused(() => BatchArguments.CheckComputeGradients<DivergenceNet>(TwoSamples, TargetBatch.FromLabels(labels), new float[parameters], new float[5]),
            "outputs", "Expected length 6 (2 samples × OutputSize 3) but found 5.");
        Refused(() => BatchArguments.CheckComputeLoss<DivergenceNet>(TwoSamples, TargetBatch.FromLabels(labels), new float[7]),
            "outputs", "Expected length 6 (2 samples × OutputSize 3) but found 7.");
        Refused(() => new DivergenceNet(seed: 1).ComputeGradients(TwoSamples, TargetBatch.FromLabels(labels), new float[parameters + 1], new float[6]),
            "gradients", $"Expected length {parameters} (one gradient per parameter) but found {parameters + 1}.");
        Refused(() => new DivergenceNet(seed: 1).ComputeLoss(TwoSamples, TargetBatch.FromLabels(labels), new float[5]),
            "outputs", "Expected length 6 (2 samples × OutputSize 3) but found 5.");
        Refused(() => new TrainingSession<DivergenceNet>(new DivergenceNet(seed: 1), new Adam()).Step(TwoSamples, TargetBatch.FromLabels(labels), new float[7]),
            "outputs", "Expected length 6 (2 samples × OutputSize 3) but found 7.");
    }

    [Fact]
    public void The_batch_checks_return_the_sample_count_of_a_good_batch()
    {
        TargetBatch labels = TargetBatch.FromLabels([2, 0]);

        Assert.Equal(2, BatchArguments.CheckComputeGradients<DivergenceNet>(TwoSamples, labels, new float[DivergenceNet.ParameterCount], new float[6]));
        Assert.Equal(2, BatchArguments.CheckComputeLoss<DivergenceNet>(TwoSamples, labels, new float[6]));
    }

    [Fact]
    public void The_batch_checks_refuse_float_targets_of_the_wrong_count()
    {
        // OneHotClassifier: InputSize 5, OutputSize 4, float targets.
        Refused(() => BatchArguments.CheckComputeLoss<OneHotClassifier>(new float[10], TargetBatch.FromValues(new float[7]), new float[8]),
            "targets", "Expected 8 target values (2 samples × OutputSize 4) but found 7.");
    }

    [Fact]
    public void AccuracyCounter_refuses_partial_outputs_and_missing_targets_instead_of_reading_past_them()
    {
        var counter = new AccuracyCounter(DivergenceNet.Architecture);

        Refused(() => counter.Add(new float[5], TargetBatch.FromLabels([0, 1])), "outputs", "Expected a length that is a multiple of OutputSize (3) but found 5");
        Refused(() => counter.Add(new float[6], TargetBatch.FromLabels([0])), "targets", "Expected 2 labels (one per sample) but found 1.");
        Refused(() => counter.Add([], TargetBatch.FromLabels([])), "outputs", "Expected at least one sample but found none.");
        Assert.Null(counter.Value); // nothing was counted
    }

    [Fact]
    public void Losses_and_ArgMax_refuse_an_empty_output_instead_of_returning_NaN_or_0()
    {
        Refused(() => MeanSquaredError.Value([], []), "predicted", "Expected at least one output but found none.");
        Refused(() => MeanSquaredError.ValueAndGradient([], [], []), "predicted", "Expected at least one output but found none.");
        Refused(() => BinaryCrossentropy.Value([], []), "probabilities", "Expected at least one output but found none.");
        Refused(() => BinaryCrossentropy.FromLogits([], []), "logits", "Expected at least one output but found none.");
        Refused(() => CategoricalCrossentropy.Value([], []), "probabilities", "Expected at least one output but found none.");
        Refused(() => CategoricalCrossentropy.FromLogitsWithGradient([], [], []), "logits", "Expected at least one output but found none.");
        Refused(() => Activations.ArgMax([]), "values", "Expected at least one value but found none.");
    }

    private static void Refused(Action call, string paramName, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(paramName, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
