namespace Dendrite.Tests.Reference;

/// <summary>
/// erf for the reference network and the tests, written independently of the runtime's (which sums the all-positive
/// series and a fixed-depth continued fraction): here the alternating Maclaurin series, in double for the reference and
/// in 28-digit decimal for the accuracy test, and Simpson quadrature of e^−t² for erfc's tail.
/// </summary>
internal static class ReferenceErf
{
    /// <summary>Φ(z) = ½(1 + erf(z/√2)), the standard normal CDF, in double (about 13 correct digits for |z| ≤ 8).</summary>
    public static double NormalCdf(double z)
    {
        double x = z / Math.Sqrt(2);
        return Math.Abs(x) <= 3 ? 0.5 * (1 + Maclaurin(x)) : x > 0 ? 1 - (0.5 * ErfcByQuadrature(x)) : 0.5 * ErfcByQuadrature(-x);
    }

    /// <summary>erf(x) = (2/√π) Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)) in double, for |x| ≤ 3 (terms up to ~170, so ~1e-14 absolute).</summary>
    public static double Maclaurin(double x)
    {
        double power = x, sum = 0;
        for (int n = 0; n < 200; n++)
        {
            double term = power / ((2 * n) + 1);
            sum += term;
            if (Math.Abs(term) < 1e-18)
            {
                break;
            }

            power *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>The same series in decimal (28 significant digits): erf to ~25 digits for |x| ≤ 3.</summary>
    public static decimal MaclaurinDecimal(decimal x)
    {
        decimal power = x, sum = 0, x2 = x * x;
        for (int n = 0; n < 400; n++)
        {
            decimal term = power / ((2 * n) + 1);
            sum += term;
            if (Math.Abs(term) < 1e-27m)
            {
                break;
            }

            power = -power * x2 / (n + 1);
        }

        const decimal TwoOverSqrtPi = 1.1283791670955125738961589031m;
        return TwoOverSqrtPi * sum;
    }

    /// <summary>
    /// erfc(x) = (2/√π) ∫ₓ^∞ e^−t² dt for x ≥ 2 by composite Simpson on [x, x + 8] with 40,000 panels (the rest of the
    /// integral is below e^−(x+8)², negligible): relative error far below float's.
    /// </summary>
    public static double ErfcByQuadrature(double x)
    {
        const int Panels = 40000;
        double h = 8.0 / Panels;
        double sum = 0;

        // e^−t² = e^−x² · e^−(t² − x²): factor out e^−x² so large x does not underflow before the end.
        for (int i = 0; i <= Panels; i++)
        {
            double t = x + (i * h);
            double weight = i == 0 || i == Panels ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.Exp(-((t - x) * (t + x)));
        }

        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum * h / 3;
    }
}
