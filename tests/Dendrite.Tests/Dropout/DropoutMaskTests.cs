using Xunit;

namespace Dendrite.Tests.Dropout;

/// <summary>
/// Known answers for the runtime's dropout masks (<see cref="DropoutMask"/>), which every generated Dropout layer calls:
/// rate 0 is the identity, the fraction dropped is the rate, kept values are scaled by exactly the float 1 / (1 − rate),
/// the vectorised loop and the scalar definition agree value for value (so the mask does not depend on the vector
/// width), and the keys separate steps, layers, samples and seeds.
/// </summary>
public sealed class DropoutMaskTests
{
    [Fact]
    public void Rate_zero_keeps_every_value_unchanged()
    {
        float[] values = Values(1000, seed: 1);
        var result = new float[values.Length];
        DropoutMask.Apply(values, result, sampleKey: 12345, DropoutMask.Threshold(0), scale: 1f);
        Assert.Equal(values, result);
        Assert.Equal(0u, DropoutMask.Threshold(0));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void The_fraction_dropped_is_the_rate(double rate)
    {
        // 200 samples of 1,001 values: the binomial standard deviation of the fraction is at most 0.0011, so 0.006 is > 5σ.
        uint threshold = DropoutMask.Threshold(rate);
        var values = new float[1001];
        Array.Fill(values, 1f);
        var result = new float[values.Length];
        long dropped = 0, total = 0;
        ulong stepKey = DropoutMask.StepKey(DropoutMask.StreamSeed(3), 0);
        for (int s = 0; s < 200; s++)
        {
            DropoutMask.Apply(values, result, DropoutMask.SampleKey(stepKey, 2, s), threshold, scale: 1f);
            dropped += result.Count(v => v == 0f);
            total += result.Length;
        }

        Assert.InRange((double)dropped / total, rate - 0.006, rate + 0.006);
    }

    [Fact]
    public void Kept_values_are_scaled_by_exactly_the_given_factor_and_dropped_ones_are_zero()
    {
        float[] values = Values(523, seed: 2);
        var result = new float[values.Length];
        float scale = (float)(1 / (1 - 0.3));
        uint threshold = DropoutMask.Threshold(0.3);
        DropoutMask.Apply(values, result, sampleKey: 99, threshold, scale);
        int kept = 0;
        for (int j = 0; j < values.Length; j++)
        {
            bool keeps = DropoutMask.Keeps(99, j, threshold);
            Assert.Equal(keeps ? values[j] * scale : 0f, result[j]);
            kept += keeps ? 1 : 0;
        }

        Assert.InRange(kept, 300, 430); // about 70 % of 523: the check above saw both branches
    }

    [Fact]
    public void The_vector_loop_and_the_scalar_definition_agree_at_every_length_and_offset()
    {
        // Lengths below, at and around multiples of every vector width (4, 8, 16), so the vector loop and the tail both run.
        float[] values = Values(70, seed: 3);
        uint threshold = DropoutMask.Threshold(0.5);
        for (int length = 0; length <= values.Length; length++)
        {
            var result = new float[length];
            DropoutMask.Apply(values.AsSpan(0, length), result, sampleKey: (ulong)length * 7919, threshold, scale: 2f);
            for (int j = 0; j < length; j++)
            {
                float expected = DropoutMask.Keeps((ulong)length * 7919, j, threshold) ? values[j] * 2f : 0f;
                Assert.True(expected.Equals(result[j]), $"length {length}, value {j}: expected {expected:R}, found {result[j]:R}");
            }
        }
    }

    [Fact]
    public void Apply_works_in_place_as_the_backward_pass_may_use_it()
    {
        float[] values = Values(37, seed: 4);
        var expected = new float[values.Length];
        DropoutMask.Apply(values, expected, 5, DropoutMask.Threshold(0.4), 1.6666666f);
        DropoutMask.Apply(values, values, 5, DropoutMask.Threshold(0.4), 1.6666666f);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Steps_layers_samples_and_seeds_get_different_masks()
    {
        ulong stream = DropoutMask.StreamSeed(1);
        ulong[] keys =
        [
            DropoutMask.SampleKey(DropoutMask.StepKey(stream, 0), 1, 0),
            DropoutMask.SampleKey(DropoutMask.StepKey(stream, 1), 1, 0),
            DropoutMask.SampleKey(DropoutMask.StepKey(stream, 0), 2, 0),
            DropoutMask.SampleKey(DropoutMask.StepKey(stream, 0), 1, 1),
            DropoutMask.SampleKey(DropoutMask.StepKey(DropoutMask.StreamSeed(2), 0), 1, 0),
        ];
        uint threshold = DropoutMask.Threshold(0.5);
        string[] masks = keys.Select(key => new string(Enumerable.Range(0, 64).Select(j => DropoutMask.Keeps(key, j, threshold) ? '1' : '0').ToArray())).ToArray();
        Assert.Equal(masks.Length, masks.Distinct().Count());

        // Two samples' masks agree on about half of the values, as independent coin flips do (64 values: 32 ± 4).
        for (int a = 0; a < masks.Length; a++)
        {
            for (int b = a + 1; b < masks.Length; b++)
            {
                Assert.InRange(masks[a].Zip(masks[b]).Count(pair => pair.First == pair.Second), 16, 48);
            }
        }
    }

    [Fact]
    public void The_same_key_gives_the_same_mask()
    {
        float[] values = Values(100, seed: 5);
        var first = new float[100];
        var second = new float[100];
        ulong key = DropoutMask.SampleKey(DropoutMask.StepKey(DropoutMask.StreamSeed(7), 41), 3, 17);
        DropoutMask.Apply(values, first, key, DropoutMask.Threshold(0.5), 2f);
        DropoutMask.Apply(values, second, key, DropoutMask.Threshold(0.5), 2f);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_outside_zero_to_one_is_refused_naming_the_argument(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DropoutMask.Threshold(rate));
        Assert.Equal("rate", error.ParamName);
        Assert.Contains("[0, 1)", error.Message);
    }

    [Fact]
    public void A_result_shorter_than_the_values_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DropoutMask.Apply(new float[8], new float[7], 1, 0, 1f));
        Assert.Equal("result", error.ParamName);
        Assert.Contains("Expected at least 8", error.Message);
    }

    [Fact]
    public void Thresholds_are_the_rate_in_units_of_two_to_the_minus_32()
    {
        Assert.Equal(2147483648u, DropoutMask.Threshold(0.5));
        Assert.Equal(1073741824u, DropoutMask.Threshold(0.25));
        Assert.Equal(uint.MaxValue, DropoutMask.Threshold(1 - 1e-12)); // round(…) would be 2³², one past the largest uint
    }

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
