using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Keras' <c>ExponentialDecay</c>: α(step) = initial · rate^(step / decaySteps), with the exponent rounded down when
/// <see cref="Staircase"/> (the rate then changes once every <see cref="DecaySteps"/> steps).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>A decay from <paramref name="initialLearningRate"/> by <paramref name="decayRate"/> every <paramref name="decaySteps"/> steps.</summary>
    /// <param name="initialLearningRate">The rate of step 0, in (0, ∞).</param>
    /// <param name="decaySteps">Steps over which the rate is multiplied by <paramref name="decayRate"/>, in [1, ∞).</param>
    /// <param name="decayRate">The factor per <paramref name="decaySteps"/> steps, in (0, ∞) (below 1 to decay).</param>
    /// <param name="staircase">Change the rate in steps rather than continuously.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range; the message names it, the range and the value.</exception>
    public ExponentialDecay(float initialLearningRate, int decaySteps, float decayRate, bool staircase = false)
    {
        InitialLearningRate = Guard.PositiveFinite(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = Guard.AtLeast(decaySteps, 1, nameof(decaySteps));
        DecayRate = Guard.PositiveFinite(decayRate, nameof(decayRate));
        Staircase = staircase;
    }

    /// <summary>The rate of step 0.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Steps per factor <see cref="DecayRate"/>.</summary>
    public int DecaySteps { get; }

    /// <summary>The factor per <see cref="DecaySteps"/> steps.</summary>
    public float DecayRate { get; }

    /// <summary>Whether the exponent is rounded down to a whole number.</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public override double Evaluate(long step)
    {
        double exponent = (double)step / DecaySteps;
        if (Staircase)
        {
            exponent = Math.Floor(exponent);
        }

        return InitialLearningRate * Math.Pow(DecayRate, exponent);
    }
}
