namespace Dendrite.Internal.Lanes;

/// <summary>Float constants .NET does not name.</summary>
internal static class FloatLimits
{
    /// <summary>2⁻¹²⁶, the smallest positive normal float; below it the subnormal range, where x86 arithmetic slows down.</summary>
    public const float SmallestNormal = 1.17549435E-38f;
}
