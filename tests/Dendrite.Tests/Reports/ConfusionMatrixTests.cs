using Dendrite.Reports;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Reports;

public class ConfusionMatrixTests
{
    [Fact]
    public void Counts_recall_precision_and_accuracy_of_known_predictions()
    {
        int[] actual = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] predicted = [0, 0, 1, 1, 2, 2, 2, 2, 0];
        ConfusionMatrix matrix = ConfusionMatrix.FromPredictions(actual, predicted, 3);

        Assert.Equal(3, matrix.ClassCount);
        Assert.Equal(9, matrix.Total);
        Assert.Equal(2, matrix[0, 0]);
        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(1, matrix[1, 2]);
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(3, matrix[2, 2]);
        Assert.Equal(6.0 / 9, matrix.Accuracy, 12);
        Assert.Equal(2.0 / 3, matrix.Recall(0), 12);
        Assert.Equal(0.5, matrix.Recall(1), 12);
        Assert.Equal(0.75, matrix.Recall(2), 12);
        Assert.Equal(2.0 / 3, matrix.Precision(0), 12); // column 0: two right, one from class 2
        Assert.Equal(0.5, matrix.Precision(1), 12);
        Assert.Equal(0.75, matrix.Precision(2), 12);
    }

    [Fact]
    public void Text_has_a_row_per_true_class_the_diagonal_in_brackets_and_recall()
    {
        ConfusionMatrix matrix = ConfusionMatrix.FromPredictions([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3);
        string expected =
            "          predicted →\n" +
            "actual ↓      cat    dog   bird  recall\n" +
            "cat           [1]      1      0  0.500\n" +
            "dog             0    [1]      0  1.000\n" +
            "bird            1      0    [1]  0.500\n";
        Assert.Equal(expected, matrix.ToText(["cat", "dog", "bird"]));
        Assert.Contains("actual ↓        0      1      2  recall\n", matrix.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_counts_what_Predict_gives_each_sample_for_a_softmax_classifier()
    {
        var network = new GcSparseLogits(seed: 3);
        int samples = 200;
        float[] inputs = RandomInputs(samples * GcSparseLogits.InputSize, seed: 5);
        int[] labels = Enumerable.Range(0, samples).Select(i => i % 3).ToArray();

        ConfusionMatrix matrix = ConfusionMatrix.Compute(network, inputs, labels);

        var expected = new int[3, 3];
        var output = new float[3];
        for (int i = 0; i < samples; i++)
        {
            network.Predict(inputs.AsSpan(i * GcSparseLogits.InputSize, GcSparseLogits.InputSize), output);
            expected[labels[i], Activations.ArgMax(output)]++;
        }

        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                Assert.Equal(expected[a, p], matrix[a, p]);
            }
        }

        Assert.Equal(samples, matrix.Total);
    }

    [Fact]
    public void Compute_thresholds_one_sigmoid_output_at_one_half_and_one_logit_at_zero()
    {
        var probabilities = new XorNet(seed: 2);
        float[] xorInputs = RandomInputs(100 * 2, seed: 8);
        int[] xorLabels = Enumerable.Range(0, 100).Select(i => i % 2).ToArray();
        AssertBinaryCounts(ConfusionMatrix.Compute(probabilities, xorInputs, xorLabels), xorLabels, i =>
        {
            var y = new float[1];
            probabilities.Predict(xorInputs.AsSpan(i * 2, 2), y);
            return y[0] >= 0.5f ? 1 : 0;
        });

        var logits = new GcBceLogits(seed: 4);
        float[] inputs = RandomInputs(100 * 3, seed: 9);
        AssertBinaryCounts(ConfusionMatrix.Compute(logits, inputs, xorLabels), xorLabels, i =>
        {
            var y = new float[1];
            logits.Predict(inputs.AsSpan(i * 3, 3), y);
            return y[0] >= 0f ? 1 : 0;
        });
    }

    [Fact]
    public void Compute_refuses_a_multi_label_or_regression_network_naming_what_it_found()
    {
        var multiLabel = new GcBceSigmoid(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(multiLabel, new float[7], [0]));
        Assert.Equal("network", e.ParamName);
        Assert.Contains("BinaryCrossentropy with 3 outputs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_argument_and_expected_versus_found()
    {
        var lengths = Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([0, 1], [0], 2));
        Assert.Equal("predicted", lengths.ParamName);
        Assert.Contains("Expected length 2 but found 1", lengths.Message, StringComparison.Ordinal);

        var range = Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([0, 3], [0, 1], 3));
        Assert.Equal("actual", range.ParamName);
        Assert.Contains("[0, 3) but sample 1 has actual 3", range.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.FromPredictions([], [], 1));

        ConfusionMatrix matrix = ConfusionMatrix.FromPredictions([0], [1], 2);
        var names = Assert.Throws<ArgumentException>(() => matrix.ToText(["only one"]));
        Assert.Equal("classNames", names.ParamName);
        Assert.Contains("Expected 2 class names (one per class) but found 1", names.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[2, 0]);

        var network = new GcSparseLogits(seed: 1);
        var labels = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(network, new float[66], [0]));
        Assert.Equal("labels", labels.ParamName);
        var inputs = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(network, new float[40], [0]));
        Assert.Equal("inputs", inputs.ParamName);
    }

    private static void AssertBinaryCounts(ConfusionMatrix matrix, int[] labels, Func<int, int> predict)
    {
        var expected = new int[2, 2];
        for (int i = 0; i < labels.Length; i++)
        {
            expected[labels[i], predict(i)]++;
        }

        Assert.Equal(2, matrix.ClassCount);
        Assert.Equal(expected[0, 0], matrix[0, 0]);
        Assert.Equal(expected[0, 1], matrix[0, 1]);
        Assert.Equal(expected[1, 0], matrix[1, 0]);
        Assert.Equal(expected[1, 1], matrix[1, 1]);
    }

    private static float[] RandomInputs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
