using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dendrite.Internal;
using Dendrite.Internal.Lanes;

namespace Dendrite;

/// <summary>
/// RMSprop, with Keras' defaults and update rule: each parameter's step is divided by the root of a running average
/// of its squared gradient (s), optionally centred (minus the square of the gradient's running average, a) and with
/// momentum (μ, the velocity u carries α):
/// <code>
/// s ← ρ·s + (1 − ρ)·g²
/// a ← ρ·a + (1 − ρ)·g                       (centred only)
/// Δ = α·g / √(s − a² + ε)                    (without centring: √(s + ε))
/// u ← μ·u + Δ; θ ← θ − u                     (without momentum: θ ← θ − Δ)
/// </code>
/// ε sits inside the square root, as in Keras; PyTorch adds it outside (g / (√s + ε)) and keeps α out of its
/// momentum buffer, so the two agree only when ε is negligible. One vectorised pass over the flat buffer
/// (AdamWRmsPropKnownAnswerTests.RmsProp_follows_keras_for_several_steps).
/// </summary>
/// <remarks>
/// The update runs as under flush-to-zero, as TensorFlow's CPU kernels do (<see cref="Adam"/>'s remarks): a subnormal
/// gradient counts as 0, g² counts as 0 below the smallest normal float, and s, a and u are stored as 0 below
/// 1.18·10⁻³⁸ (where the gradient stays 0 they decay by ρ or μ each step into the subnormal range, where x86
/// arithmetic is many times slower; OptimizerSubnormalStateTests).
/// </remarks>
public sealed class RmsProp : Optimizer
{
    private AlignedBuffer? _meanSquare; // on cache lines, as θ and the gradients the update streams beside them
    private AlignedBuffer? _meanGradient;
    private AlignedBuffer? _velocity;
    private double _meanSquareBound;
    private double _velocityBound;

