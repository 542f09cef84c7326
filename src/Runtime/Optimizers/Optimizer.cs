using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Updates all of a network's parameters from their gradients in one pass over the flat buffers. An optimizer
/// keeps per-parameter state (momentum, moments) sized on first use, so one instance serves one network.
/// </summary>
public abstract class Optimizer
{
    private float _learningRate;

    /// <summary>Creates an optimizer with step size <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not in (0, ∞).</exception>
    protected Optimizer(float learningRate) => _learningRate = Guard.PositiveFinite(learningRate, nameof(learningRate));

    /// <summary>
    /// The step size α, in (0, ∞). It may be changed between steps (a schedule); a NaN, infinite, zero or negative
    /// value is refused here, before it can reach the weights (HyperParameterValidationTests).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = Guard.PositiveFinite(value, nameof(LearningRate));
    }

    /// <summary>Number of steps taken since creation or the last <see cref="Reset"/>.</summary>
    public long Iterations { get; protected set; }

    /// <summary>Applies one update: θ ← θ − step(∇θ). Allocation-free after the first call.</summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">∂cost/∂θ, same length.</param>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (gradients.Length != parameters.Length)
        {
            throw new ArgumentException($"Expected length {parameters.Length} (one gradient per parameter) but found {gradients.Length}.", nameof(gradients));
        }

        EnsureState(parameters.Length);
        Iterations++;
        Update(parameters, gradients);
    }

    /// <summary>Forgets all state, as if the optimizer were new.</summary>
    public virtual void Reset() => Iterations = 0;

    /// <summary>Sizes per-parameter state for <paramref name="parameterCount"/> parameters.</summary>
    protected abstract void EnsureState(int parameterCount);

    /// <summary>The update rule, with state already sized and <see cref="Iterations"/> already advanced.</summary>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>Allocates <paramref name="state"/> for <paramref name="count"/> values, or checks it already fits.</summary>
    protected static void EnsureBuffer(ref float[]? state, int count)
    {
        if (state is null)
        {
            state = new float[count];
        }
        else if (state.Length != count)
        {
            throw new InvalidOperationException(
                $"This optimizer holds state for {state.Length} parameters but was given {count}: use one optimizer per network, or call Reset().");
        }
    }
}
