using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// A learning rate that changes with the optimizer's step count, as Keras' <c>LearningRateSchedule</c>: give one to
/// an optimizer (<see cref="Optimizer.Schedule"/>) and it is evaluated before every step at
/// <see cref="Optimizer.Iterations"/> (0 for the first step). Implementations: <see cref="ExponentialDecay"/>,
/// <see cref="PiecewiseConstantDecay"/>, <see cref="CosineDecay"/>; derive from this class for your own.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate of step <paramref name="step"/> (0-based), computed in double.</summary>
    /// <param name="step">Steps taken before this one, in [0, ∞).</param>
    public abstract double Evaluate(long step);

    /// <summary>
    /// <see cref="Evaluate"/> as the float the optimizer uses, refused unless finite and ≥ 0 (0 is allowed, as in
    /// Keras: a cosine decay ends at α·initial, which may be 0).
    /// </summary>
    internal float RateAt(long step)
    {
        float rate = (float)Evaluate(step);
        return rate >= 0f && float.IsFinite(rate)
            ? rate
            : throw new InvalidOperationException(Guard.Invariant($"Expected {GetType().Name} to give a learning rate in [0, ∞) at step {step} but it gave {rate}."));
    }
}
