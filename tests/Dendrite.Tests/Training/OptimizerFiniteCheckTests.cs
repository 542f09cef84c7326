using System.Numerics;
using System.Runtime.Intrinsics;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// The finiteness check a training step runs over its gradients and parameters (Optimizer.FiniteMaxAbs): four
/// vectors per round in four independent chains, then single vectors, then a scalar tail. Every position of every
/// part is tried, so a value missed by one chain, by the leftover vectors or by the tail would show.
/// </summary>
public class OptimizerFiniteCheckTests
{
    /// <summary>
    /// Lengths from empty to past two rounds of four vectors of the widest width the scan uses here (16 floats where
    /// 512-bit vectors are accelerated), so each part is empty, partial and full.
    /// </summary>
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        int widest = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector<float>.Count;
        for (int length = 0; length <= (9 * widest) + 3; length++)
        {
            data.Add(length);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_non_finite_value_is_found_at_every_position(int length)
    {
        float[] values = Enumerable.Range(0, length).Select(i => (i % 7) - 3.25f).ToArray();
        Assert.True(Optimizer.FiniteMaxAbs(values, out _), "finite values reported non-finite");
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            for (int position = 0; position < length; position++)
            {
                float kept = values[position];
                values[position] = bad;
                Assert.False(Optimizer.FiniteMaxAbs(values, out _), $"{bad} at {position} of {length} was not found");
                values[position] = kept;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void The_largest_magnitude_is_found_at_every_position(int length)
    {
        float[] values = Enumerable.Range(0, length).Select(i => ((i % 5) - 2) * 0.5f).ToArray();
        for (int position = 0; position < length; position++)
        {
            float kept = values[position];
            values[position] = position % 2 == 0 ? -1e30f : 1e30f;
            Assert.True(Optimizer.FiniteMaxAbs(values, out float max));
            Assert.Equal(values.Max(MathF.Abs), max); // LINQ's maximum, an independent reckoning
            values[position] = kept;
        }

        Assert.True(Optimizer.FiniteMaxAbs(values, out float none));
        Assert.Equal(length == 0 ? 0f : values.Max(MathF.Abs), none);
    }
}
