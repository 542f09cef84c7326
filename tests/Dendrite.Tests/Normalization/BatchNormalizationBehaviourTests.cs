using Dendrite.Tests.Kernels;
using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Normalization;

/// <summary>
/// Known answers for BatchNormalization: the moving-average update (Keras: momentum 0.99, biased batch variance), the
/// inference forward from the moving statistics, a batch of one, the split between trainable parameters and the
/// non-trainable moving statistics, determinism at 1 and 2 threads, and no allocation per step or per Predict.
/// </summary>
[Collection(nameof(ThreadSettingCollection))]
public sealed class BatchNormalizationBehaviourTests
{
    /// <summary>
    /// Dense unit j computes (j + 1)·x₀ (W[j, 0] = j + 1, every other weight and bias 0); for x₀ = 1, 2, 3 its batch
    /// mean is 2(j + 1) and its biased variance (j + 1)²·2/3. After one step from the initial moving statistics (0 and 1):
    /// moving mean = 0.01·2(j + 1), moving variance = 0.99 + 0.01·(j + 1)²·2/3.
    /// </summary>
    [Fact]
    public void One_training_step_moves_the_statistics_by_one_hundredth_of_the_biased_batch_statistics()
    {
        var network = new NormalizedDenseNet(1);
        LayerInfo dense = NormalizedDenseNet.Architecture.Layers[0];
        network.Parameters.Slice(dense.WeightOffset, dense.ParameterCount).Clear();
        for (int j = 0; j < 7; j++)
        {
            network.Parameters[dense.WeightOffset + (j * 5)] = j + 1;
        }

        Assert.Equal(14, NormalizedDenseNet.NonTrainableParameterCount);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 }, network.NonTrainableParameters.ToArray());
        float[] inputs = new float[3 * 5];
        inputs[0] = 1;
        inputs[5] = 2;
        inputs[10] = 3;
        network.ComputeGradients(inputs, TargetBatch.FromValues(new float[3 * 3]), new float[NormalizedDenseNet.ParameterCount], new float[3 * 3]);

        float[] state = network.NonTrainableParameters.ToArray();
        Assert.Equal(0.02f, state[0], 1e-7f);
        Assert.Equal(0.99f + (0.01f * 2f / 3f), state[7], 1e-6f);
        for (int j = 0; j < 7; j++)
        {
            Assert.Equal(0.01 * 2 * (j + 1), state[j], 1e-6);
            Assert.Equal(0.99 + (0.01 * (j + 1) * (j + 1) * 2 / 3), state[7 + j], 1e-5);
        }
    }

    /// <summary>
    /// Inference uses the moving statistics: y = γ·(x − moving μ)/√(moving σ² + ε) + β, against the double reference,
    /// in Predict, PredictBatch and ComputeLoss (Evaluate and validation), and it differs from the training forward.
    /// </summary>
    [Fact]
    public void Predict_PredictBatch_and_ComputeLoss_use_the_moving_statistics()
    {
        var network = new NormalizedConvNet(4);
        var random = new Random(3);
        Span<float> state = network.NonTrainableParameters;
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = i < 4 ? (float)(random.NextDouble() - 0.5) : 0.5f + (float)random.NextDouble(); // means, then variances
        }

        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, 3 * NormalizedConvNet.InputSize);
        double[][] expected = ReferenceBatchNetwork.Forward(
            NormalizedConvNet.Architecture, network.Parameters.ToArray().Select(v => (double)v).ToArray(), state.ToArray().Select(v => (double)v).ToArray(), inputs, training: false);
        var batch = new float[3 * NormalizedConvNet.OutputSize];
        network.PredictBatch(inputs, batch);
        var lossOutputs = new float[batch.Length];
        network.ComputeLoss(inputs, TargetBatch.FromLabels(new[] { 0, 1, 2 }), lossOutputs);
        var one = new float[NormalizedConvNet.OutputSize];
        for (int s = 0; s < 3; s++)
        {
            network.Predict(inputs.AsSpan(s * NormalizedConvNet.InputSize, NormalizedConvNet.InputSize), one);
            for (int j = 0; j < one.Length; j++)
            {
                double e = expected[s][j];
                Assert.True(Math.Abs(one[j] - e) <= 1e-5 * Math.Max(1, Math.Abs(e)), $"sample {s} output {j}: expected {e:R}, found {one[j]:R}");
                // PredictBatch and ComputeLoss fold the normalisation into the convolution (the same folded bits in both);
                // Predict scales and shifts its output: equal within rounding (BatchNormalizationFoldingTests gives the bound).
                Assert.Equal(batch[(s * one.Length) + j], lossOutputs[(s * one.Length) + j]);
                Assert.True(Math.Abs(batch[(s * one.Length) + j] - e) <= 1e-5 * Math.Max(1, Math.Abs(e)), $"sample {s} output {j}: expected {e:R}, found {batch[(s * one.Length) + j]:R} in PredictBatch");
            }
        }

        double[][] training = ReferenceBatchNetwork.Forward(NormalizedConvNet.Architecture, network.Parameters.ToArray().Select(v => (double)v).ToArray(), null, inputs, training: true);
        Assert.True(Math.Abs(training[0][0] - expected[0][0]) > 1e-3, "the test's moving statistics should differ from the batch's");
    }

    /// <summary>A batch of one vector has variance 0, so x̂ = 0 and Z = β (Keras does the same): finite, no NaN.</summary>
    [Fact]
    public void A_batch_of_one_normalises_to_beta_without_NaN()
    {
        var network = new NormalizedDenseNet(2);
        var gradients = new float[NormalizedDenseNet.ParameterCount];
        var outputs = new float[NormalizedDenseNet.OutputSize];
        float loss = network.ComputeGradients(new float[] { 0.3f, -1, 2, 0.5f, 7 }, TargetBatch.FromValues(new float[] { 1, 0, -1 }), gradients, outputs);
        Assert.True(float.IsFinite(loss));
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
        Assert.All(network.NonTrainableParameters.ToArray(), v => Assert.True(float.IsFinite(v)));

        // β = 0 and tanh(0) = 0, so the output is the last layer's bias, 0.
        Assert.All(outputs, o => Assert.Equal(0f, o));
    }

    [Fact]
    public void The_optimizer_sees_only_gamma_and_beta_and_the_architecture_counts_the_moving_statistics()
    {
        var network = new NormalizedFashionCnn(1);
        Assert.Equal(NormalizedFashionCnn.ParameterCount, network.Parameters.Length);
        Assert.Equal(2 * (16 + 32), NormalizedFashionCnn.NonTrainableParameterCount);
        Assert.Equal(NormalizedFashionCnn.NonTrainableParameterCount, network.NonTrainableParameters.Length);
        Assert.Equal(NormalizedFashionCnn.NonTrainableParameterCount, NormalizedFashionCnn.Architecture.NonTrainableParameterCount);
        LayerInfo norm = NormalizedFashionCnn.Architecture.Layers[1];
        Assert.Equal(LayerKind.BatchNormalization, norm.Kind);
        Assert.Equal((16, 16, 32), (norm.WeightCount, norm.BiasCount, norm.NonTrainableParameterCount));
        Assert.Equal("BatchNormalization(ReLU)", norm.Describe());

        // The moving statistics change only through the training forward: Fit with Adam moves them by the formula above,
        // and the trainable parameters stay clear of them (an optimizer step over Parameters cannot reach them).
        var random = new Random(5);
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, 8 * NormalizedFashionCnn.InputSize);
        int[] labels = Enumerable.Range(0, 8).Select(i => i % 10).ToArray();
        float[] before = network.NonTrainableParameters.ToArray();
        network.Fit(inputs, labels, new FitOptions { Epochs = 1, BatchSize = 8, Verbosity = Verbosity.Silent, Optimizer = new Adam() });
        float[] after = network.NonTrainableParameters.ToArray();
        Assert.NotEqual(before, after);
        Assert.All(after.Take(16), mean => Assert.True(Math.Abs(mean) < 0.1f)); // 0.01 × a batch mean
    }

    [Fact]
    public void One_and_two_threads_give_bit_identical_gradients_and_moving_statistics()
    {
        var random = new Random(17);
        const int batch = 24;
        float[] inputs = Enumerable.Range(0, batch * NormalizedFashionCnn.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, batch).Select(s => (s * 7) % 10).ToArray();
        (float[] g1, float[] s1, float l1) = Step(1);
        (float[] g2, float[] s2, float l2) = Step(2);
        Assert.True(g1.AsSpan().SequenceEqual(g2), "1 and 2 threads gave different gradients.");
        Assert.True(s1.AsSpan().SequenceEqual(s2), "1 and 2 threads gave different moving statistics.");
        Assert.Equal(l1, l2);
        Assert.Contains(g1, g => g != 0f);

        (float[], float[], float) Step(int threads) => ThreadSettings.WithMaxThreads(threads, () =>
        {
            Assert.Equal(threads, Parallelism.ThreadsFor(batch * 180_000L)); // a lower bound of the step's work: it is really split
            var network = new NormalizedFashionCnn(5);
            var gradients = new float[NormalizedFashionCnn.ParameterCount];
            Array.Fill(gradients, float.NaN); // every gradient must be overwritten, whichever shard owns it
            ShardRunner.ResetWidestRun();
            float loss = network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, new float[batch * 10]);
            loss += network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, new float[batch * 10]);
            Assert.DoesNotContain(gradients, float.IsNaN);

            // Phase 1 is split too, not only phase 2 (by units): per step, the parts by samples around the convolution's
            // normalisation (its forward, its partial sums Σ (x − μ_B)², x̂ onwards, the backward into it, and dx) are
            // each shared between the threads; the sums over the batch and the small dense parts stay on one.
            int split = ShardRunner.SplitRunsOnThisThread;
            Assert.True(threads == 1 ? split == 0 : split >= 2 * 4, $"{split} phases of two steps ran on more than one thread");
            return (gradients, network.NonTrainableParameters.ToArray(), loss);
        });
    }

    /// <summary>
    /// Normalised Dense layers: a channel has one value per sample, so the sums over the batch add the values themselves,
    /// on one thread, while the layers between them are split by samples: the same bits at 1 and 2 threads.
    /// </summary>
    [Fact]
    public void A_normalised_dense_network_gives_bit_identical_gradients_and_statistics_at_1_and_2_threads()
    {
        var random = new Random(23);
        const int batch = 48;
        float[] inputs = Enumerable.Range(0, batch * NormalizedWideDenseNet.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, batch).Select(s => (s * 3) % 10).ToArray();
        (float[] g1, float[] s1, float l1) = Step(1);
        (float[] g2, float[] s2, float l2) = Step(2);
        Assert.True(g1.AsSpan().SequenceEqual(g2), "1 and 2 threads gave different gradients.");
        Assert.True(s1.AsSpan().SequenceEqual(s2), "1 and 2 threads gave different moving statistics.");
        Assert.Equal(l1, l2);

        (float[], float[], float) Step(int threads) => ThreadSettings.WithMaxThreads(threads, () =>
        {
            var network = new NormalizedWideDenseNet(8);
            var gradients = new float[NormalizedWideDenseNet.ParameterCount];
            Array.Fill(gradients, float.NaN);
            ShardRunner.ResetWidestRun();
            float loss = network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, new float[batch * 10]);
            Assert.DoesNotContain(gradients, float.IsNaN);

            // Phase 2, and in phase 1 at least the first layer's forward (48 × 784 × 96 multiply-adds): split at 2 threads.
            int split = ShardRunner.SplitRunsOnThisThread;
            Assert.True(threads == 1 ? split == 0 : split >= 2, $"{split} phases of a step ran on more than one thread");
            return (gradients, network.NonTrainableParameters.ToArray(), loss);
        });
    }

    [Fact]
    public void Fit_with_the_same_seed_gives_bit_identical_weights_and_statistics_at_1_and_2_threads()
    {
        var random = new Random(2);
        float[] inputs = Enumerable.Range(0, 40 * NormalizedFashionCnn.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, 40).Select(s => s % 10).ToArray();
        (float[] p1, float[] s1) = Train(1);
        (float[] p2, float[] s2) = Train(2);
        Assert.True(p1.AsSpan().SequenceEqual(p2));
        Assert.True(s1.AsSpan().SequenceEqual(s2));

        (float[], float[]) Train(int threads)
        {
            var network = new NormalizedFashionCnn(9);
            network.Fit(inputs, labels, new FitOptions { Epochs = 2, BatchSize = 16, Seed = 3, MaxThreads = threads, ValidationSplit = 0.2f, Verbosity = Verbosity.Silent });
            return (network.Parameters.ToArray(), network.NonTrainableParameters.ToArray());
        }
    }

    [Fact]
    public void A_training_step_and_Predict_allocate_nothing_once_warm()
    {
        var network = new NormalizedConvNet(1);
        var random = new Random(1);
        float[] inputs = BatchNormalizationGradientTests.RandomValues(random, 8 * NormalizedConvNet.InputSize);
        int[] labels = Enumerable.Range(0, 8).Select(i => i % 3).ToArray();
        var session = new TrainingSession<NormalizedConvNet>(network, new Adam());
        var output = new float[NormalizedConvNet.OutputSize];
        // Warm-up: sizes the workspaces and the shard runner, and lets the JIT settle the loops (tier-0 code with
        // on-stack replacement, which allocates while it tiers up) so that only the steady state is measured.
        for (int i = 0; i < 3; i++)
        {
            session.Step(inputs, TargetBatch.FromLabels(labels));
            network.Predict(inputs.AsSpan(0, NormalizedConvNet.InputSize), output);
        }

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(50, () =>
        {
            session.Step(inputs, TargetBatch.FromLabels(labels));
            network.Predict(inputs.AsSpan(0, NormalizedConvNet.InputSize), output);
        }));
    }
}