    /// <summary>RMSprop with Keras' defaults: α = 0.001, ρ = 0.9, μ = 0, ε = 1e-7, not centred.</summary>
    /// <param name="learningRate">α, positive.</param>
    /// <param name="rho">ρ, the decay of the running averages, in [0, 1).</param>
    /// <param name="momentum">μ in [0, 1); 0 for no momentum.</param>
    /// <param name="epsilon">Added under the square root, positive.</param>
    /// <param name="centered">Divide by an estimate of the gradient's variance rather than its second moment.</param>
    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false)
        : base(learningRate)
    {
        Rho = Guard.UnitFraction(rho, nameof(rho));
        Momentum = Guard.UnitFraction(momentum, nameof(momentum));
        Epsilon = Guard.PositiveFinite(epsilon, nameof(epsilon));
        Centered = centered;
    }

    /// <summary>ρ, the decay of the running averages.</summary>
    public float Rho { get; }

    /// <summary>μ, the fraction of the previous step kept.</summary>
    public float Momentum { get; }

    /// <summary>ε, added under the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Whether the mean gradient's square is subtracted from the mean square.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        _meanSquare?.Span.Clear();
        _meanGradient?.Span.Clear();
        _velocity?.Span.Clear();
        _meanSquareBound = 0;
        _velocityBound = 0;
    }

    /// <summary>
    /// Without centring, s' ≥ 0 so |Δ| ≤ α·|g|/√ε, and |u'| ≤ μ·|u| + |Δ|; α·g, g², s' and u' are also bounded
    /// below <see cref="Optimizer.FiniteLimit"/>. Centred, s − a² may round below −ε, so no bound is claimed (+∞:
    /// every step takes the checkpoint path). OptimizerUpdateBoundTests checks the bound against the float update.
    /// </summary>
    internal override double UpdateBound(double maxAbsGradient) =>
        Centered ? double.PositiveInfinity : StepBound(maxAbsGradient, _meanSquareBound, _velocityBound, LearningRate, Rho, Momentum, Epsilon);

    /// <summary>The bound of <see cref="UpdateBound"/> from the state bounds, for tests.</summary>
    internal static double StepBound(double g, double meanSquareBound, double velocityBound, float alpha, float rho, float mu, float epsilon)
    {
        double gSquared = g * g;
        double meanSquare = Adam.NextBound(meanSquareBound, gSquared, 1f - rho);
        double scaled = alpha * g;
        double increment = scaled / Math.Sqrt(epsilon) * (1 + Slack);
        double step = mu == 0f ? increment : ((mu * velocityBound) + increment) * (1 + Slack);
        bool finite = gSquared < FiniteLimit && gSquared + meanSquareBound < FiniteLimit && meanSquare < FiniteLimit
            && scaled < FiniteLimit && increment < FiniteLimit && step < FiniteLimit;
        return finite ? step : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    private protected override void AdvanceStateBounds(double maxAbsGradient)
    {
        _meanSquareBound = Adam.NextBound(_meanSquareBound, maxAbsGradient * maxAbsGradient, 1f - Rho);
        if (Momentum != 0f)
        {
            _velocityBound = ((Momentum * _velocityBound) + (LearningRate * maxAbsGradient / Math.Sqrt(Epsilon) * (1 + Slack))) * (1 + Slack);
        }
    }

    /// <inheritdoc/>
    internal override void RecomputeStateBounds()
    {
        _meanSquareBound = _meanSquare is null ? 0 : MaxAbsOrInfinity(_meanSquare);
        _velocityBound = _velocity is null ? 0 : MaxAbsOrInfinity(_velocity);
    }

    /// <inheritdoc/>
    internal override bool StateWithinBounds() =>
        (_meanSquare is null || (MaxAbsOrInfinity(_meanSquare) <= _meanSquareBound && !_meanSquare.Span.ContainsAnyInRange(float.NegativeInfinity, -float.Epsilon)))
        && (_velocity is null || MaxAbsOrInfinity(_velocity) <= _velocityBound);

    /// <inheritdoc/>
    private protected override void InvalidateStateBounds()
    {
        _meanSquareBound = double.PositiveInfinity;
        _velocityBound = double.PositiveInfinity;
    }

    /// <inheritdoc/>
    protected override void EnsureState(int parameterCount)
    {
        EnsureBuffer(ref _meanSquare, parameterCount);
        if (Centered)
        {
            EnsureBuffer(ref _meanGradient, parameterCount);
        }

        if (Momentum != 0f)
        {
            EnsureBuffer(ref _velocity, parameterCount);
        }
    }

    /// <inheritdoc/>
    protected override int StateBufferCount => _meanSquare is null ? 0 : 1 + (_meanGradient is null ? 0 : 1) + (_velocity is null ? 0 : 1);

    /// <inheritdoc/>
    protected override Span<float> StateBuffer(int index)
    {
        if (_meanSquare is not null)
        {
            if (index == 0)
            {
                return _meanSquare;
            }

            int next = 1;
            if (_meanGradient is not null && index == next++)
            {
                return _meanGradient;
            }

            if (_velocity is not null && index == next)
            {
                return _velocity;
            }
        }

        return base.StateBuffer(index);
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) => UpdateSlice(parameters, gradients, 0);

    /// <inheritdoc/>
    private protected override bool UpdatesInSlices => true;

    /// <inheritdoc/>
    internal override void UpdateSlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset) =>
        Apply(parameters, gradients, Slice(_meanSquare, offset, parameters.Length), Slice(_meanGradient, offset, parameters.Length), Slice(_velocity, offset, parameters.Length), LearningRate, Rho, Momentum, Epsilon);

    /// <summary>The slice of an optional state buffer; empty when the buffer is not kept (so Apply skips that term).</summary>
    private static Span<float> Slice(AlignedBuffer? state, int offset, int length) => state is null ? Span<float>.Empty : state.Span.Slice(offset, length);

    /// <summary>RMSprop's update at the widest accelerated width, then one value at a time (the same bits at every width).</summary>
    private static void Apply(Span<float> theta, ReadOnlySpan<float> g, Span<float> s, Span<float> a, Span<float> u, float alpha, float rho, float mu, float epsilon)
    {
        var rule = new Rule(alpha, rho, mu, epsilon);
        int done = Vector512.IsHardwareAccelerated
            ? rule.Apply<Lanes512>(theta, g, s, a, u, 0)
            : rule.Apply<PortableLanes>(theta, g, s, a, u, 0);
        rule.Apply<ScalarLane>(theta, g, s, a, u, done);
    }

    /// <summary>RMSprop's rule with one step's constants, applied at any lane width.</summary>
    internal readonly record struct Rule(float Alpha, float Rho, float Mu, float Epsilon)
    {
        /// <summary>
        /// Updates whole registers from <paramref name="start"/> on and returns where they stopped; <paramref name="a"/>
        /// (centered) and <paramref name="u"/> (momentum) are empty when not kept. Subnormal values count as zero where
        /// they would be read or written (see the class remarks).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        internal int Apply<TLanes>(Span<float> theta, ReadOnlySpan<float> g, Span<float> s, Span<float> a, Span<float> u, int start)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            bool centered = !a.IsEmpty;
            bool momentum = !u.IsEmpty;
            int length = theta.Length;
            ref float thetaAt = ref MemoryMarshal.GetReference(theta);
            ref float gAt = ref MemoryMarshal.GetReference(g[..length]);
            ref float sAt = ref MemoryMarshal.GetReference(s[..length]);
            ref float aAt = ref MemoryMarshal.GetReference(centered ? a[..length] : a);
            ref float uAt = ref MemoryMarshal.GetReference(momentum ? u[..length] : u);
            TLanes alpha = TLanes.Broadcast(Alpha);
            TLanes rho = TLanes.Broadcast(Rho);
            TLanes oneMinusRho = TLanes.Broadcast(1f - Rho);
            TLanes mu = TLanes.Broadcast(Mu);
            TLanes epsilon = TLanes.Broadcast(Epsilon);
            int i = start;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TLanes gi = TLanes.FlushSubnormal(TLanes.Load(ref Unsafe.Add(ref gAt, i)));
                TLanes si = TLanes.FlushSubnormal((rho * TLanes.Load(ref Unsafe.Add(ref sAt, i))) + (oneMinusRho * TLanes.SquareOrZero(gi)));
                TLanes.Store(si, ref Unsafe.Add(ref sAt, i));
                TLanes denominator = si + epsilon;
                if (centered)
                {
                    TLanes ai = TLanes.FlushSubnormal((rho * TLanes.Load(ref Unsafe.Add(ref aAt, i))) + (oneMinusRho * gi));
                    TLanes.Store(ai, ref Unsafe.Add(ref aAt, i));
                    denominator = si - (ai * ai) + epsilon;
                }

                TLanes increment = alpha * gi / TLanes.Sqrt(denominator);
                if (momentum)
                {
                    increment = TLanes.FlushSubnormal((mu * TLanes.Load(ref Unsafe.Add(ref uAt, i))) + increment);
                    TLanes.Store(increment, ref Unsafe.Add(ref uAt, i));
                }

                ref float thetaI = ref Unsafe.Add(ref thetaAt, i);
                TLanes.Store(TLanes.Load(ref thetaI) - increment, ref thetaI);
            }

            return i;
        }
    }
}
