using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Gradient descent, optionally with momentum, with Keras' update rule:
/// v ← μ·v − α·g; θ ← θ + v (or θ ← θ + μ·v − α·g with Nesterov momentum). Plain gradient descent when μ = 0.
/// </summary>
public sealed class Sgd : Optimizer
{
    private float[]? _velocity;

    // Bound on max|velocity|, kept by each step from max|g| so that training can prove an update finite without
    // reading the state (Optimizer.UpdateBound). 0 for the zeroed state of a new or reset optimizer.
    private double _velocityBound;

    /// <summary>Gradient descent with step size <paramref name="learningRate"/> (Keras default 0.01).</summary>
    /// <param name="learningRate">α, positive.</param>
    /// <param name="momentum">μ in [0, 1); 0 for plain gradient descent.</param>
    /// <param name="nesterov">Use Nesterov momentum.</param>
    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = Guard.UnitFraction(momentum, nameof(momentum));
        Nesterov = nesterov;
    }

    /// <summary>μ, the fraction of the previous step kept.</summary>
    public float Momentum { get; }

    /// <summary>True for Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        _velocity?.AsSpan().Clear();
        _velocityBound = 0;
    }

    /// <inheritdoc/>
    internal override double UpdateBound(double maxAbsGradient) =>
        StepBound(maxAbsGradient, _velocityBound, LearningRate, Momentum, Nesterov);

    /// <summary>
    /// Bound on |θ' − θ| for one step, or +∞ when an intermediate value or the new velocity might not stay below
    /// <see cref="Optimizer.FiniteLimit"/>: α·G without momentum; with it the new velocity μ·V + α·G, and for Nesterov
    /// μ·(μ·V + α·G) + α·G. Each with slack for the float roundings; OptimizerUpdateBoundTests checks it on random
    /// states against the float update.
    /// </summary>
    internal static double StepBound(double g, double velocityBound, float alpha, float mu, bool nesterov)
    {
        double scaledGradient = alpha * g;
        double velocity = NextVelocityBound(velocityBound, g, alpha, mu);
        double step = mu == 0f ? scaledGradient * (1 + Slack) : nesterov ? ((mu * velocity) + scaledGradient) * (1 + Slack) : velocity;
        return scaledGradient < FiniteLimit && velocity < FiniteLimit && step < FiniteLimit ? step : double.PositiveInfinity;
    }

    /// <summary>Bound on |μ·v − α·g| for |v| ≤ <paramref name="velocityBound"/>, |g| ≤ <paramref name="g"/>, with slack for the roundings.</summary>
    internal static double NextVelocityBound(double velocityBound, double g, float alpha, float mu) =>
        ((mu * velocityBound) + (alpha * g)) * (1 + Slack);

    /// <inheritdoc/>
    private protected override void AdvanceStateBounds(double maxAbsGradient)
    {
        if (Momentum != 0f)
        {
            _velocityBound = NextVelocityBound(_velocityBound, maxAbsGradient, LearningRate, Momentum);
        }
    }

    /// <inheritdoc/>
    internal override void RecomputeStateBounds() => _velocityBound = _velocity is null ? 0 : MaxAbsOrInfinity(_velocity);

    /// <inheritdoc/>
    internal override bool StateWithinBounds() => _velocity is null || MaxAbsOrInfinity(_velocity) <= _velocityBound;

    /// <inheritdoc/>
    private protected override void InvalidateStateBounds() => _velocityBound = double.PositiveInfinity;

    /// <inheritdoc/>
    protected override void EnsureState(int parameterCount)
    {
        if (Momentum != 0f)
        {
            EnsureBuffer(ref _velocity, parameterCount);
        }
    }

    /// <inheritdoc/>
    protected override int StateBufferCount => _velocity is null ? 0 : 1;

    /// <inheritdoc/>
    protected override Span<float> StateBuffer(int index) => index == 0 && _velocity is not null ? _velocity : base.StateBuffer(index);

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) => UpdateSlice(parameters, gradients, 0);

    /// <inheritdoc/>
    private protected override bool UpdatesInSlices => true;

    /// <inheritdoc/>
    internal override void UpdateSlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset)
    {
        if (Momentum == 0f)
        {
            Descend(parameters, gradients, LearningRate);
        }
        else
        {
            DescendWithMomentum(parameters, gradients, _velocity.AsSpan(offset, parameters.Length), LearningRate, Momentum, Nesterov);
        }
    }

    private static void Descend(Span<float> theta, ReadOnlySpan<float> g, float alpha)
    {
        Span<Vector<float>> thetaV = MemoryMarshal.Cast<float, Vector<float>>(theta);
        ReadOnlySpan<Vector<float>> gV = MemoryMarshal.Cast<float, Vector<float>>(g);
        var alphaV = new Vector<float>(alpha);
        for (int i = 0; i < thetaV.Length; i++)
        {
            thetaV[i] -= alphaV * gV[i];
        }

        for (int i = thetaV.Length * Vector<float>.Count; i < theta.Length; i++)
        {
            theta[i] -= alpha * g[i];
        }
    }

    private static void DescendWithMomentum(Span<float> theta, ReadOnlySpan<float> g, Span<float> v, float alpha, float mu, bool nesterov)
    {
        Span<Vector<float>> thetaV = MemoryMarshal.Cast<float, Vector<float>>(theta);
        Span<Vector<float>> vV = MemoryMarshal.Cast<float, Vector<float>>(v);
        ReadOnlySpan<Vector<float>> gV = MemoryMarshal.Cast<float, Vector<float>>(g);
        var alphaV = new Vector<float>(alpha);
        var muV = new Vector<float>(mu);
        for (int i = 0; i < thetaV.Length; i++)
        {
            Vector<float> step = (muV * vV[i]) - (alphaV * gV[i]);
            vV[i] = step;
            thetaV[i] += nesterov ? (muV * step) - (alphaV * gV[i]) : step;
        }

        for (int i = thetaV.Length * Vector<float>.Count; i < theta.Length; i++)
        {
            float step = (mu * v[i]) - (alpha * g[i]);
            v[i] = step;
            theta[i] += nesterov ? (mu * step) - (alpha * g[i]) : step;
        }
    }
}
