using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Internal.Lanes;

/// <summary>16 float lanes in a <see cref="Vector512{T}"/>; used where <see cref="Vector512.IsHardwareAccelerated"/>.</summary>
internal readonly struct Lanes512 : IFloatLanes<Lanes512>
{
    private readonly Vector512<float> _value;

    private Lanes512(Vector512<float> value) => _value = value;

    public static int Count => Vector512<float>.Count;

    public static Lanes512 Zero => new(Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref float source) => new(Vector512.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512 value, ref float destination) => value._value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 left, Lanes512 right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator /(Lanes512 left, Lanes512 right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Sqrt(Lanes512 x) => new(Vector512.Sqrt(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Abs(Lanes512 x) => new(Vector512.Abs(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Max(Lanes512 left, Lanes512 right) => new(Vector512.Max(left._value, right._value));

    /// <summary>
    /// Where AVX-512DQ is there (always, in practice: .NET accelerates Vector512 only on processors with AVX-512 F, BW,
    /// CD, DQ and VL; the test is a constant to the JIT), one class test of each lane
    /// (vfpclassps: subnormal or −0) finds the lanes that |x| &lt; <see cref="FloatLimits.SmallestNormal"/> finds
    /// otherwise, +0 aside, which stays +0 either way: one instruction instead of a mask, a compare and its constant.
    /// The same bits at every width (LanesEquivalenceTests); Adam's update over workload A's parameters is about 12 %
    /// faster for it (bench/README.md, "Batches of 32, and the optimizer's flush").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 FlushSubnormal(Lanes512 x)
    {
        Vector512<float> subnormal = Avx512DQ.IsSupported
            ? Avx512DQ.Classify(x._value, SubnormalOrNegativeZero)
            : Vector512.LessThan(Vector512.Abs(x._value), Vector512.Create(FloatLimits.SmallestNormal));
        return new(Vector512.ConditionalSelect(subnormal, Vector512<float>.Zero, x._value));
    }

    /// <summary>vfpclassps' classes: 0x04 negative zero, 0x20 denormal (subnormal).</summary>
    private const byte SubnormalOrNegativeZero = 0x04 | 0x20;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 SquareOrZero(Lanes512 x)
    {
        Vector512<float> underflows = Vector512.LessThan(Vector512.Abs(x._value), Vector512.Create(FloatLimits.SquareUnderflowsBelow));
        Vector512<float> kept = Vector512.ConditionalSelect(underflows, Vector512<float>.Zero, x._value);
        return new(kept * kept);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Lanes512 x) => x._value == Vector512<float>.Zero;

    public static float MaxAcross(Lanes512 x)
    {
        float max = x._value.GetElement(0);
        for (int lane = 1; lane < Vector512<float>.Count; lane++)
        {
            max = System.MathF.Max(max, x._value.GetElement(lane));
        }

        return max;
    }
}
