namespace Dendrite.Generator.Planning;

/// <summary>
/// Non-negative 64-bit arithmetic that saturates at <see cref="long.MaxValue"/> instead of wrapping. Every size and
/// offset of a network is a sum or product of declared ints, and a product of four of them (kernel × kernel ×
/// channels × filters, or height × width × channels of int.MaxValue each) can pass even 64 bits: a saturated value is
/// still "too large", which is all the limits need, and it never turns negative.
/// </summary>
internal static class WideMath
{
    /// <summary>a + b, or long.MaxValue when the sum does not fit; negative operands count as 0.</summary>
    public static long Add(long a, long b)
    {
        a = System.Math.Max(a, 0);
        b = System.Math.Max(b, 0);
        return a > long.MaxValue - b ? long.MaxValue : a + b;
    }

    /// <summary>a × b, or long.MaxValue when the product does not fit; negative operands count as 0.</summary>
    public static long Multiply(long a, long b)
    {
        a = System.Math.Max(a, 0);
        b = System.Math.Max(b, 0);
        return a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
    }

    public static long Multiply(long a, long b, long c) => Multiply(Multiply(a, b), c);

    public static long Multiply(long a, long b, long c, long d) => Multiply(Multiply(a, b), Multiply(c, d));

    /// <summary>"2,147,483,648" in invariant culture, or "more than 9,223,372,036,854,775,806" for a saturated value.</summary>
    public static string Format(long value) => value == long.MaxValue
        ? "more than " + (long.MaxValue - 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
