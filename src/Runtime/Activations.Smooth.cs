using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// The activations of current architectures (LeakyReLU, ELU, GELU and its tanh form, SiLU, softplus) and the
/// derivatives the generated backward passes call, one value at a time. Each is computed in double and rounded once to
/// float, so it is accurate to about half an ulp and needs no special case near 0 (ELU's e^z − 1, softplus' log(1 + e^−|z|))
/// or for large |z|. Generated layers call these from plain scalar loops: e^z and erf have no Vector&lt;float&gt; form
/// that gives the scalar's bits, and a layer's result must not depend on Vector&lt;float&gt;.Count.
/// </summary>
public static partial class Activations
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;
    private const double SqrtTwoOverPi = 0.79788456080286535588;
    private const double GeluTanhCubic = 0.044715;

    /// <summary>erf(x) = (2/√π) ∫₀ˣ e^−t² dt, within 1 ulp of the exact value (ErrorFunctionTests).</summary>
    public static float Erf(float x) => (float)ErrorFunction.Erf(x);

    /// <summary>erfc(x) = 1 − erf(x), accurate where erfc is tiny (x up to about 9.2, where it leaves float's range).</summary>
    public static float Erfc(float x) => (float)ErrorFunction.Erfc(x);

    /// <summary>LeakyReLU(z) = z for z &gt; 0, else slope·z (the generated kernels vectorise the same select).</summary>
    public static float LeakyRelu(float z, float slope) => z > 0f ? z : slope * z;

    /// <summary>ELU(z) = z for z &gt; 0, else e^z − 1 (α = 1, Keras' default), with e^z − 1 accurate near 0.</summary>
    public static float Elu(float z) => z > 0f ? z : (float)ExpMinusOne(z);

    /// <summary>GELU(z) = z·Φ(z) = ½z·erfc(−z/√2): the exact GELU, written with erfc so it keeps its precision for negative z.</summary>
    public static float Gelu(float z) => (float)(0.5 * z * ErrorFunction.Erfc(-z * InverseSqrt2));

    /// <summary>GELU'(z) = Φ(z) + z·φ(z), φ(z) = e^(−z²/2)/√(2π) the standard normal density.</summary>
    public static float GeluDerivative(float z)
    {
        double x = z;
        return (float)((0.5 * ErrorFunction.Erfc(-x * InverseSqrt2)) + (x * InverseSqrt2Pi * Math.Exp(-0.5 * x * x)));
    }

    /// <summary>
    /// GELU's tanh approximation ½z(1 + tanh(u)), u = √(2/π)(z + 0.044715z³), computed as the equal z·σ(2u), which does
    /// not cancel for negative z.
    /// </summary>
    public static float GeluTanh(float z)
    {
        double x = z;
        return (float)(x * SigmoidDouble(2.0 * GeluTanhArgument(x)));
    }

    /// <summary>d/dz ½z(1 + tanh u) = s + 2z·s(1 − s)·u', s = σ(2u), u' = √(2/π)(1 + 3·0.044715z²).</summary>
    public static float GeluTanhDerivative(float z)
    {
        double x = z;
        double u = GeluTanhArgument(x);
        double s = SigmoidDouble(2.0 * u), t = SigmoidDouble(-2.0 * u);
        double slope = SqrtTwoOverPi * (1.0 + (3.0 * GeluTanhCubic * x * x));
        return (float)(s + (2.0 * x * s * t * slope));
    }

    /// <summary>SiLU(z) = z·σ(z), also called Swish.</summary>
    public static float Silu(float z)
    {
        double x = z;
        return (float)(x * SigmoidDouble(x));
    }

    /// <summary>SiLU'(z) = σ(z)(1 + z(1 − σ(z))), with 1 − σ(z) computed as σ(−z).</summary>
    public static float SiluDerivative(float z)
    {
        double x = z;
        return (float)(SigmoidDouble(x) * (1.0 + (x * SigmoidDouble(-x))));
    }

    /// <summary>softplus(z) = log(1 + e^z) = max(z, 0) + log(1 + e^−|z|): no overflow for large z, no loss for negative z.</summary>
    public static float Softplus(float z)
    {
        double x = z;
        return (float)(Math.Max(x, 0.0) + LogOnePlus(Math.Exp(-Math.Abs(x))));
    }

    /// <summary>softplus'(z) = σ(z).</summary>
    public static float SoftplusDerivative(float z) => (float)SigmoidDouble(z);

    private static double GeluTanhArgument(double x) => SqrtTwoOverPi * (x + (GeluTanhCubic * x * x * x));

    /// <summary>σ(x) without overflow: e^x/(1 + e^x) for negative x.</summary>
    private static double SigmoidDouble(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }

        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>log(1 + x) for x ≥ 0, accurate for tiny x: log(u)·x/(u − 1) with u = 1 + x (Goldberg's correction).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>e^x − 1, accurate near 0: (u − 1)·x/log(u) with u = e^x (Kahan's correction).</summary>
    private static double ExpMinusOne(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }
}
