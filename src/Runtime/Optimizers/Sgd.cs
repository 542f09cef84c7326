using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dendrite.Internal;
using Dendrite.Internal.Lanes;

namespace Dendrite;

/// <summary>
/// Gradient descent, optionally with momentum, with Keras' update rule:
/// v ← μ·v − α·g; θ ← θ + v (or θ ← θ + μ·v − α·g with Nesterov momentum). Plain gradient descent when μ = 0.
/// </summary>
/// <remarks>
/// The update runs as under flush-to-zero, as TensorFlow's CPU kernels do (<see cref="Adam"/>'s remarks): a subnormal
/// gradient counts as 0 and the velocity v is stored as 0 below the smallest normal float (1.18·10⁻³⁸): where the
/// gradient stays 0, v decays by μ each step into the subnormal range, where x86 arithmetic is many times slower. A
/// flushed value moves a parameter by less than 1.2·10⁻³⁸ (OptimizerSubnormalStateTests).
/// </remarks>
public sealed class Sgd : Optimizer
{
    private AlignedBuffer? _velocity; // on cache lines, as θ and the gradients the update streams beside it

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
        _velocity?.Span.Clear();
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
            DescendWithMomentum(parameters, gradients, _velocity!.Span.Slice(offset, parameters.Length), LearningRate, Momentum, Nesterov);
        }
    }

    /// <summary>θ ← θ − α·g at the widest accelerated width, then one value at a time (the same bits at every width).</summary>
    private static void Descend(Span<float> theta, ReadOnlySpan<float> g, float alpha)
    {
        var rule = new Rule(alpha, 0f, false);
        int done = Vector512.IsHardwareAccelerated ? rule.Descend<Lanes512>(theta, g, 0) : rule.Descend<PortableLanes>(theta, g, 0);
        rule.Descend<ScalarLane>(theta, g, done);
    }

    /// <summary>v ← μ·v − α·g; θ ← θ + v (Nesterov: θ + μ·v − α·g), at the widest accelerated width, then one value at a time.</summary>
    private static void DescendWithMomentum(Span<float> theta, ReadOnlySpan<float> g, Span<float> v, float alpha, float mu, bool nesterov)
    {
        var rule = new Rule(alpha, mu, nesterov);
        int done = Vector512.IsHardwareAccelerated
            ? rule.DescendWithMomentum<Lanes512>(theta, g, v, 0)
            : rule.DescendWithMomentum<PortableLanes>(theta, g, v, 0);
        rule.DescendWithMomentum<ScalarLane>(theta, g, v, done);
    }

    /// <summary>SGD's rule with one step's constants, applied at any lane width; each method returns where its whole registers stopped.</summary>
    internal readonly record struct Rule(float Alpha, float Mu, bool Nesterov)
    {
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        internal int Descend<TLanes>(Span<float> theta, ReadOnlySpan<float> g, int start)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            int length = theta.Length;
            ref float thetaAt = ref MemoryMarshal.GetReference(theta);
            ref float gAt = ref MemoryMarshal.GetReference(g[..length]);
            TLanes alpha = TLanes.Broadcast(Alpha);
            int i = start;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                ref float thetaI = ref Unsafe.Add(ref thetaAt, i);
                TLanes.Store(TLanes.Load(ref thetaI) - (alpha * TLanes.FlushSubnormal(TLanes.Load(ref Unsafe.Add(ref gAt, i)))), ref thetaI);
            }

            return i;
        }

        /// <summary>Subnormal gradients count as zero and the velocity is stored as zero below the smallest normal float (see the class remarks).</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        internal int DescendWithMomentum<TLanes>(Span<float> theta, ReadOnlySpan<float> g, Span<float> v, int start)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            int length = theta.Length;
            ref float thetaAt = ref MemoryMarshal.GetReference(theta);
            ref float gAt = ref MemoryMarshal.GetReference(g[..length]);
            ref float vAt = ref MemoryMarshal.GetReference(v[..length]);
            TLanes alpha = TLanes.Broadcast(Alpha);
            TLanes mu = TLanes.Broadcast(Mu);
            int i = start;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TLanes gi = TLanes.FlushSubnormal(TLanes.Load(ref Unsafe.Add(ref gAt, i)));
                TLanes step = TLanes.FlushSubnormal((mu * TLanes.Load(ref Unsafe.Add(ref vAt, i))) - (alpha * gi));
                TLanes.Store(step, ref Unsafe.Add(ref vAt, i));
                ref float thetaI = ref Unsafe.Add(ref thetaAt, i);
                TLanes.Store(TLanes.Load(ref thetaI) + (Nesterov ? (mu * step) - (alpha * gi) : step), ref thetaI);
            }

            return i;
        }
    }
}
