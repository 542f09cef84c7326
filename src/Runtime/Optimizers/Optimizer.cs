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

    /// <summary>
    /// How many per-parameter state buffers (moments, velocity) the optimizer keeps once sized; 0 by default. With
    /// <see cref="StateBuffer"/> it lets training undo a step whose update overflowed, state included, so the
    /// optimizer continues as if the step had never been taken (DivergentUpdateTests). An optimizer that keeps state
    /// elsewhere and does not expose it here has only its parameters and <see cref="Iterations"/> restored.
    /// </summary>
    protected virtual int StateBufferCount => 0;

    /// <summary>State buffer <paramref name="index"/> (in [0, <see cref="StateBufferCount"/>)), one value per parameter.</summary>
    protected virtual Span<float> StateBuffer(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "This optimizer keeps no state buffers.");

    /// <summary>Sizes the state for <paramref name="parameterCount"/> parameters now rather than at the first step.</summary>
    internal void PrepareState(int parameterCount) => EnsureState(parameterCount);

    /// <summary>Values in all state buffers together (after <see cref="PrepareState"/>).</summary>
    internal int StateLength
    {
        get
        {
            int length = 0;
            for (int i = 0; i < StateBufferCount; i++)
            {
                length += StateBuffer(i).Length;
            }

            return length;
        }
    }

    /// <summary>Copies every state buffer, one after another, into <paramref name="destination"/>.</summary>
    internal void CopyStateTo(Span<float> destination)
    {
        for (int i = 0; i < StateBufferCount; i++)
        {
            Span<float> buffer = StateBuffer(i);
            buffer.CopyTo(destination);
            destination = destination[buffer.Length..];
        }
    }

    /// <summary>Puts back state copied by <see cref="CopyStateTo"/> and the step count it had then.</summary>
    internal void RestoreState(ReadOnlySpan<float> source, long iterations)
    {
        for (int i = 0; i < StateBufferCount; i++)
        {
            Span<float> buffer = StateBuffer(i);
            source[..buffer.Length].CopyTo(buffer);
            source = source[buffer.Length..];
        }

        Iterations = iterations;
    }

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
