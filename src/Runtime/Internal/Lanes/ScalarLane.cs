using System;
using System.Runtime.CompilerServices;

namespace Dendrite.Internal.Lanes;

/// <summary>One float: the values past the last whole vector of a buffer, through the same generic code as the rest.</summary>
internal readonly struct ScalarLane : IFloatLanes<ScalarLane>
{
    private readonly float _value;

    private ScalarLane(float value) => _value = value;

    public static int Count => 1;

    public static ScalarLane Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Broadcast(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Load(ref float source) => new(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarLane value, ref float destination) => destination = value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator +(ScalarLane left, ScalarLane right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator -(ScalarLane left, ScalarLane right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator *(ScalarLane left, ScalarLane right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator /(ScalarLane left, ScalarLane right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Sqrt(ScalarLane x) => new(MathF.Sqrt(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Abs(ScalarLane x) => new(MathF.Abs(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Max(ScalarLane left, ScalarLane right) => new(MathF.Max(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane FlushSubnormal(ScalarLane x) => MathF.Abs(x._value) < FloatLimits.SmallestNormal ? default : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane SquareOrZero(ScalarLane x) => MathF.Abs(x._value) < FloatLimits.SquareUnderflowsBelow ? default : new(x._value * x._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(ScalarLane x) => x._value == 0f;

    public static float MaxAcross(ScalarLane x) => x._value;
}
