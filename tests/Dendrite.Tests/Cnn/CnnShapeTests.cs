using Dendrite.Tests.Kernels;
using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>Shapes, parameter counts and the architecture description of the image layers, against hand-computed values.</summary>
// In the serial collection: the allocation test must not share the shard runner with a concurrent test.
[Collection(nameof(Dendrite.Tests.Kernels.ThreadSettingCollection))]
public sealed class CnnShapeTests
{
    [Fact]
    public void The_issue_network_has_the_keras_shapes_and_parameter_count()
    {
        // Keras' model.summary() for this network: 26×26×32, 13×13×32, 11×11×64, 5×5×64, 1600, 128, 10 and
        // 320 + 18,496 + 204,928 + 1,290 = 225,034 parameters.
        Assert.Equal(
            [new TensorShape(26, 26, 32), new TensorShape(13, 13, 32), new TensorShape(11, 11, 64), new TensorShape(5, 5, 64), TensorShape.Vector(1600), TensorShape.Vector(128), TensorShape.Vector(10)],
            FashionCnn.Architecture.Layers.Select(l => l.OutputShape));
        Assert.Equal([320, 0, 18_496, 0, 0, 204_928, 1_290], FashionCnn.Architecture.Layers.Select(l => l.ParameterCount));
        Assert.Equal(225_034, FashionCnn.ParameterCount);
        Assert.Equal(784, FashionCnn.InputSize);
        Assert.Equal(
            "Input(28×28×1) → Conv2D(32, kernel 3, stride 1, Valid, ReLU) → MaxPool2D(2, stride 2, Valid) → Conv2D(64, kernel 3, stride 1, Valid, ReLU) → MaxPool2D(2, stride 2, Valid) → Flatten → Dense(128, ReLU) → Dense(10, Linear)",
            FashionCnn.Architecture.Fingerprint);
    }

    [Fact]
    public void Odd_shapes_follow_the_valid_and_same_rules()
    {
        // Valid: ⌊(7 − 3)/2⌋ + 1 = 3, ⌊(5 − 3)/2⌋ + 1 = 2; then kernel 2: 2×1.
        Assert.Equal([new TensorShape(3, 2, 3), new TensorShape(2, 1, 5)], ConvValidStride2Net.Architecture.Layers.Take(2).Select(l => l.OutputShape));
        // Same: ⌈7/2⌉ = 4, ⌈5/2⌉ = 3; then stride 1 keeps 4×3.
        Assert.Equal([new TensorShape(4, 3, 4), new TensorShape(4, 3, 3)], ConvSameStride2Net.Architecture.Layers.Take(2).Select(l => l.OutputShape));
        // Pool 3 stride 2 valid on 7×5: 3×2; pool 2 same on 3×2: 2×1.
        Assert.Equal([new TensorShape(7, 5, 3), new TensorShape(3, 2, 3), new TensorShape(2, 1, 3)], OddPoolNet.Architecture.Layers.Take(3).Select(l => l.OutputShape));
        LayerInfo pool = OddPoolNet.Architecture.Layers[1];
        Assert.Equal((3, 2, Padding.Valid), (pool.KernelSize, pool.Stride, pool.Padding));
    }

    [Fact]
    public void Conv_weights_are_laid_out_kh_kw_cin_filters_then_biases_in_the_reference_the_generated_forward_must_match()
    {
        LayerInfo conv = ConvValidStride2Net.Architecture.Layers[0];
        Assert.Equal(3 * 3 * 2 * 3, conv.WeightCount);
        Assert.Equal(3, conv.BiasCount);
        Assert.Equal(conv.WeightOffset + conv.WeightCount, conv.BiasOffset);

        // With every weight zero but W[ky=1, kx=2, c=1, f=2] = 1 and no bias, output filter 2 at (0, 0) is the
        // input value at (1, 2, channel 1) and every other output of the first layer is 0.
        var network = new ConvValidStride2Net();
        network.Parameters.Clear();
        network.Parameters[conv.WeightOffset + (((((1 * 3) + 2) * 2) + 1) * 3) + 2] = 1f;
        var input = new float[ConvValidStride2Net.InputSize];
        input[(((1 * 5) + 2) * 2) + 1] = 0.5f;
        double[] firstLayer = ReferenceNetwork.Forward(
            new NetworkArchitecture("first", ConvValidStride2Net.Architecture.InputShape, Loss.MeanSquaredError, false, [conv]),
            network.Parameters.ToArray().Select(v => (double)v).ToArray(),
            input);
        Assert.Equal(Math.Tanh(0.5), firstLayer[2], 12);
        Assert.Equal(1, firstLayer.Count(v => v != 0));
    }

    [Fact]
    public void Training_and_prediction_allocate_nothing_after_warm_up()
    {
        var network = new WideFilterNet(1);
        var inputs = new float[4 * WideFilterNet.InputSize];
        var targets = new float[4 * WideFilterNet.OutputSize];
        var gradients = new float[WideFilterNet.ParameterCount];
        var outputs = new float[4 * WideFilterNet.OutputSize];
        var output = new float[WideFilterNet.OutputSize];
        // Warm-up: sizes the workspaces and the per-thread scratch, and lets the JIT settle the loops (tier-0 code
        // with on-stack replacement) so that only the steady state is measured.
        for (int i = 0; i < 3; i++)
        {
            network.ComputeGradients(inputs, TargetBatch.FromValues(targets), gradients, outputs);
            network.PredictBatch(inputs, outputs);
            network.Predict(inputs.AsSpan(0, WideFilterNet.InputSize), output);
        }

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(20, () =>
        {
            network.ComputeGradients(inputs, TargetBatch.FromValues(targets), gradients, outputs);
            network.PredictBatch(inputs, outputs);
            network.Predict(inputs.AsSpan(0, WideFilterNet.InputSize), output);
        }));
    }

    /// <summary>
    /// Determinism as users rely on it: two networks built separately from one seed, one trained on one thread and
    /// the other on two, give the same gradients bit for bit; another seed gives other gradients (so the comparison
    /// can tell networks apart at all).
    /// </summary>
    [Fact]
    public void The_same_seed_gives_bit_identical_gradients_across_instances_and_thread_counts()
    {
        const int batch = 5;
        var random = new Random(3);
        float[] inputs = Enumerable.Range(0, batch * FashionCnn.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = [0, 3, 9, 1, 7];
        FashionCnn first = new(42), second = new(42);

        int[] oneThread = ThreadSettings.WithMaxThreads(1, () => GradientBits(first, expectedThreads: 1));
        int[] twoThreads = ThreadSettings.WithMaxThreads(2, () => GradientBits(second, expectedThreads: 2));
        int[] otherSeed = ThreadSettings.WithMaxThreads(1, () => GradientBits(new FashionCnn(43), expectedThreads: 1));

        Assert.Equal(oneThread, twoThreads);
        Assert.Contains(oneThread, bits => BitConverter.Int32BitsToSingle(bits) != 0f);
        Assert.NotEqual(oneThread, otherSeed);

        int[] GradientBits(FashionCnn network, int expectedThreads)
        {
            // The two-thread run must really be split: 26·26·32·9 + 11·11·64·288 multiply-adds per sample in the convolutions alone.
            Assert.Equal(expectedThreads, Parallelism.ThreadsFor(batch * ((26L * 26 * 32 * 9) + (11L * 11 * 64 * 288))));
            var gradients = new float[FashionCnn.ParameterCount];
            network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, new float[batch * FashionCnn.OutputSize]);
            return gradients.Select(BitConverter.SingleToInt32Bits).ToArray();
        }
    }
}
