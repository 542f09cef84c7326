using System;
using Dendrite.Internal;

namespace Dendrite.Data;

/// <summary>Fixed-range scaling: maps a known value range onto [0, 1], as dividing pixel values by 255 does.</summary>
public static class Scaling
{
    /// <summary>
    /// Maps every value x in place to (x − <paramref name="min"/>) / (<paramref name="max"/> − <paramref name="min"/>),
    /// so values in [min, max] land in [0, 1]. Digits' 0…16 grey levels: <c>ToUnitRange(x, 0, 16)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is not greater than <paramref name="min"/>.</exception>
    public static void ToUnitRange(Span<float> values, float min, float max)
    {
        if (!(max > min) || !float.IsFinite(max - min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, Guard.Invariant($"Expected a finite max greater than min ({min}) but found {max}."));
        }

        float scale = 1f / (max - min);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] - min) * scale;
        }
    }
}
