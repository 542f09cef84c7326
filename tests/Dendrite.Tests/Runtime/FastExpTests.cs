using Dendrite.Internal;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// FastExp answers e^x = +0 below −104 without calling the C library: on the platform the tests run on, that is the
/// value MathF.Exp gives there, so the losses and activations that use it give the same bits as before.
/// </summary>
public class FastExpTests
{
    [Fact]
    public void Every_float_from_minus_104_to_minus_105_already_gives_zero()
    {
        int checkedValues = 0;
        for (float x = FastExp.ZeroBelow; x >= -105f; x = MathF.BitDecrement(x))
        {
            Assert.True(MathF.Exp(x) == 0f && !float.IsNegative(MathF.Exp(x)), $"MathF.Exp({x:R}) = {MathF.Exp(x):R}, not +0");
            checkedValues++;
        }

        Assert.True(checkedValues > 100_000, $"only {checkedValues} floats checked"); // 2^17 floats lie in [104, 105]
    }

    [Fact]
    public void FastExp_gives_MathF_Exp_bits_over_the_whole_range()
    {
        var random = new Random(3);
        var samples = new List<float> { float.NegativeInfinity, float.PositiveInfinity, float.NaN, float.MinValue, float.MaxValue, -0f, 0f, FastExp.ZeroBelow, MathF.BitIncrement(FastExp.ZeroBelow), MathF.BitDecrement(FastExp.ZeroBelow) };
        for (int i = 0; i < 200_000; i++)
        {
            samples.Add((float)((random.NextDouble() * 400) - 300)); // [−300, 100): below, across and above the cut
        }

        foreach (float x in samples)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(MathF.Exp(x)), BitConverter.SingleToInt32Bits(FastExp.Exp(x)));
        }
    }

    [Fact]
    public void Softmax_and_the_losses_over_widely_spread_logits_are_those_MathF_Exp_gives()
    {
        float[] logits = [12f, -200f, -91.5f, -103.9f, 11.5f, -104.5f, float.MinValue, 0f, -87f, -150f];
        float max = logits.Max();
        float[] e = logits.Select(z => MathF.Exp(z - max)).ToArray();
        float sum = 0f;
        foreach (float v in e)
        {
            sum += v;
        }

        float[] expected = e.Select(v => v * (1f / sum)).ToArray();
        float[] probabilities = new float[logits.Length];
        Activations.Softmax(logits, probabilities);
        Assert.Equal(expected, probabilities);
        Assert.Equal(max + MathF.Log(sum), Activations.LogSumExp(logits));
        Assert.Equal(0f, Activations.Sigmoid(-150f));
        Assert.Equal(1f, Activations.Sigmoid(150f));
    }
}
