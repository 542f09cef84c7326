using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dendrite.Internal;
using Dendrite.Internal.Lanes;

namespace Dendrite;

/// <summary>
/// Adam (adaptive moment estimation), with Keras' defaults and update rule. Each parameter gets its own step
/// size from running averages of its gradient (m) and squared gradient (v):
/// <code>
/// m ← m + (1 − β1)·(g − m)
/// v ← v + (1 − β2)·(g² − v)
/// α_t = α·√(1 − β2^t) / (1 − β1^t)        (bias correction)
/// θ ← θ − α_t·m / (√v + ε)
/// </code>
/// </summary>
/// <remarks>
/// The update runs as under the processor's flush-to-zero and denormals-are-zero modes, which TensorFlow's CPU
/// kernels use and .NET cannot set: a subnormal gradient counts as 0, g² counts as 0 where it would fall below the
/// smallest normal float (|g| &lt; 2⁻⁶³), and m and v are stored as 0 below 1.18·10⁻³⁸. x86 arithmetic that produces
/// or reads a subnormal number takes a microcode assist. A parameter whose gradient stays 0 (a weight on an image's
/// always-black border pixel) would keep subnormal moments for ever (m decays by β1 each step and stops one step
/// above zero), and a confident network's gradients are often tiny (workload A after 100,000 steps: 1,200 of 20,175
/// below 2⁻⁶³); with both, Adam took 8 µs per update of A instead of 3.4 (bench/README.md, "Subnormal numbers in
/// the optimizer"). What it changes is far below a float's resolution: a flushed m moves a parameter by less than
/// α_t·1.2·10⁻³⁸/ε, a flushed v changes √v by less than 1.1·10⁻¹⁹ beside ε (OptimizerSubnormalStateTests: the same
/// parameters, bit for bit, as the rule without the flush, with gradients down to 10⁻³⁰).
/// </remarks>
public class Adam : Optimizer
{
    private AlignedBuffer? _m; // on cache lines, as θ and the gradients the update streams beside them
    private AlignedBuffer? _v;

    // Bounds on max|m| and max|v| (v ≥ 0), kept by each step from max|g| so that training can prove an update
    // finite without reading the state (Optimizer.UpdateBound). 0 for the zeroed state of a new or reset optimizer.
    private double _mBound;
    private double _vBound;

