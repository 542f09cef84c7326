using Dendrite.Tests.Cnn;
using Dendrite.Tests.Kernels;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// L2 declared on a layer (<c>[Dense(…, L2 = λ)]</c>, <c>[Conv2D(…, L2 = λ)]</c>) against Keras' kernel_regularizer=l2(λ):
/// on the same weights as its twin without L2, the regularised network's gradient differs by exactly 2λ·W on the
/// regularised kernels and nowhere else (biases included), and its loss by λ·ΣW² (computed here in double), in
/// training and in evaluation; Predict is unchanged. The twins' own gradients are checked against the
/// double-precision reference by GradientCheckTests and CnnGradientCheckTests.
/// </summary>
public class L2RegularizationTests
{
    [Fact]
    public void Dense_L2_adds_two_lambda_W_to_the_kernel_gradients_and_lambda_sum_W_squared_to_the_loss()
    {
        var plain = new SpiralClassifier(seed: 5);
        var regularized = new RegularizedSpiralClassifier(seed: 99);
        plain.Parameters.CopyTo(regularized.Parameters);
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 7, seed: 2);

        Compare(plain, regularized, x, TargetBatch.FromLabels(labels), [(0, 1e-3), (2, 0.02)]);
    }

    [Fact]
    public void Conv2D_L2_adds_two_lambda_W_to_the_kernel_gradients_and_lambda_sum_W_squared_to_the_loss()
    {
        var plain = new ConvValidStride2Net(seed: 5);
        var regularized = new RegularizedConvNet(seed: 99);
        plain.Parameters.CopyTo(regularized.Parameters);
        var random = new Random(3);
        const int samples = 6;
        float[] x = Enumerable.Range(0, samples * ConvValidStride2Net.InputSize).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] y = Enumerable.Range(0, samples * ConvValidStride2Net.OutputSize).Select(_ => (float)random.NextDouble()).ToArray();

        Compare(plain, regularized, x, TargetBatch.FromValues(y), [(0, 0.01), (1, 0.005)]);
    }

    [Fact]
    public void Training_with_L2_is_bit_identical_at_1_and_2_threads_and_shrinks_the_weights()
    {
        var random = new Random(11);
        const int batch = 103;
        float[] x = Enumerable.Range(0, batch * 100).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, batch).Select(s => (s * 3) % 5).ToArray();
        var one = new RegularizedShardedClassifier(seed: 4);
        var two = new RegularizedShardedClassifier(seed: 4);
        var plain = new ShardedClassifier(seed: 4);
        FitOptions Options(int threads) => new() { Epochs = 3, BatchSize = batch, Seed = 2, MaxThreads = threads, Optimizer = new Sgd(0.05f) };

        TrainingHistory historyOne = one.Fit(x, labels, Options(1));
        TrainingHistory historyTwo = two.Fit(x, labels, Options(2));
        plain.Fit(x, labels, Options(1));

        Assert.True(one.Parameters.SequenceEqual(two.Parameters), "limits 1 and 2 trained to different weights");
        Assert.Equal(historyOne.Loss, historyTwo.Loss);
        LayerInfo first = RegularizedShardedClassifier.Architecture.Layers[0];
        Assert.True(
            SumOfSquares(one.Parameters.Slice(first.WeightOffset, first.WeightCount)) < SumOfSquares(plain.Parameters.Slice(first.WeightOffset, first.WeightCount)),
            "the regularised kernel did not end smaller than the plain one");
    }

    [Fact]
    public void A_training_step_with_L2_AdamW_clipping_and_a_schedule_allocates_nothing()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 11, seed: 1);
        var optimizer = new AdamW(weightDecay: 0.01f) { GlobalClipNorm = 0.5f, Schedule = new CosineDecay(1e-3f, 100, warmupTarget: 1e-2f, warmupSteps: 10) };
        var session = new TrainingSession<RegularizedSpiralClassifier>(new RegularizedSpiralClassifier(seed: 1), optimizer);
        for (int i = 0; i < 3; i++)
        {
            session.Step(x, TargetBatch.FromLabels(labels)); // warm-up: workspaces, optimizer state, JIT tiering
        }

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(20, () =>
        {
            session.Step(x, TargetBatch.FromLabels(labels));
        }));
        Assert.Equal(3 + (3 * 20), optimizer.Iterations);
    }

    private static void Compare<TPlain, TRegularized>(TPlain plain, TRegularized regularized, float[] x, TargetBatch targets, (int Layer, double Lambda)[] l2)
        where TPlain : class, INetwork<TPlain>
        where TRegularized : class, INetwork<TRegularized>
    {
        int m = x.Length / TPlain.InputSize;
        int n = TPlain.ParameterCount;
        float[] gPlain = new float[n], gRegularized = new float[n];
        float[] outPlain = new float[m * TPlain.OutputSize], outRegularized = new float[m * TPlain.OutputSize];
        float lossPlain = plain.ComputeGradients(x, targets, gPlain, outPlain);
        float lossRegularized = regularized.ComputeGradients(x, targets, gRegularized, outRegularized);

        double[] expectedExtra = new double[n];
        double penalty = 0;
        foreach ((int layer, double lambda) in l2)
        {
            LayerInfo info = TRegularized.Architecture.Layers[layer];
            for (int i = info.WeightOffset; i < info.WeightOffset + info.WeightCount; i++)
            {
                double w = regularized.Parameters[i];
                expectedExtra[i] = 2 * lambda * w;
                penalty += lambda * w * w;
            }
        }

        Assert.True(penalty > 0);
        Assert.Equal(outPlain, outRegularized); // the forward pass is untouched
        for (int i = 0; i < n; i++)
        {
            double extra = (double)gRegularized[i] - gPlain[i];
            double tolerance = 1e-6 * (Math.Abs(gPlain[i]) + Math.Abs(expectedExtra[i])) + 1e-9;
            Assert.True(Math.Abs(extra - expectedExtra[i]) <= tolerance, $"parameter {i}: the gradient grew by {extra}, expected 2λ·W = {expectedExtra[i]}");
        }

        Assert.Equal(lossPlain + (m * penalty), lossRegularized, 1e-5 * (lossPlain + (m * penalty)));

        // Evaluation reports the same penalised loss (Keras counts the regularisation losses in evaluate too); Predict does not see it.
        float lossOnly = regularized.ComputeLoss(x, targets, outRegularized);
        Assert.Equal(lossPlain + (m * penalty), lossOnly, 1e-5 * (lossPlain + (m * penalty)));
        float[] one = new float[TPlain.OutputSize], two = new float[TPlain.OutputSize];
        plain.Predict(x.AsSpan(0, TPlain.InputSize), one);
        regularized.Predict(x.AsSpan(0, TPlain.InputSize), two);
        Assert.Equal(one, two);
    }

    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += (double)v * v;
        }

        return sum;
    }
}
