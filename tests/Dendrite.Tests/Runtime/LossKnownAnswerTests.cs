using Dendrite.Losses;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// Each loss and its gradient on small inputs whose answers are worked out here, in double precision, from the
/// textbook formulas (Keras' definitions), never by calling the code under test.
/// </summary>
public class LossKnownAnswerTests
{
    private const double Tolerance = 1e-6;
    private const double Epsilon = 1e-7; // Keras' fuzz factor

    [Fact]
    public void Mean_squared_error_is_the_mean_of_squared_errors_and_its_gradient_is_2_error_over_n()
    {
        float[] predicted = [0.5f, -1f, 2f];
        float[] target = [1f, 0f, 2f];
        // errors −0.5, −1, 0 → (0.25 + 1 + 0) / 3
        const double expected = 1.25 / 3;
        float[] gradient = new float[3];

        Near(expected, MeanSquaredError.Value(predicted, target));
        Near(expected, MeanSquaredError.ValueAndGradient(predicted, target, gradient, scale: 0.25f));

        // scale · 2·error / n with scale 0.25 and n 3
        Near([0.25 * 2 * -0.5 / 3, 0.25 * 2 * -1 / 3, 0], gradient);
    }

    [Fact]
    public void Binary_crossentropy_from_probabilities_clips_as_keras_does()
    {
        // p = 1 with y = 1 and p = 0 with y = 1 both hit the clip [ε, 1 − ε].
        float[] p = [0.9f, 0.2f, 1f, 0f];
        float[] y = [1f, 0f, 1f, 1f];
        double[] terms =
        [
            -Math.Log(0.9),           // y = 1: −log p
            -Math.Log(1 - 0.2),       // y = 0: −log(1 − p)
            -Math.Log(1 - Epsilon),   // p clipped to 1 − ε
            -Math.Log(Epsilon),       // p clipped to ε: the largest loss one output can cost, ≈ 16.12
        ];
        double expected = terms.Sum() / 4;
        float[] gradient = new float[4];

        Near(expected, BinaryCrossentropy.Value(p, y), relative: 1e-6);
        Near(expected, BinaryCrossentropy.ValueAndGradient(p, y, gradient, scale: 0.5f), relative: 1e-6);

        // ∂loss/∂p = (p − y) / (p(1 − p)) / n where the clip is inactive; 0 where it clips (the loss is flat there).
        Near([0.5 * (0.9 - 1) / (0.9 * 0.1) / 4, 0.5 * 0.2 / (0.2 * 0.8) / 4, 0, 0], gradient);
    }

    [Fact]
    public void Binary_crossentropy_from_logits_matches_the_crossentropy_of_the_sigmoid()
    {
        float[] z = [2f, -1f, 0f];
        float[] y = [1f, 1f, 0.25f];
        double expected = 0;
        double[] expectedGradient = new double[3];
        for (int j = 0; j < 3; j++)
        {
            double p = 1 / (1 + Math.Exp(-z[j]));
            expected += (-y[j] * Math.Log(p)) - ((1 - y[j]) * Math.Log(1 - p));
            expectedGradient[j] = 2.0 * (p - y[j]) / 3; // scale 2, n 3: ∂/∂z = σ(z) − y
        }

        expected /= 3;
        float[] gradient = new float[3];

        Near(expected, BinaryCrossentropy.FromLogits(z, y));
        Near(expected, BinaryCrossentropy.FromLogitsWithGradient(z, y, gradient, scale: 2f));
        Near(expectedGradient, gradient);
    }

    [Fact]
    public void Binary_crossentropy_from_logits_is_finite_and_exact_at_plus_minus_1e4()
    {
        // max(z, 0) − z·y + log(1 + e^−|z|): a confident wrong answer costs |z|, a confident right one 0.
        float[] z = [1e4f, -1e4f, 1e4f, -1e4f];
        float[] y = [0f, 1f, 1f, 0f];
        float[] gradient = new float[4];

        float loss = BinaryCrossentropy.FromLogitsWithGradient(z, y, gradient);

        Assert.True(float.IsFinite(loss));
        Near((1e4 + 1e4 + 0 + 0) / 4, loss);
        Near([1.0 / 4, -1.0 / 4, 0, 0], gradient); // σ(z) − y over n = 4
        Near(0, BinaryCrossentropy.FromLogits([1e4f], [1f]));
    }

    [Fact]
    public void Sparse_crossentropy_from_probabilities_is_minus_log_p_of_the_label()
    {
        float[] p = [0.2f, 0.7f, 0.1f];
        float[] gradient = [9f, 9f, 9f]; // stale values must be cleared

        Near(-Math.Log(0.7), SparseCategoricalCrossentropy.Value(p, 1));
        Near(-Math.Log(0.1), SparseCategoricalCrossentropy.ValueAndGradient(p, 2, gradient, scale: 0.5f));
        Near([0, 0, -0.5 / 0.1], gradient, relative: 1e-6);

        // p_y = 0 is clipped to ε: loss −log ε, gradient 0.
        Near(-Math.Log(Epsilon), SparseCategoricalCrossentropy.ValueAndGradient([1f, 0f], 1, gradient.AsSpan(0, 2)), relative: 1e-6);
        Near([0, 0], gradient.AsSpan(0, 2).ToArray());
    }

