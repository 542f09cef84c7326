namespace Dendrite.Internal.Lanes;

/// <summary>Float constants .NET does not name.</summary>
internal static class FloatLimits
{
    /// <summary>2⁻¹²⁶, the smallest positive normal float; below it the subnormal range, where x86 arithmetic slows down.</summary>
    public const float SmallestNormal = 1.17549435E-38f;

    /// <summary>2⁻⁶³: below it in magnitude, x² is below <see cref="SmallestNormal"/> (2⁻¹²⁶); from it on, x² is normal.</summary>
    public const float SquareUnderflowsBelow = 1.08420217E-19f;
}
