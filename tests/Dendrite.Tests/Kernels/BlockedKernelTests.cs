using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// The register-blocked kernels against the double-precision <see cref="ReferenceNetwork"/> on odd sizes (every
/// block and scalar tail runs), and the determinism the threading promises: 1 and 2 threads give bit-identical
/// results. Each check first pins the architecture to the declared sizes and the documented flat layout (per layer
/// W, units × inputs row-major, then b), since the reference reads its offsets from the architecture.
/// </summary>
[Collection(nameof(ThreadSettingCollection))]
public class BlockedKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(32)] // 4 × 6 + 2 × 4 on AVX-512 hardware (WideBlockBackOffTests)
    [InlineData(33)]
    public void OddSizesRegressorGradientsMatchDoubleReference(int batch)
    {
        var net = new OddSizesRegressor(seed: 5);
        Randomize(net.Parameters, seed: batch);
        float[] x = KernelTestValues.Uniform(batch * OddSizesRegressor.InputSize, seed: 100 + batch);
        float[] y = KernelTestValues.Uniform(batch * OddSizesRegressor.OutputSize, seed: 200 + batch);
        var gradients = new float[OddSizesRegressor.ParameterCount];
        var outputs = new float[batch * OddSizesRegressor.OutputSize];

        float loss = net.ComputeGradients(x, TargetBatch.FromValues(y), gradients, outputs);

        AssertDocumentedLayout(OddSizesRegressor.Architecture, Loss.MeanSquaredError, [33, 17, 7, 3, 1], [Activation.ReLU, Activation.Tanh, Activation.Sigmoid, Activation.Linear]);
        var expected = new double[gradients.Length];
        double expectedLoss = ReferenceNetwork.Gradients(OddSizesRegressor.Architecture, ToDouble(net.Parameters), x, null, y, expected);
        AssertClose(expected, gradients);
        Assert.Equal(expectedLoss, loss, 1e-3 * Math.Max(1, Math.Abs(expectedLoss)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(32)] // 4 × 6 + 2 × 4 on AVX-512 hardware (WideBlockBackOffTests)
    [InlineData(33)]
    public void OddSizesClassifierGradientsMatchDoubleReference(int batch)
    {
        var net = new OddSizesClassifier(seed: 9);
        Randomize(net.Parameters, seed: 50 + batch);
        float[] x = KernelTestValues.Uniform(batch * OddSizesClassifier.InputSize, seed: 300 + batch);
        int[] labels = Enumerable.Range(0, batch).Select(s => (s * 7) % OddSizesClassifier.OutputSize).ToArray();
        var gradients = new float[OddSizesClassifier.ParameterCount];

        float loss = net.ComputeGradients(x, TargetBatch.FromLabels(labels), gradients, new float[batch * OddSizesClassifier.OutputSize]);

        AssertDocumentedLayout(OddSizesClassifier.Architecture, Loss.SparseCategoricalCrossentropy, [7, 33, 3], [Activation.ReLU, Activation.Linear]);
        var expected = new double[gradients.Length];
        double expectedLoss = ReferenceNetwork.Gradients(OddSizesClassifier.Architecture, ToDouble(net.Parameters), x, labels, null, expected);
        AssertClose(expected, gradients);
        Assert.Equal(expectedLoss, loss, 1e-3 * Math.Max(1, Math.Abs(expectedLoss)));
    }

    [Fact]
    public void ShardedGradientsMatchDoubleReference()
    {
        const int batch = 103;
        var net = new ShardedClassifier(seed: 2);
        float[] x = KernelTestValues.Uniform(batch * ShardedClassifier.InputSize, seed: 7);
        int[] labels = Enumerable.Range(0, batch).Select(s => s % ShardedClassifier.OutputSize).ToArray();
        var gradients = new float[ShardedClassifier.ParameterCount];

        ThreadSettings.WithMaxThreads(2, () => net.ComputeGradients(x, TargetBatch.FromLabels(labels), gradients, new float[batch * ShardedClassifier.OutputSize]));

        AssertDocumentedLayout(ShardedClassifier.Architecture, Loss.SparseCategoricalCrossentropy, [100, 300, 33, 5], [Activation.ReLU, Activation.ReLU, Activation.Linear]);
        var expected = new double[gradients.Length];
        ReferenceNetwork.Gradients(ShardedClassifier.Architecture, ToDouble(net.Parameters), x, labels, null, expected);
        AssertClose(expected, gradients);
    }

    [Fact]
    public void OneAndTwoThreadsTrainToBitIdenticalWeights()
    {
        const int samples = 412;
        float[] x = KernelTestValues.Uniform(samples * ShardedClassifier.InputSize, seed: 11);
        int[] labels = Enumerable.Range(0, samples).Select(s => (s * 3) % ShardedClassifier.OutputSize).ToArray();
        Assert.Equal(2, ThreadSettings.WithMaxThreads(2, () => Parallelism.ThreadsFor(103 * ((100L * 300) + (300 * 33) + (33 * 5)))));

        ThreadSettings.AssertOneAndTwoThreadsTrainAlike(() => new ShardedClassifier(seed: 3), x, labels, batchSize: 103);
    }

    [Fact]
    public void PredictComputesEveryUnitOfEveryBlockWidth()
    {
        var net = new BlockWidthsRegressor(seed: 3);
        int[] sizes = [5, 9, 10, 11, 12, 19, 20, 27, 13];
        float[] x = KernelTestValues.Uniform(BlockWidthsRegressor.InputSize, seed: 12);
        var predicted = new float[BlockWidthsRegressor.OutputSize];

        net.Predict(x, predicted);

        AssertDocumentedLayout(BlockWidthsRegressor.Architecture, Loss.MeanSquaredError, sizes, [.. Enumerable.Repeat(Activation.Tanh, sizes.Length - 2), Activation.Linear]);
        double[] a = ReferenceNetwork.Forward(BlockWidthsRegressor.Architecture, ToDouble(net.Parameters), x);

        for (int j = 0; j < a.Length; j++)
        {
            Assert.True(Math.Abs(a[j] - predicted[j]) <= 1e-4 * Math.Max(1, Math.Abs(a[j])), $"output {j}: expected {a[j]}, found {predicted[j]}");
        }
    }

    [Fact]
    public void PredictMatchesPredictBatchBitForBit()
    {
        var net = new OddSizesClassifier(seed: 1);
        Randomize(net.Parameters, seed: 8);
        const int batch = 70;
        float[] x = KernelTestValues.Uniform(batch * OddSizesClassifier.InputSize, seed: 9);
        var batched = new float[batch * OddSizesClassifier.OutputSize];
        net.PredictBatch(x, batched);

        var single = new float[OddSizesClassifier.OutputSize];
        for (int s = 0; s < batch; s++)
        {
            net.Predict(x.AsSpan(s * OddSizesClassifier.InputSize, OddSizesClassifier.InputSize), single);
            Assert.True(single.AsSpan().SequenceEqual(batched.AsSpan(s * OddSizesClassifier.OutputSize, OddSizesClassifier.OutputSize)), $"sample {s} differs");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainingStepAndPredictAllocateNothingAfterWarmUp(int threads)
    {
        const int batch = 103;
        float[] x = KernelTestValues.Uniform(batch * ShardedClassifier.InputSize, seed: 12);
        int[] labels = Enumerable.Range(0, batch).Select(s => s % ShardedClassifier.OutputSize).ToArray();
        var session = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 1), new Adam(), maxThreads: threads);
        var output = new float[ShardedClassifier.OutputSize];

        // The first step sizes the workspace, the optimizer state and (at 2 threads) starts the worker.
        session.Step(x, TargetBatch.FromLabels(labels));
        session.Network.Predict(x.AsSpan(0, ShardedClassifier.InputSize), output);
        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(5, () =>
        {
            session.Step(x, TargetBatch.FromLabels(labels));
            session.Network.Predict(x.AsSpan(0, ShardedClassifier.InputSize), output);
        }));
    }

    /// <summary>
    /// The architecture is Dense layers of <paramref name="sizes"/> (input first) with <paramref name="activations"/>,
    /// laid out as documented: per layer W (units × inputs) at the running offset, then b right after it. A
    /// classifier's loss reads logits (FromLogits), which the reference then turns into the fused softmax gradient.
    /// </summary>
    private static void AssertDocumentedLayout(NetworkArchitecture architecture, Loss loss, int[] sizes, Activation[] activations)
    {
        Assert.Equal((loss, loss == Loss.SparseCategoricalCrossentropy), (architecture.Loss, architecture.FromLogits));
        Assert.Equal(sizes.Length - 1, architecture.Layers.Count);
        int offset = 0;
        for (int l = 0; l < architecture.Layers.Count; l++)
        {
            LayerInfo layer = architecture.Layers[l];
            int inputs = sizes[l], units = sizes[l + 1];
            Assert.Equal(
                (LayerKind.Dense, activations[l], inputs, units, offset, inputs * units, offset + (inputs * units), units),
                (layer.Kind, layer.Activation, layer.InputShape.Size, layer.OutputShape.Size, layer.WeightOffset, layer.WeightCount, layer.BiasOffset, layer.BiasCount));
            offset += (inputs * units) + units;
        }
    }

    private static double[] ToDouble(Span<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    private static void AssertClose(double[] expected, float[] actual)
    {
        double scale = Math.Max(1e-3, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * scale, $"gradient {i}: expected {expected[i]} but found {actual[i]}");
        }
    }

    private static void Randomize(Span<float> parameters, int seed)
    {
        // Non-zero biases too, so the bias paths are exercised.
        float[] values = KernelTestValues.Uniform(parameters.Length, seed);
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = values[i] - 0.5f;
        }
    }
}