    [Fact]
    public void Sparse_crossentropy_from_logits_is_log_sum_exp_minus_the_label_logit()
    {
        float[] z = [1f, 2f, -0.5f];
        double logSumExp = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(-0.5));
        double[] softmax = z.Select(v => Math.Exp(v) / Math.Exp(logSumExp)).ToArray();
        float[] gradient = new float[3];

        Near(logSumExp - 1, SparseCategoricalCrossentropy.FromLogits(z, 0));
        Near(logSumExp - 1, SparseCategoricalCrossentropy.FromLogitsWithGradient(z, 0, gradient, scale: 0.25f));
        Near([0.25 * (softmax[0] - 1), 0.25 * softmax[1], 0.25 * softmax[2]], gradient);
    }

    [Fact]
    public void Sparse_crossentropy_from_logits_is_finite_and_exact_at_plus_minus_1e4()
    {
        float[] z = [1e4f, -1e4f, 0f];
        float[] gradient = new float[3];

        // log Σ e^z = 1e4 (the other terms vanish), minus z_1 = −1e4.
        float loss = SparseCategoricalCrossentropy.FromLogitsWithGradient(z, 1, gradient);

        Near(2e4, loss);
        Near([1, -1, 0], gradient); // softmax ≈ (1, 0, 0), minus one-hot(1)
        Near(0, SparseCategoricalCrossentropy.FromLogits(z, 0));
    }

    [Fact]
    public void Categorical_crossentropy_from_probabilities_is_minus_sum_y_log_p()
    {
        float[] p = [0.5f, 0.3f, 0.2f];
        float[] y = [0.1f, 0.0f, 0.9f]; // soft labels
        double expected = -((0.1 * Math.Log(0.5)) + (0.9 * Math.Log(0.2)));
        float[] gradient = new float[3];

        Near(expected, CategoricalCrossentropy.Value(p, y));
        Near(expected, CategoricalCrossentropy.ValueAndGradient(p, y, gradient, scale: 2f));
        Near([-2 * 0.1 / 0.5, 0, -2 * 0.9 / 0.2], gradient, relative: 1e-6); // −scale·y/p
    }

    [Fact]
    public void Categorical_crossentropy_from_logits_fuses_softmax_minus_target()
    {
        float[] z = [0.5f, -1f, 3f, 0f];
        float[] y = [0f, 0.25f, 0.75f, 0f];
        double logSumExp = Math.Log(z.Sum(v => Math.Exp(v)));
        double expected = (0.25 * (logSumExp + 1)) + (0.75 * (logSumExp - 3));
        float[] gradient = new float[4];

        Near(expected, CategoricalCrossentropy.FromLogits(z, y));
        Near(expected, CategoricalCrossentropy.FromLogitsWithGradient(z, y, gradient, scale: 0.5f));
        Near(z.Select((v, j) => 0.5 * ((Math.Exp(v - logSumExp)) - y[j])).ToArray(), gradient);
    }

    [Fact]
    public void Categorical_crossentropy_from_logits_is_finite_and_exact_at_plus_minus_1e4()
    {
        float[] z = [-1e4f, 1e4f, 0f];
        float[] y = [1f, 0f, 0f];
        float[] gradient = new float[3];

        float loss = CategoricalCrossentropy.FromLogitsWithGradient(z, y, gradient);

        Near(2e4, loss);
        Near([-1, 1, 0], gradient);
        Near(0, CategoricalCrossentropy.FromLogits(z, [0f, 1f, 0f]));
    }

    [Fact]
    public void Softmax_and_sigmoid_stay_finite_at_extreme_logits()
    {
        float[] p = new float[3];
        Activations.Softmax([1e4f, -1e4f, 1e4f], p);
        Near([0.5, 0, 0.5], p);
        Near(1, Activations.Sigmoid(1e4f));
        Near(0, Activations.Sigmoid(-1e4f));
        Near(1e4 + Math.Log(2), Activations.LogSumExp([1e4f, 1e4f, -1e4f]), relative: 1e-6);
    }

    [Fact]
    public void Losses_refuse_mismatched_lengths_and_labels_out_of_range()
    {
        var length = Assert.Throws<ArgumentException>(() => MeanSquaredError.Value([1f, 2f], [1f]));
        Assert.Equal("target", length.ParamName);
        Assert.Contains("Expected length 2 but found 1", length.Message, StringComparison.Ordinal);

        var gradient = Assert.Throws<ArgumentException>(() => BinaryCrossentropy.FromLogitsWithGradient([1f, 2f], [1f, 0f], new float[3]));
        Assert.Equal("gradient", gradient.ParamName);

        var label = Assert.Throws<ArgumentOutOfRangeException>(() => SparseCategoricalCrossentropy.FromLogits([1f, 2f], 2));
        Assert.Equal("label", label.ParamName);
        Assert.Contains("[0, 2)", label.Message, StringComparison.Ordinal);
        Assert.Contains("found 2", label.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SparseCategoricalCrossentropy.Value([0.5f, 0.5f], -1));
    }

    private static void Near(double expected, double actual, double relative = Tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, found {actual:R}");

    private static void Near(double[] expected, float[] actual, double relative = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(1, Math.Abs(expected[i])),
                $"[{i}]: expected {expected[i]:R}, found {actual[i]:R}");
        }
    }
}
