using System.Runtime.CompilerServices;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>
/// A Conv2D layer's bias gradient is db[f] = Σ_s Σ_{y, x} dZ[s, y, x, f], added sample by sample and pixel by pixel in
/// order. The generated phase keeps vectors of db in registers through a sample's pixels instead of adding each pixel
/// into memory (bench/README.md, "Batches of 32, and the optimizer's flush": the bias gradient); these tests call the generated
/// weight-gradient method directly on a chosen dZ and hold db to that sequential float sum bit for bit. 43 filters
/// are a block of 4 vectors, one vector and 3 scalars at 8 lanes (and 2 vectors and 11 scalars at 16), so every path of
/// the loop runs.
/// </summary>
public sealed class ConvBiasGradientTests
{
    private const int Samples = 5;
    private const int Filters = 43;
    private const int InSize = 6 * 5 * 2;
    private const int OutSize = 4 * 3 * Filters; // Valid 3 × 3 windows over 6 × 5

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_bias_gradient_is_the_sequential_float_sum_of_dZ_over_samples_and_pixels(int shards)
    {
        float[] input = Values(1, Samples * InSize);
        float[] delta = Values(2, Samples * OutSize);
        float[] gradients = new float[BiasGradientConvolution.ParameterCount];
        gradients.AsSpan().Fill(float.NaN); // the phase overwrites what it owns; a value left NaN was never written

        for (int shard = 0; shard < shards; shard++)
        {
            Layer.Conv2D1WeightGradients(null, input, delta, gradients, Samples, shard, shards);
        }

        LayerInfo conv = BiasGradientConvolution.Architecture.Layers[0];
        Assert.Equal(Filters, conv.BiasCount);
        int biases = conv.WeightCount; // the layer's W, then its b (the documented flat layout)
        for (int f = 0; f < Filters; f++)
        {
            float expected = 0f;
            for (int s = 0; s < Samples; s++)
            {
                for (int o = 0; o < OutSize / Filters; o++)
                {
                    expected += delta[(s * OutSize) + (o * Filters) + f];
                }
            }

            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(gradients[biases + f]));
        }

        Assert.DoesNotContain(float.NaN, gradients.AsSpan(0, conv.ParameterCount).ToArray());
    }

    private static float[] Values(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }

    private static class Layer
    {
        [UnsafeAccessor(UnsafeAccessorKind.StaticMethod)]
        public static extern void Conv2D1WeightGradients(BiasGradientConvolution? network, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> gradients, int samples, int shard, int shards);
    }
}

/// <summary>One Conv2D layer of 43 filters for ConvBiasGradientTests (Valid 3 × 3 windows over 6 × 5 × 2 inputs).</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(6, 5, 2)]
[Conv2D(43, kernel: 3, Activation.Linear)]
[Flatten]
[Dense(1)]
public partial class BiasGradientConvolution;
