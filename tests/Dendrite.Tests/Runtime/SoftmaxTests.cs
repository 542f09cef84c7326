using Dendrite.Losses;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// The fused sparse cross-entropy computes its softmax and its log-sum-exp from one set of exponentials
/// (Activations.SoftmaxWithLogSumExp). Both must be what the separate public calls give, bit for bit, for ordinary,
/// confident (exponentials that underflow), huge and infinite logits, with and without the output aliasing the input.
/// </summary>
public class SoftmaxTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    private static float[] Logits(int seed)
    {
        var random = new Random(seed);
        int length = 1 + random.Next(40);
        float scale = seed switch { 1 => 1f, 2 => 30f, 3 => 200f, 4 => 1e30f, _ => 10f };
        float[] logits = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() - 0.5) * scale)).ToArray();
        if (seed == 5 && length > 1)
        {
            logits[0] = float.NegativeInfinity;
        }

        return logits;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Softmax_with_log_sum_exp_matches_the_two_calls(int seed)
    {
        float[] logits = Logits(seed);
        float[] separate = new float[logits.Length];
        Activations.Softmax(logits, separate);
        float expectedLogSumExp = Activations.LogSumExp(logits);

        float[] fused = new float[logits.Length];
        float logSumExp = Activations.SoftmaxWithLogSumExp(logits, fused);
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedLogSumExp), BitConverter.SingleToInt32Bits(logSumExp));
        Assert.Equal(separate, fused);

        float[] inPlace = (float[])logits.Clone();
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedLogSumExp), BitConverter.SingleToInt32Bits(Activations.SoftmaxWithLogSumExp(inPlace, inPlace)));
        Assert.Equal(separate, inPlace);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Sparse_cross_entropy_gradient_is_softmax_minus_one_hot_scaled_even_in_place(int seed)
    {
        float[] logits = Logits(seed);
        int label = seed % logits.Length;
        const float scale = 1f / 32;
        float expectedLoss = Activations.LogSumExp(logits) - logits[label];
        float[] expectedGradient = new float[logits.Length];
        Activations.Softmax(logits, expectedGradient);
        expectedGradient[label] -= 1f;
        for (int j = 0; j < expectedGradient.Length; j++)
        {
            expectedGradient[j] *= scale;
        }

        float[] gradient = new float[logits.Length];
        float loss = SparseCategoricalCrossentropy.FromLogitsWithGradient(logits, label, gradient, scale);
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(loss));
        Assert.Equal(expectedGradient, gradient);

        float[] shared = (float[])logits.Clone();
        float inPlaceLoss = SparseCategoricalCrossentropy.FromLogitsWithGradient(shared, label, shared, scale);
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(inPlaceLoss));
        Assert.Equal(expectedGradient, shared);
    }
}
