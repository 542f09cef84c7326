using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.ModernActivations;

/// <summary>
/// <see cref="Dendrite.Activations.Erf"/> and <see cref="Dendrite.Activations.Erfc"/> (.NET has no MathF.Erf) against
/// references independent of the runtime's method: a 28-digit decimal Taylor series for |x| ≤ 3 and Simpson quadrature
/// of e^−t² for erfc's tail. The documented bound: within 1 ulp everywhere; these sweeps measure it.
/// </summary>
public sealed class ErrorFunctionTests
{
    [Theory]
    [InlineData(1f, 0.8427007929497149)]
    [InlineData(0.5f, 0.5204998778130465)]
    [InlineData(-2f, -0.9953222650189527)]
    [InlineData(0f, 0.0)]
    public void Erf_known_values(float x, double expected) => ActivationKnownAnswerTests.AssertUlps(expected, Dendrite.Activations.Erf(x), $"erf({x})");

    [Theory]
    [InlineData(3f, 2.2090496998585438e-05)]
    [InlineData(5f, 1.5374597944280351e-12)]
    [InlineData(9f, 4.13703174651381e-37)]
    [InlineData(-1f, 1.8427007929497148)]
    public void Erfc_known_values(float x, double expected) => ActivationKnownAnswerTests.AssertUlps(expected, Dendrite.Activations.Erfc(x), $"erfc({x})");

    [Fact]
    public void Erf_is_within_one_ulp_on_minus_3_to_3()
    {
        for (int i = -3000; i <= 3000; i++)
        {
            float x = i / 1000f + (i % 7 * 1e-5f);
            double expected = (double)ReferenceErf.MaclaurinDecimal(ExactDecimal(x));
            ActivationKnownAnswerTests.AssertUlps(expected, Dendrite.Activations.Erf(x), $"erf({x:R})");
            ActivationKnownAnswerTests.AssertUlps(1 - expected, Dendrite.Activations.Erfc(x), $"erfc({x:R})");
        }
    }

    [Fact]
    public void Erfc_is_within_one_ulp_on_its_tail_up_to_9()
    {
        for (int i = 200; i <= 900; i++)
        {
            float x = i / 100f;
            double expected = ReferenceErf.ErfcByQuadrature(x);
            ActivationKnownAnswerTests.AssertUlps(expected, Dendrite.Activations.Erfc(x), $"erfc({x:R})");
            ActivationKnownAnswerTests.AssertUlps(1 - expected, Dendrite.Activations.Erf(x), $"erf({x:R})");
            ActivationKnownAnswerTests.AssertUlps(2 - expected, Dendrite.Activations.Erfc(-x), $"erfc({-x:R})");
        }
    }

    [Fact]
    public void Limits_and_nan()
    {
        Assert.Equal(1f, Dendrite.Activations.Erf(float.PositiveInfinity));
        Assert.Equal(-1f, Dendrite.Activations.Erf(float.NegativeInfinity));
        Assert.Equal(0f, Dendrite.Activations.Erfc(float.PositiveInfinity));
        Assert.Equal(2f, Dendrite.Activations.Erfc(float.NegativeInfinity));
        Assert.True(float.IsNaN(Dendrite.Activations.Erf(float.NaN)));
        Assert.Equal(1f, Dendrite.Activations.Erf(30f));
    }

    /// <summary>x as a decimal without the 15-digit rounding of (decimal)double: mantissa, then exact halvings or doublings.</summary>
    private static decimal ExactDecimal(float x)
    {
        if (x == 0)
        {
            return 0;
        }

        int bits = BitConverter.SingleToInt32Bits(x);
        int exponent = ((bits >> 23) & 0xFF) - 150;
        decimal value = (bits & 0x7FFFFF) | 0x800000;
        for (; exponent < 0; exponent++)
        {
            value /= 2;
        }

        for (; exponent > 0; exponent--)
        {
            value *= 2;
        }

        return x < 0 ? -value : value;
    }
}