    /// <summary>Adam with Keras' defaults: α = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-7.</summary>
    /// <param name="learningRate">α, positive.</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment average, in [0, 1).</param>
    /// <param name="epsilon">Added to √v for stability, positive.</param>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        Beta1 = Guard.UnitFraction(beta1, nameof(beta1));
        Beta2 = Guard.UnitFraction(beta2, nameof(beta2));
        Epsilon = Guard.PositiveFinite(epsilon, nameof(epsilon));
    }

    /// <summary>β1, the decay of the gradient's running average.</summary>
    public float Beta1 { get; }

    /// <summary>β2, the decay of the squared gradient's running average.</summary>
    public float Beta2 { get; }

    /// <summary>ε, added to √v.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        _m?.Span.Clear();
        _v?.Span.Clear();
        _mBound = 0;
        _vBound = 0;
    }

    /// <summary>
    /// The fraction α·λ of each parameter removed before the step: 0 for Adam, <see cref="AdamW"/>'s decoupled weight
    /// decay. θ − 0·θ is θ exactly, so Adam's updates are what they were before AdamW shared this code.
    /// </summary>
    private protected virtual float DecayFactor => 0f;

    /// <summary>
    /// <see cref="StepBound"/> when the decay factor is in [0, 1], so that |θ − α·λ·θ| ≤ |θ| and |θ'| ≤ |θ| + bound, which
    /// is what training needs; +∞ otherwise, which sends the step through the checkpoint (OptimizerUpdateBoundTests).
    /// </summary>
    internal override double UpdateBound(double maxAbsGradient) => DecayFactor is >= 0f and <= 1f
        ? StepBound(maxAbsGradient, _mBound, _vBound, AlphaT(Iterations + 1), 1f - Beta1, 1f - Beta2, Epsilon)
        : double.PositiveInfinity;

    /// <summary>
    /// Bound on |θ' − θ| for one Adam step, or +∞ when an intermediate value or the new state might not stay below
    /// <see cref="Optimizer.FiniteLimit"/>. Each parameter moves by α_t·|m'|/(√v' + ε) ≤ α_t·M'/ε, as v' ≥ 0
    /// (v + (1−β2)·(g² − v) is a convex combination, and stays ≥ 0 in float too); α_t·m' is formed first, so it is
    /// bounded as well. OptimizerUpdateBoundTests checks it on random states against the float update.
    /// </summary>
    internal static double StepBound(double g, double mBound, double vBound, float alphaT, float oneMinusBeta1, float oneMinusBeta2, float epsilon)
    {
        double gSquared = g * g;
        double m = NextBound(mBound, g, oneMinusBeta1);
        double v = NextBound(vBound, gSquared, oneMinusBeta2);
        double scaled = alphaT * m;
        double step = scaled / epsilon * (1 + Slack);
        bool finite = gSquared < FiniteLimit && g + mBound < FiniteLimit && gSquared + vBound < FiniteLimit
            && m < FiniteLimit && v < FiniteLimit && scaled < FiniteLimit && step < FiniteLimit;
        return finite ? step : double.PositiveInfinity;
    }

    /// <summary>
    /// Bound on |s + c·(x − s)| for |s| ≤ <paramref name="bound"/>, |x| ≤ <paramref name="x"/>: the convex combination
    /// (1 − c)·bound + c·x, plus slack for the float roundings (proportional to bound + x, which bounds every
    /// intermediate). Also +∞ in, +∞ out.
    /// </summary>
    internal static double NextBound(double bound, double x, float c) =>
        (((1 - (double)c) * bound) + (c * x)) * (1 + Slack) + (Slack * (bound + x));

    /// <inheritdoc/>
    private protected override void AdvanceStateBounds(double maxAbsGradient)
    {
        _mBound = NextBound(_mBound, maxAbsGradient, 1f - Beta1);
        _vBound = NextBound(_vBound, maxAbsGradient * maxAbsGradient, 1f - Beta2);
    }

    /// <inheritdoc/>
    internal override void RecomputeStateBounds()
    {
        _mBound = _m is null ? 0 : MaxAbsOrInfinity(_m);
        _vBound = _v is null ? 0 : MaxAbsOrInfinity(_v);
    }

    /// <inheritdoc/>
    internal override bool StateWithinBounds() =>
        _m is null || (MaxAbsOrInfinity(_m) <= _mBound && MaxAbsOrInfinity(_v) <= _vBound && !_v!.Span.ContainsAnyInRange(float.NegativeInfinity, -float.Epsilon));

    /// <inheritdoc/>
    private protected override void InvalidateStateBounds()
    {
        _mBound = double.PositiveInfinity;
        _vBound = double.PositiveInfinity;
    }

    /// <inheritdoc/>
    protected override void EnsureState(int parameterCount)
    {
        EnsureBuffer(ref _m, parameterCount);
        EnsureBuffer(ref _v, parameterCount);
    }

    /// <inheritdoc/>
    protected override int StateBufferCount => _m is null ? 0 : 2;

    /// <inheritdoc/>
    protected override Span<float> StateBuffer(int index) => index switch
    {
        0 when _m is not null => _m,
        1 when _v is not null => _v,
        _ => base.StateBuffer(index),
    };

    /// <inheritdoc/>
    protected sealed override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) => UpdateSlice(parameters, gradients, 0);

    /// <inheritdoc/>
    private protected override bool UpdatesInSlices => true;

    /// <inheritdoc/>
    internal override void UpdateSlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset) =>
        Apply(parameters, gradients, _m!.Span.Slice(offset, parameters.Length), _v!.Span.Slice(offset, parameters.Length), DecayFactor, AlphaT(Iterations), 1f - Beta1, 1f - Beta2, Epsilon);

    /// <summary>The bias-corrected step size of step <paramref name="t"/>, the same for the update and its bound.</summary>
    private float AlphaT(long t) =>
        // In double: β^t for large t underflows gracefully and stays exact enough.
        (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));

    /// <summary>
    /// θ ← (θ − decay·θ) − α_t·m' / (√v' + ε) with the moments updated first, in one pass over the flat buffer: 512-bit
    /// lanes where the hardware accelerates them, else <c>Vector&lt;float&gt;</c>'s, then one value at a time. The
    /// same bits at every width (LanesEquivalenceTests).
    /// </summary>
    private static void Apply(Span<float> theta, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float decay, float alphaT, float oneMinusBeta1, float oneMinusBeta2, float epsilon)
    {
        var rule = new Rule(decay, alphaT, oneMinusBeta1, oneMinusBeta2, epsilon);
        int done = Vector512.IsHardwareAccelerated
            ? rule.Apply<Lanes512>(theta, g, m, v, 0)
            : rule.Apply<PortableLanes>(theta, g, m, v, 0);
        rule.Apply<ScalarLane>(theta, g, m, v, done);
    }

    /// <summary>Adam's rule with one step's constants, applied at any lane width.</summary>
    internal readonly record struct Rule(float Decay, float AlphaT, float OneMinusBeta1, float OneMinusBeta2, float Epsilon)
    {
        /// <summary>
        /// Updates whole registers of <typeparamref name="TLanes"/> from <paramref name="start"/> on; returns where they
        /// stopped. Subnormal values count as zero where they would be read or written (see the class remarks).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        internal int Apply<TLanes>(Span<float> theta, ReadOnlySpan<float> g, Span<float> m, Span<float> v, int start)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            int length = theta.Length;
            ref float thetaAt = ref MemoryMarshal.GetReference(theta);
            ref float gAt = ref MemoryMarshal.GetReference(g[..length]);
            ref float mAt = ref MemoryMarshal.GetReference(m[..length]);
            ref float vAt = ref MemoryMarshal.GetReference(v[..length]);
            TLanes decay = TLanes.Broadcast(Decay);
            TLanes alphaT = TLanes.Broadcast(AlphaT);
            TLanes b1 = TLanes.Broadcast(OneMinusBeta1);
            TLanes b2 = TLanes.Broadcast(OneMinusBeta2);
            TLanes epsilon = TLanes.Broadcast(Epsilon);
            int i = start;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TLanes gi = TLanes.FlushSubnormal(TLanes.Load(ref Unsafe.Add(ref gAt, i)));
                TLanes mOld = TLanes.Load(ref Unsafe.Add(ref mAt, i));
                TLanes vOld = TLanes.Load(ref Unsafe.Add(ref vAt, i));
                TLanes thetaOld = TLanes.Load(ref Unsafe.Add(ref thetaAt, i));
                TLanes mi = TLanes.FlushSubnormal(mOld + (b1 * (gi - mOld)));
                TLanes vi = TLanes.FlushSubnormal(vOld + (b2 * (TLanes.SquareOrZero(gi) - vOld)));
                TLanes.Store(mi, ref Unsafe.Add(ref mAt, i));
                TLanes.Store(vi, ref Unsafe.Add(ref vAt, i));
                TLanes decayed = thetaOld - (decay * thetaOld);
                TLanes.Store(decayed - (alphaT * mi / (TLanes.Sqrt(vi) + epsilon)), ref Unsafe.Add(ref thetaAt, i));
            }

            return i;
        }
    }
}
