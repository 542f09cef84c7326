using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.ModernActivations;

/// <summary>
/// The runtime's activations and derivatives (<see cref="Dendrite.Activations"/>) against values Keras and PyTorch give
/// (computed here in double from the definitions: GELU(1) = 0.8413447, SiLU(1) = 0.7310586, ELU(−1) = −0.6321206,
/// softplus(0) = ln 2), to within 1 ulp of the correctly rounded float, including the regions where a naive formula
/// loses everything (softplus and GELU for very negative z, ELU near 0).
/// </summary>
public sealed class ActivationKnownAnswerTests
{
    [Theory]
    [InlineData(1f, 0.8413447460685429)]
    [InlineData(-1f, -0.15865525393145707)]
    [InlineData(2f, 1.9544997361036416)]
    [InlineData(-3f, -0.004049694094890287)]
    [InlineData(-6f, -5.919525870226207e-09)]
    [InlineData(0f, 0.0)]
    [InlineData(20f, 20.0)]
    public void Gelu_exact(float z, double expected) => AssertUlps(expected, Dendrite.Activations.Gelu(z), $"GELU({z})");

    [Theory]
    [InlineData(1f, 0.8411919906082768)]
    [InlineData(-1f, -0.15880800939172324)]
    [InlineData(3f, 2.996362607918227)]
    [InlineData(0f, 0.0)]
    [InlineData(-8f, -3.1077830473548734e-21)]
    public void Gelu_tanh_approximation(float z, double expected) => AssertUlps(expected, Dendrite.Activations.GeluTanh(z), $"GELUTanh({z})");

    [Theory]
    [InlineData(1f, 0.7310585786300049)]
    [InlineData(-1f, -0.2689414213699951)]
    [InlineData(-20f, -4.122307236380407e-08)]
    [InlineData(0f, 0.0)]
    public void Silu(float z, double expected) => AssertUlps(expected, Dendrite.Activations.Silu(z), $"SiLU({z})");

    [Theory]
    [InlineData(-1f, -0.6321205588285577)]
    [InlineData(-1e-5f, -9.999950000166666e-06)]
    [InlineData(2f, 2.0)]
    [InlineData(0f, 0.0)]
    public void Elu(float z, double expected) => AssertUlps(expected, Dendrite.Activations.Elu(z), $"ELU({z})");

    [Theory]
    [InlineData(0f, 0.6931471805599453)]
    [InlineData(1f, 1.3132616875182228)]
    [InlineData(-20f, 2.061153620314381e-09)]
    [InlineData(-50f, 1.9287498479639178e-22)]
    [InlineData(30f, 30.000000000000092)]
    [InlineData(100f, 100.0)]
    public void Softplus_is_stable_at_both_ends(float z, double expected) => AssertUlps(expected, Dendrite.Activations.Softplus(z), $"softplus({z})");

    [Fact]
    public void Leaky_relu_uses_its_slope_on_the_negative_side_only()
    {
        Assert.Equal(-0.4f, Dendrite.Activations.LeakyRelu(-2f, 0.2f));
        Assert.Equal(3f, Dendrite.Activations.LeakyRelu(3f, 0.2f));
        Assert.Equal(0f, Dendrite.Activations.LeakyRelu(-5f, 0f));
        Assert.Equal(-3f, Dendrite.Activations.LeakyRelu(-2f, 1.5f));
    }

    /// <summary>Each derivative against the reference's closed form (written independently, with tanh and a double erf), on a grid over [−8, 8].</summary>
    [Theory]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.GELUTanh)]
    [InlineData(Activation.SiLU)]
    [InlineData(Activation.Softplus)]
    public void Derivatives_match_the_reference(Activation activation)
    {
        Func<float, float> derivative = activation switch
        {
            Activation.GELU => Dendrite.Activations.GeluDerivative,
            Activation.GELUTanh => Dendrite.Activations.GeluTanhDerivative,
            Activation.SiLU => Dendrite.Activations.SiluDerivative,
            _ => Dendrite.Activations.SoftplusDerivative,
        };
        for (int i = -800; i <= 800; i++)
        {
            float z = i / 100f;
            double expected = ReferenceActivations.Backward(activation, [z], ReferenceActivations.Apply(activation, [z]), [1.0])[0];
            Assert.True(
                Math.Abs(derivative(z) - expected) <= 2e-7 * Math.Max(1, Math.Abs(expected)),
                $"{activation}'({z:R}): expected {expected:R}, found {derivative(z):R}");
        }
    }

    /// <summary>The forward functions against the reference's independent formulas over the same grid.</summary>
    [Theory]
    [InlineData(Activation.ELU)]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.GELUTanh)]
    [InlineData(Activation.SiLU)]
    [InlineData(Activation.Softplus)]
    public void Forward_matches_the_reference(Activation activation)
    {
        Func<float, float> g = activation switch
        {
            Activation.ELU => Dendrite.Activations.Elu,
            Activation.GELU => Dendrite.Activations.Gelu,
            Activation.GELUTanh => Dendrite.Activations.GeluTanh,
            Activation.SiLU => Dendrite.Activations.Silu,
            _ => Dendrite.Activations.Softplus,
        };
        for (int i = -800; i <= 800; i++)
        {
            float z = i / 100f;
            double expected = ReferenceActivations.Apply(activation, [z])[0];

            // The reference's plain formulas cancel where the value is tiny (½z(1 + tanh u) for z ≪ 0 loses all digits
            // below ~1e-16·|z|); the runtime keeps them (the known-answer tests check those), so such values are
            // compared to the reference's own absolute error.
            if (Math.Abs(g(z) - expected) <= 1e-15 * Math.Max(1, Math.Abs(z)))
            {
                continue;
            }

            AssertUlps(expected, g(z), $"{activation}({z:R})", ulps: 2);
        }
    }

    /// <summary>|found − expected| within <paramref name="ulps"/> units in the last place of the float nearest to expected.</summary>
    internal static void AssertUlps(double expected, float found, string what, int ulps = 1)
    {
        float nearest = (float)expected;
        double ulp = Math.Max(MathF.BitIncrement(MathF.Abs(nearest)) - MathF.Abs(nearest), float.Epsilon);
        Assert.True(
            Math.Abs(found - expected) <= ulps * ulp,
            $"{what}: expected {expected:R} (float {nearest:R}), found {found:R}, {Math.Abs(found - expected) / ulp:F2} ulp away");
    }
}
