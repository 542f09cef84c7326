using System;
using System.Globalization;

namespace Dendrite.Internal;

/// <summary>
/// Argument checks that produce messages naming the argument with the expected and the actual value, so a
/// caller sees at once what to fix.
/// </summary>
internal static class Guard
{
    public static void Length<T>(ReadOnlySpan<T> span, int expected, string paramName)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException(Invariant($"Expected length {expected} but found {span.Length}."), paramName);
        }
    }

    public static void Length<T>(Span<T> span, int expected, string paramName) => Length((ReadOnlySpan<T>)span, expected, paramName);

    public static void MultipleOf<T>(ReadOnlySpan<T> span, int unit, string unitName, string paramName)
    {
        if (span.Length % unit != 0)
        {
            throw new ArgumentException(
                Invariant($"Expected a length that is a multiple of {unitName} ({unit}) but found {span.Length} ({span.Length / unit} whole samples and {span.Length % unit} values left over)."),
                paramName);
        }
    }

    public static void NotEmpty<T>(ReadOnlySpan<T> span, string paramName, string what = "sample")
    {
        if (span.IsEmpty)
        {
            throw new ArgumentException($"Expected at least one {what} but found none.", paramName);
        }
    }

    public static void Positive(int value, string paramName)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, Invariant($"Expected a positive value but found {value}."));
        }
    }

    public static void Label(int label, int classCount, string paramName)
    {
        if ((uint)label >= (uint)classCount)
        {
            throw new ArgumentOutOfRangeException(paramName, label, Invariant($"Expected a class label in [0, {classCount}) but found {label}."));
        }
    }

    public static void Labels(ReadOnlySpan<int> labels, int classCount, string paramName)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(
                    paramName,
                    labels[i],
                    Invariant($"Expected class labels in [0, {classCount}) but found {labels[i]} at index {i}."));
            }
        }
    }

    // ── Settings: one check per kind of range, used by property setters and constructors alike, so a value is
    //    refused where it is set and every refusal reads the same: "Expected <name> in <range> but found <value>."

    /// <summary><paramref name="value"/> if it is positive and finite (a learning rate, an epsilon): (0, ∞).</summary>
    public static float PositiveFinite(float value, string name) =>
        value > 0f && float.IsFinite(value) ? value : throw OutOfRange(name, value, "in (0, ∞)", Shown(value));

    /// <summary><paramref name="value"/> if it is in [0, 1) (a decay rate, a momentum, a held-out fraction).</summary>
    public static float UnitFraction(float value, string name) =>
        value >= 0f && value < 1f ? value : throw OutOfRange(name, value, "in [0, 1)", Shown(value));

    /// <summary><paramref name="value"/> if it is finite and ≥ 0: [0, ∞).</summary>
    public static double NonNegativeFinite(double value, string name) =>
        value >= 0d && double.IsFinite(value) ? value : throw OutOfRange(name, value, "in [0, ∞)", value.ToString(CultureInfo.InvariantCulture));

    /// <summary><paramref name="value"/> if it is finite and ≥ 0: [0, ∞), shown as the float it is.</summary>
    public static float NonNegativeFinite(float value, string name) =>
        value >= 0f && float.IsFinite(value) ? value : throw OutOfRange(name, value, "in [0, ∞)", Shown(value));

    /// <summary><paramref name="value"/> if it is at least <paramref name="minimum"/>: [minimum, ∞).</summary>
    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum ? value : throw OutOfRange(name, value, Invariant($"in [{minimum}, ∞)"), value.ToString(CultureInfo.InvariantCulture));

    /// <summary><paramref name="value"/> if it is one of <typeparamref name="TEnum"/>'s named values (a cast integer is not).</summary>
    public static TEnum Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw OutOfRange(name, value, "to be one of " + string.Join(", ", Enum.GetNames<TEnum>()), Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));

    /// <summary>The exception every setting check throws: names the setting, the allowed range and the value.</summary>
    public static ArgumentOutOfRangeException OutOfRange(string name, object actual, string expectation, string shown) =>
        new(name, actual, $"Expected {name} {expectation} but found {shown}.");

    private static string Shown(float value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
