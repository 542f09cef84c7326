using System;
using System.Collections.Generic;
using System.Linq;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Keras' <c>PiecewiseConstantDecay</c>: <c>values[0]</c> for steps ≤ <c>boundaries[0]</c>, <c>values[i]</c> for
/// <c>boundaries[i−1]</c> &lt; step ≤ <c>boundaries[i]</c>, and the last value after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly float[] _values;

    /// <summary>A rate constant between <paramref name="boundaries"/>.</summary>
    /// <param name="boundaries">Steps where the rate changes, strictly increasing, each in [0, ∞); may be empty.</param>
    /// <param name="values">The rates, one more than <paramref name="boundaries"/>, each in (0, ∞).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths do not fit, a boundary is negative or not above the one before, or a rate is not positive and finite.</exception>
    public PiecewiseConstantDecay(IReadOnlyList<long> boundaries, IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != boundaries.Count + 1)
        {
            throw new ArgumentException(Guard.Invariant($"Expected {boundaries.Count + 1} values (one more than the {boundaries.Count} boundaries) but found {values.Count}."), nameof(values));
        }

        for (int i = 0; i < boundaries.Count; i++)
        {
            long previous = i == 0 ? -1 : boundaries[i - 1];
            if (boundaries[i] <= previous)
            {
                throw new ArgumentException(Guard.Invariant($"Expected boundaries[{i}] in [{previous + 1}, ∞) (boundaries start at 0 and increase strictly) but found {boundaries[i]}."), nameof(boundaries));
            }
        }

        for (int i = 0; i < values.Count; i++)
        {
            Guard.PositiveFinite(values[i], Guard.Invariant($"values[{i}]"));
        }

        _boundaries = boundaries.ToArray();
        _values = values.ToArray();
    }

    /// <summary>Steps where the rate changes.</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;

    /// <summary>The rates between the boundaries.</summary>
    public IReadOnlyList<float> Values => _values;

    /// <inheritdoc/>
    public override double Evaluate(long step)
    {
        int i = 0;
        while (i < _boundaries.Length && step > _boundaries[i])
        {
            i++;
        }

        return _values[i];
    }
}
