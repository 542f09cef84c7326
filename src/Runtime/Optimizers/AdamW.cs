using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// AdamW: Adam with decoupled weight decay (Loshchilov and Hutter), with Keras' defaults and update rule. Each step
/// first shrinks every parameter by α·λ of itself, then takes the Adam step:
/// <code>
/// θ ← θ − (α·λ)·θ                          (decoupled weight decay; α is the learning rate, not α_t)
/// m ← m + (1 − β1)·(g − m)
/// v ← v + (1 − β2)·(g² − v)
/// α_t = α·√(1 − β2^t) / (1 − β1^t)
/// θ ← θ − α_t·m / (√v + ε)
/// </code>
/// As in Keras and PyTorch every parameter decays, biases included. ε is added to √v with the bias correction
/// folded into α_t (Keras' placement); PyTorch adds ε to √v̂ = √(v / (1 − β2^t)), so its ε acts √(1 − β2^t) times
/// larger. One vectorised pass over the flat buffer (OptimizerKnownAnswerTests.AdamW_follows_keras_for_several_steps).
/// </summary>
public sealed class AdamW : Optimizer
{
    private float[]? _m;
    private float[]? _v;
    private double _mBound;
    private double _vBound;

    /// <summary>AdamW with Keras' defaults: α = 0.001, λ = 0.004, β1 = 0.9, β2 = 0.999, ε = 1e-7.</summary>
    /// <param name="learningRate">α, positive.</param>
    /// <param name="weightDecay">λ, the fraction of α·θ removed from each parameter per step, in [0, ∞).</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment average, in [0, 1).</param>
    /// <param name="epsilon">Added to √v for stability, positive.</param>
    public AdamW(float learningRate = 0.001f, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        WeightDecay = Guard.NonNegativeFinite(weightDecay, nameof(weightDecay));
        Beta1 = Guard.UnitFraction(beta1, nameof(beta1));
        Beta2 = Guard.UnitFraction(beta2, nameof(beta2));
        Epsilon = Guard.PositiveFinite(epsilon, nameof(epsilon));
    }

    /// <summary>λ, the decoupled weight decay.</summary>
    public float WeightDecay { get; }

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
        _m?.AsSpan().Clear();
        _v?.AsSpan().Clear();
        _mBound = 0;
        _vBound = 0;
    }

    /// <summary>
    /// The Adam bound (<see cref="Adam.StepBound"/>) when the decay factor α·λ is in [0, 1], so that |θ − α·λ·θ| ≤ |θ|
    /// and |θ'| ≤ |θ| + bound, which is what training needs; +∞ otherwise, which sends the step through the checkpoint
    /// (OptimizerUpdateBoundTests checks |θ'| − |θ| against it).
    /// </summary>
    internal override double UpdateBound(double maxAbsGradient)
    {
        float decay = LearningRate * WeightDecay;
        return decay is >= 0f and <= 1f
            ? Adam.StepBound(maxAbsGradient, _mBound, _vBound, AlphaT(Iterations + 1), 1f - Beta1, 1f - Beta2, Epsilon)
            : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    private protected override void AdvanceStateBounds(double maxAbsGradient)
    {
        _mBound = Adam.NextBound(_mBound, maxAbsGradient, 1f - Beta1);
        _vBound = Adam.NextBound(_vBound, maxAbsGradient * maxAbsGradient, 1f - Beta2);
    }

    /// <inheritdoc/>
    internal override void RecomputeStateBounds()
    {
        _mBound = _m is null ? 0 : MaxAbsOrInfinity(_m);
        _vBound = _v is null ? 0 : MaxAbsOrInfinity(_v);
    }

    /// <inheritdoc/>
    internal override bool StateWithinBounds() =>
        _m is null || (MaxAbsOrInfinity(_m) <= _mBound && MaxAbsOrInfinity(_v) <= _vBound && !_v.AsSpan().ContainsAnyInRange(float.NegativeInfinity, -float.Epsilon));

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
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) =>
        Apply(parameters, gradients, _m!, _v!, LearningRate * WeightDecay, AlphaT(Iterations), 1f - Beta1, 1f - Beta2, Epsilon);

    /// <summary>The bias-corrected step size of step <paramref name="t"/>, as <see cref="Adam"/> computes it.</summary>
    private float AlphaT(long t) =>
        (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));

    private static void Apply(Span<float> theta, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float decay, float alphaT, float oneMinusBeta1, float oneMinusBeta2, float epsilon)
    {
        Span<Vector<float>> thetaV = MemoryMarshal.Cast<float, Vector<float>>(theta);
        ReadOnlySpan<Vector<float>> gV = MemoryMarshal.Cast<float, Vector<float>>(g);
        Span<Vector<float>> mV = MemoryMarshal.Cast<float, Vector<float>>(m);
        Span<Vector<float>> vV = MemoryMarshal.Cast<float, Vector<float>>(v);
        var decayV = new Vector<float>(decay);
        var alphaTV = new Vector<float>(alphaT);
        var b1 = new Vector<float>(oneMinusBeta1);
        var b2 = new Vector<float>(oneMinusBeta2);
        var eps = new Vector<float>(epsilon);
        for (int i = 0; i < thetaV.Length; i++)
        {
            Vector<float> gi = gV[i];
            Vector<float> mi = mV[i] + (b1 * (gi - mV[i]));
            Vector<float> vi = vV[i] + (b2 * ((gi * gi) - vV[i]));
            mV[i] = mi;
            vV[i] = vi;
            Vector<float> decayed = thetaV[i] - (decayV * thetaV[i]);
            thetaV[i] = decayed - (alphaTV * mi / (Vector.SquareRoot(vi) + eps));
        }

        for (int i = thetaV.Length * Vector<float>.Count; i < theta.Length; i++)
        {
            float gi = g[i];
            float mi = m[i] + (oneMinusBeta1 * (gi - m[i]));
            float vi = v[i] + (oneMinusBeta2 * ((gi * gi) - v[i]));
            m[i] = mi;
            v[i] = vi;
            float decayed = theta[i] - (decay * theta[i]);
            theta[i] = decayed - (alphaT * mi / (MathF.Sqrt(vi) + epsilon));
        }
    }
}
