using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Keras' <c>CosineDecay</c> with optional linear warm-up. Without warm-up (<see cref="WarmupTarget"/> null):
/// α(step) = initial · ((1 − alpha) · ½(1 + cos(π · min(step, D) / D)) + alpha) for D = <see cref="DecaySteps"/>.
/// With it: the rate rises linearly from initial to <see cref="WarmupTarget"/> over <see cref="WarmupSteps"/> steps
/// (initial + (target − initial) · step / W), then decays from the target by the same cosine over the next D steps.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>A cosine decay over <paramref name="decaySteps"/> steps, after an optional linear warm-up.</summary>
    /// <param name="initialLearningRate">The rate of step 0, in [0, ∞); positive unless a warm-up follows (a rate of 0 throughout would not train).</param>
    /// <param name="decaySteps">Steps of the cosine, in [1, ∞).</param>
    /// <param name="alpha">The final rate as a fraction of the rate the decay starts from, in [0, 1].</param>
    /// <param name="warmupTarget">The rate the warm-up reaches and the decay starts from, in (0, ∞); null for no warm-up.</param>
    /// <param name="warmupSteps">Steps of the warm-up, in [0, ∞); 0 without a warm-up target.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range; the message names it, the range and the value.</exception>
    /// <exception cref="ArgumentException">The warm-up is half declared (steps without a target).</exception>
    public CosineDecay(float initialLearningRate, int decaySteps, float alpha = 0f, float? warmupTarget = null, int warmupSteps = 0)
    {
        InitialLearningRate = warmupTarget is null
            ? Guard.PositiveFinite(initialLearningRate, nameof(initialLearningRate))
            : Guard.NonNegativeFinite(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = Guard.AtLeast(decaySteps, 1, nameof(decaySteps));
        Alpha = alpha >= 0f && alpha <= 1f ? alpha : throw Guard.OutOfRange(nameof(alpha), alpha, "in [0, 1]", alpha.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WarmupTarget = warmupTarget is { } target ? Guard.PositiveFinite(target, nameof(warmupTarget)) : null;
        WarmupSteps = Guard.AtLeast(warmupSteps, 0, nameof(warmupSteps));
        if (warmupTarget is null && warmupSteps > 0)
        {
            throw new ArgumentException(Guard.Invariant($"Expected a warmupTarget with warmupSteps {warmupSteps} (the rate the warm-up rises to) but found none."), nameof(warmupTarget));
        }
    }

    /// <summary>The rate of step 0.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Steps of the cosine.</summary>
    public int DecaySteps { get; }

    /// <summary>The final rate as a fraction of the rate the decay starts from.</summary>
    public float Alpha { get; }

    /// <summary>The rate at the end of the warm-up, or null without one.</summary>
    public float? WarmupTarget { get; }

    /// <summary>Steps of the linear warm-up.</summary>
    public int WarmupSteps { get; }

    /// <inheritdoc/>
    public override double Evaluate(long step)
    {
        if (WarmupTarget is not { } target)
        {
            return Decay(Math.Min(step, DecaySteps), InitialLearningRate);
        }

        long clamped = Math.Min(step, (long)DecaySteps + WarmupSteps);
        if (clamped < WarmupSteps)
        {
            return InitialLearningRate + ((target - (double)InitialLearningRate) * clamped / WarmupSteps);
        }

        return Decay(clamped - WarmupSteps, target);
    }

    private double Decay(long step, double from)
    {
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * step / DecaySteps));
        return from * (((1 - Alpha) * cosine) + Alpha);
    }
}
