using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dendrite.Internal.Lanes;

/// <summary><see cref="Vector{T}.Count"/> float lanes in a <see cref="Vector{T}"/>: the portable width (8 on AVX2 hardware, 4 on SSE and Arm NEON).</summary>
internal readonly struct PortableLanes : IFloatLanes<PortableLanes>
{
    private readonly Vector<float> _value;

    private PortableLanes(Vector<float> value) => _value = value;

    public static int Count => Vector<float>.Count;

    public static PortableLanes Zero => new(Vector<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes Broadcast(float value) => new(Vector.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes Load(ref float source) => new(Vector.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(PortableLanes value, ref float destination) => value._value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes operator +(PortableLanes left, PortableLanes right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes operator -(PortableLanes left, PortableLanes right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes operator *(PortableLanes left, PortableLanes right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes operator /(PortableLanes left, PortableLanes right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes Sqrt(PortableLanes x) => new(Vector.SquareRoot(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes Abs(PortableLanes x) => new(Vector.Abs(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes Max(PortableLanes left, PortableLanes right) => new(Vector.Max(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes FlushSubnormal(PortableLanes x)
    {
        Vector<int> subnormal = Vector.LessThan(Vector.Abs(x._value), Vector.Create(FloatLimits.SmallestNormal));
        return new(Vector.ConditionalSelect(subnormal, Vector<float>.Zero, x._value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PortableLanes SquareOrZero(PortableLanes x)
    {
        Vector<int> underflows = Vector.LessThan(Vector.Abs(x._value), Vector.Create(FloatLimits.SquareUnderflowsBelow));
        Vector<float> kept = Vector.ConditionalSelect(underflows, Vector<float>.Zero, x._value);
        return new(kept * kept);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(PortableLanes x) => x._value == Vector<float>.Zero;

    public static float MaxAcross(PortableLanes x)
    {
        float max = x._value.GetElement(0);
        for (int lane = 1; lane < Vector<float>.Count; lane++)
        {
            max = System.MathF.Max(max, x._value.GetElement(lane));
        }

        return max;
    }
}
