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

    public static void NotEmpty<T>(ReadOnlySpan<T> span, string paramName)
    {
        if (span.IsEmpty)
        {
            throw new ArgumentException("Expected at least one sample but found none.", paramName);
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

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
