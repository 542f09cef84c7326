using Dendrite.Generator.Planning;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// Narrow layers of every kind the kernels handle: 33 → 7 over 16-float lane classes with one input left for the last
/// lane, 47 → 12 and 12 → 8 over 8-float classes with 7 and 4 left, and 8 → 3 (one whole vector, three units stored one
/// by one); 7 → 47 is not narrow (47 units).
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(6)]
[Dense(33, Activation.Tanh)]
[Dense(7, Activation.Tanh)]
[Dense(47, Activation.Tanh)]
[Dense(12, Activation.Tanh)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Linear)]
public partial class NarrowShapesRegressor;

/// <summary>Whole 512-bit vectors: 64 → 16 (every lane a unit, one store) and 32 → 9, both over 16-float lane classes.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5)]
[Dense(64, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(9, Activation.Linear)]
public partial class NarrowFullVectorRegressor;

/// <summary>
/// A narrow Dense layer's batch forward runs as outer products over a k-major copy of W (Planning/NarrowLayerPlanner,
/// Emitting/DenseNarrowKernelEmitter) on AVX-512 hardware, for calls of 4 samples or more; a lone sample (Predict) keeps
/// the dot kernels. The outer products put each input in the lane class the dot kernels' vectors give it and add the
/// classes in their horizontal sum's tree, so every output must be the dot kernels' bits: a lane class off by one, a
/// tail input in the wrong lane or a tree in another order changes the last bits of most outputs.
/// </summary>
public sealed class NarrowForwardTests
{
    [Theory]
    [InlineData(15, 25, 8)] // the course's layer 2: 3 vectors of 8, one input left for lane 7
    [InlineData(10, 15, 8)] // layer 3: one vector, 7 left
    [InlineData(7, 33, 16)] // 33 inputs take 512-bit vectors (VectorWidthPlanner): 2 vectors, 1 left
    [InlineData(12, 47, 8)]
    [InlineData(8, 12, 8)]
    [InlineData(3, 8, 8)] // one whole vector, 3 units: 8 multiply-adds against 3 × (1 + 2)
    [InlineData(16, 64, 16)]
    [InlineData(9, 32, 16)]
    [InlineData(25, 784, 0)] // too many units for one vector, and too many inputs
    [InlineData(17, 25, 0)]
    [InlineData(10, 128, 0)] // B's output layer: 128 inputs
    [InlineData(2, 8, 0)] // 8 multiply-adds against 2 × 3: the dot products are cheaper
    [InlineData(5, 16, 0)]
    [InlineData(4, 7, 0)] // shorter than a vector: the dot kernels sum it in their scalar loop
    [InlineData(1, 20, 0)]
    public void Narrow_layers_are_those_whose_outer_products_cost_no_more_than_their_dot_products(int units, int inputs, int lanes)
    {
        Assert.Equal(lanes, NarrowLayerPlanner.LaneClasses(units, inputs));
        Assert.Equal(lanes, DenseKernelPlanner.Choose(units, inputs).NarrowForward);
    }

    [Theory]
    [InlineData(4)] // the fewest the outer products take
    [InlineData(5)] // 4, then a lone sample through the dot kernels
    [InlineData(9)]
    [InlineData(64)] // one PredictBatch chunk
    [InlineData(257)] // five chunks, the last of 1
    // The course's digit network: layers 2 (25 → 15) and 3 (15 → 10) are narrow, over 8-float lane classes.
    public void The_digit_network_batch_gives_each_sample_the_bits_of_Predict(int samples) =>
        AssertBatchMatchesPredict(new DigitClassifier(), samples, seed: 31);

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(100)]
    public void Every_narrow_shape_gives_the_bits_of_Predict(int samples)
    {
        AssertBatchMatchesPredict(new NarrowShapesRegressor(), samples, seed: 32);
        AssertBatchMatchesPredict(new NarrowFullVectorRegressor(), samples, seed: 33);
    }

    [Fact]
    public void Zeros_signed_zeros_huge_and_subnormal_inputs_give_the_bits_of_Predict()
    {
        const int samples = 16;
        float[] x = KernelTestValues.Symmetric(samples * NarrowShapesRegressor.InputSize, seed: 34);
        float[] specials = [0f, -0f, 1e30f, -1e30f, 1e-40f, -1e-40f, float.Epsilon, 3.4e38f];
        for (int i = 0; i < x.Length; i += 3)
        {
            x[i] = specials[(i / 3) % specials.Length];
        }

        AssertBatchMatchesPredict(new NarrowShapesRegressor(), x, samples);
    }

    [Fact]
    public void A_training_step_forward_gives_the_outputs_of_Predict()
    {
        // ComputeGradients' phase 1 runs layers 2 and 3 over the batch (32 samples: the outer products), and reports the outputs.
        const int batch = 32;
        var net = new DigitClassifier();
        float[] x = KernelTestValues.Uniform(batch * DigitClassifier.InputSize, seed: 35);
        int[] labels = Enumerable.Range(0, batch).Select(s => s % DigitClassifier.OutputSize).ToArray();
        var outputs = new float[batch * DigitClassifier.OutputSize];
        ThreadSettings.WithMaxThreads(1, () => net.ComputeGradients(x, TargetBatch.FromLabels(labels), new float[DigitClassifier.ParameterCount], outputs));
        AssertEachSampleIsPredict(net, x, outputs, batch);
    }

    private static void AssertBatchMatchesPredict<TNetwork>(TNetwork net, int samples, int seed)
        where TNetwork : class, INetwork<TNetwork> =>
        AssertBatchMatchesPredict(net, KernelTestValues.Symmetric(samples * TNetwork.InputSize, seed), samples);

    private static void AssertBatchMatchesPredict<TNetwork>(TNetwork net, float[] x, int samples)
        where TNetwork : class, INetwork<TNetwork>
    {
        float[] batch = new float[samples * TNetwork.OutputSize];
        net.PredictBatch(x, batch, maxThreads: 1);
        AssertEachSampleIsPredict(net, x, batch, samples);
    }

    private static void AssertEachSampleIsPredict<TNetwork>(TNetwork net, float[] x, float[] batchOutputs, int samples)
        where TNetwork : class, INetwork<TNetwork>
    {
        float[] output = new float[TNetwork.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            net.Predict(x.AsSpan(s * TNetwork.InputSize, TNetwork.InputSize), output);
            float[] expected = batchOutputs.AsSpan(s * output.Length, output.Length).ToArray();
            Assert.True(
                expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(output.Select(BitConverter.SingleToInt32Bits)),
                $"sample {s}: Predict [{string.Join(", ", output)}] against the batch's [{string.Join(", ", expected)}]");
        }
    }
}
