using Dendrite.Generated;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// The training kernels of BatchNormalization (the generated ChannelSums, ChannelSquaredDeviations, ChannelNormalize,
/// ChannelGradientSums and ChannelInputGradient) against the scalar loops they replaced, written out here: each
/// per-channel sum over the rows in row order, each value with the same operations in the same order. Bit for bit, for
/// channel counts below, at and across the vector width (1, 3, 8, 17, 32, 64), for whole rows and for a shard's channel
/// range, and at every vector width the suite runs under (Vector&lt;float&gt;.Count 4, 8 or 16).
/// </summary>
public sealed class BatchNormalizationKernelTests
{
    public static TheoryData<int, int, int, int> Layouts => new()
    {
        // channels, rows, first, count
        { 1, 50, 0, 1 },
        { 3, 41, 0, 3 },
        { 8, 33, 0, 8 },
        { 17, 29, 0, 17 },
        { 32, 64, 0, 32 },
        { 64, 18, 0, 64 },
        { 32, 64, 16, 16 }, // the second of two shards
        { 17, 29, 8, 9 }, // a shard that starts past a vector and ends in a tail
        { 64, 18, 21, 22 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_forward_sums_add_each_channel_row_by_row(int channels, int rows, int first, int count)
    {
        float[] x = KernelTestValues.Symmetric(rows * channels, seed: channels + rows);
        float[] sums = KernelTestValues.Symmetric(count, seed: 1); // the kernels add to what is there
        float[] expected = (float[])sums.Clone();
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < count; c++)
            {
                expected[c] += x[(row * channels) + first + c];
            }
        }

        Kernels_Dendrite_Tests_2c3a7911.ChannelSums(x, sums, rows, channels, first, count);
        AssertBits(expected, sums, "Σ x");

        float[] mean = KernelTestValues.Symmetric(count, seed: 2);
        float[] squares = new float[count];
        float[] expectedSquares = new float[count];
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < count; c++)
            {
                float d = x[(row * channels) + first + c] - mean[c];
                expectedSquares[c] += d * d;
            }
        }

        Kernels_Dendrite_Tests_2c3a7911.ChannelSquaredDeviations(x, mean, squares, rows, channels, first, count);
        AssertBits(expectedSquares, squares, "Σ (x − μ)²");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_normalisation_and_the_input_gradient_match_the_scalar_formulas(int channels, int rows, int first, int count)
    {
        int length = rows * channels;
        float[] x = KernelTestValues.Symmetric(length, seed: 3 + channels);
        float[] mean = KernelTestValues.Symmetric(count, seed: 4);
        float[] inverse = KernelTestValues.Uniform(count, seed: 5).Select(v => v * 3 + 0.1f).ToArray();
        float[] gamma = KernelTestValues.Symmetric(count, seed: 6);
        float[] beta = KernelTestValues.Symmetric(count, seed: 7);
        float[] normalized = new float[length], z = new float[length];
        float[] expectedNormalized = new float[length], expectedZ = new float[length];
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < count; c++)
            {
                int i = (row * channels) + first + c;
                float value = (x[i] - mean[c]) * inverse[c];
                expectedNormalized[i] = value;
                expectedZ[i] = (gamma[c] * value) + beta[c];
            }
        }

        Kernels_Dendrite_Tests_2c3a7911.ChannelNormalize(x, normalized, z, mean, inverse, gamma, beta, rows, channels, first, count);
        AssertBits(expectedNormalized, normalized, "x̂");
        AssertBits(expectedZ, z, "z");

        float[] delta = KernelTestValues.Symmetric(length, seed: 8 + channels);
        float[] sumDelta = new float[count], sumDeltaXHat = new float[count];
        float[] expectedSumDelta = new float[count], expectedSumDeltaXHat = new float[count];
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < count; c++)
            {
                int i = (row * channels) + first + c;
                expectedSumDelta[c] += delta[i];
                expectedSumDeltaXHat[c] += delta[i] * normalized[i];
            }
        }

        Kernels_Dendrite_Tests_2c3a7911.ChannelGradientSums(delta, normalized, sumDelta, sumDeltaXHat, rows, channels, first, count);
        AssertBits(expectedSumDelta, sumDelta, "Σ dZ");
        AssertBits(expectedSumDeltaXHat, sumDeltaXHat, "Σ dZ·x̂");

        float n = rows;
        float[] dx = new float[length], expectedDx = new float[length];
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < count; c++)
            {
                int i = (row * channels) + first + c;
                expectedDx[i] = gamma[c] * inverse[c] * (delta[i] - ((sumDelta[c] + (normalized[i] * sumDeltaXHat[c])) / n));
            }
        }

        Kernels_Dendrite_Tests_2c3a7911.ChannelInputGradient(delta, normalized, dx, gamma, inverse, sumDelta, sumDeltaXHat, n, rows, channels, first, count);
        AssertBits(expectedDx, dx, "dx");
    }

    /// <summary>The kernels reach their arrays through references: an array too short for the rows, or for the channels, or a shift shorter than its scale, is refused before any is touched.</summary>
    [Fact]
    public void An_array_shorter_than_the_rows_or_the_channels_is_refused_by_name()
    {
        float[] x = new float[(10 * 8) - 1];
        float[] sums = new float[8];
        var rows = Assert.Throws<ArgumentOutOfRangeException>(() => Kernels_Dendrite_Tests_2c3a7911.ChannelSums(x, sums, 10, 8, 0, 8));
        Assert.Equal("x", rows.ParamName);
        Assert.Contains("holds 79 values", rows.Message, StringComparison.Ordinal);
        Assert.All(sums, value => Assert.Equal(0f, value));

        var channels = Assert.Throws<ArgumentOutOfRangeException>(() => Kernels_Dendrite_Tests_2c3a7911.ChannelSums(new float[80], new float[7], 10, 8, 0, 8));
        Assert.Equal("sums", channels.ParamName);
        Assert.Contains("fewer than the 8 channels", channels.Message, StringComparison.Ordinal);

        // The inference kernel reads t as far as s: a shorter t is refused before any value changes.
        float[] values = KernelTestValues.Symmetric(48, seed: 9);
        float[] before = (float[])values.Clone();
        var shift = Assert.Throws<ArgumentOutOfRangeException>(() => Kernels_Dendrite_Tests_2c3a7911.ChannelScaleShift(values, new float[16], new float[15]));
        Assert.Equal("shift", shift.ParamName);
        Assert.Equal(before, values);
    }

    private static void AssertBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}[{i}]: expected {expected[i]:R}, the kernel gave {actual[i]:R} (Vector<float>.Count {System.Numerics.Vector<float>.Count})");
        }
    }
}
