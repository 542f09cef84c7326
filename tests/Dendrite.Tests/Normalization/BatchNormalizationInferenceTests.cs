using Xunit;

namespace Dendrite.Tests.Normalization;

/// <summary>A 1×1 convolution the tests set to the identity, 3 channels normalised (a period of 16 rows, which straddles samples), ReLU.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5, 4, 3)]
[Conv2D(3, kernel: 1)]
[BatchNormalization(Activation = Activation.ReLU)]
[Flatten]
[Dense(60)]
public partial class ScaleShiftThreeChannelNet;

/// <summary>24 channels (a period of 2 rows), linear.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(3, 3, 24)]
[Conv2D(24, kernel: 1)]
[BatchNormalization]
[Flatten]
[Dense(216)]
public partial class ScaleShiftTwentyFourChannelNet;

/// <summary>16 units (a period of one row), ReLU.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(16)]
[Dense(16)]
[BatchNormalization(Activation = Activation.ReLU)]
[Dense(16)]
public partial class ScaleShiftSixteenUnitNet;

/// <summary>257 units: lcm(257, 16) is past the longest period, so one row with a scalar tail per row; linear.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(257)]
[Dense(257)]
[BatchNormalization]
[Dense(257)]
public partial class ScaleShiftWideNet;

/// <summary>
/// Predict applies BatchNormalization from the moving statistics as z·s + t per channel, s = γ/√(moving σ² + ε) and
/// t = β − moving μ·s, in vectors over a period of s and t repeated channel after channel (the shared
/// <c>ChannelScaleShift</c> kernel). These networks put identities around the normalisation, so Predict's output is
/// the normalisation's, and check it bit for bit against the scalar formula in float: for periods of one row, of
/// several rows, of rows that straddle samples, and of one row with a scalar tail.
/// </summary>
public sealed class BatchNormalizationInferenceTests
{
    [Fact]
    public void Three_channels_with_a_period_that_straddles_samples() =>
        AssertPredictIsTheScalarScaleShift(new ScaleShiftThreeChannelNet(1), channels: 3, relu: true, seed: 1);

    [Fact]
    public void Twenty_four_channels_with_a_period_of_two_rows() =>
        AssertPredictIsTheScalarScaleShift(new ScaleShiftTwentyFourChannelNet(1), channels: 24, relu: false, seed: 2);

    [Fact]
    public void Sixteen_units_with_a_period_of_one_row() =>
        AssertPredictIsTheScalarScaleShift(new ScaleShiftSixteenUnitNet(1), channels: 16, relu: true, seed: 3);

    [Fact]
    public void Two_hundred_fifty_seven_units_with_a_scalar_tail_per_row() =>
        AssertPredictIsTheScalarScaleShift(new ScaleShiftWideNet(1), channels: 257, relu: false, seed: 4);

    /// <summary>
    /// Sets the first and last parameterised layers to identities (weight 1 from value i to value i, 0 elsewhere, no
    /// bias), γ, β and the moving statistics to random values per channel, and checks every output of Predict on several
    /// inputs against (x·s) + t (then max(·, 0) for ReLU) computed here in float, value by value.
    /// </summary>
    private static void AssertPredictIsTheScalarScaleShift<TNetwork>(TNetwork network, int channels, bool relu, int seed)
        where TNetwork : class, INetwork<TNetwork>
    {
        var random = new Random(seed);
        IReadOnlyList<LayerInfo> layers = TNetwork.Architecture.Layers;
        LayerInfo first = layers[0], norm = layers[1], last = layers[^1];
        Span<float> p = network.Parameters;
        SetIdentity(p, first, channels);
        SetIdentity(p, last, TNetwork.OutputSize);

        Span<float> state = network.NonTrainableParameters;
        var scale = new float[channels];
        var shift = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            p[norm.WeightOffset + c] = (float)((random.NextDouble() * 4) - 2); // γ
            p[norm.BiasOffset + c] = (float)((random.NextDouble() * 2) - 1); // β
            state[c] = (float)((random.NextDouble() * 2) - 1); // moving μ
            state[channels + c] = (float)(random.NextDouble() * 3) + 0.01f; // moving σ²
            scale[c] = p[norm.WeightOffset + c] / MathF.Sqrt(state[channels + c] + 0.001f);
            shift[c] = p[norm.BiasOffset + c] - (state[c] * scale[c]);
        }

        var output = new float[TNetwork.OutputSize];
        for (int sample = 0; sample < 5; sample++)
        {
            // Away from zero, so that the identities' 0·x terms cannot change a sign.
            float[] input = Enumerable.Range(0, TNetwork.InputSize)
                .Select(_ => (float)((random.NextDouble() + 0.05) * (random.Next(2) == 0 ? -3 : 3))).ToArray();
            network.Predict(input, output);
            for (int i = 0; i < output.Length; i++)
            {
                int c = i % channels;
                float expected = (input[i] * scale[c]) + shift[c];
                if (relu)
                {
                    expected = MathF.Max(expected, 0f);
                }

                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(output[i]),
                    $"{typeof(TNetwork).Name}, sample {sample}, value {i} (channel {c}): expected {expected:R}, Predict gave {output[i]:R}");
            }
        }
    }

    /// <summary>A Dense layer (units × inputs) or a 1×1 Conv2D ([c_in][filters]) of n × n weights as the identity, no bias.</summary>
    private static void SetIdentity(Span<float> parameters, LayerInfo layer, int n)
    {
        Assert.Equal(n * n, layer.WeightCount);
        parameters.Slice(layer.WeightOffset, layer.ParameterCount).Clear();
        for (int i = 0; i < n; i++)
        {
            parameters[layer.WeightOffset + (i * n) + i] = 1f;
        }
    }
}
