using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dendrite.Internal;
using Dendrite.Internal.Lanes;

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

    /// <summary>
    /// A learning-rate schedule evaluated before every step at <see cref="Iterations"/> (0 for the first step, as
    /// Keras passes <c>optimizer.iterations</c>); it then sets <see cref="LearningRate"/>, which reads the rate of the
    /// last step. Null (the default) keeps <see cref="LearningRate"/> as set (LearningRateScheduleTests).
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// Keras' <c>global_clipnorm</c>: before the update, when the gradients' global L2 norm ‖g‖ exceeds this, all of
    /// them are scaled by <c>GlobalClipNorm / ‖g‖</c> (the norm is summed in double, in order, so the result does not
    /// depend on the thread count or the vector width). In (0, ∞), or null for no clipping (the default). Only one of
    /// <see cref="GlobalClipNorm"/> and <see cref="ClipValue"/> may be set, as in Keras (GradientClippingTests).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><see cref="ClipValue"/> is already set.</exception>
    public float? GlobalClipNorm
    {
        get => _clipping.GlobalNorm;
        init => _clipping = _clipping.WithGlobalNorm(value);
    }

    /// <summary>
    /// Keras' <c>clipvalue</c>: before the update, every gradient is clamped to [−ClipValue, ClipValue]. In (0, ∞),
    /// or null for no clipping (the default). Only one of <see cref="GlobalClipNorm"/> and <see cref="ClipValue"/>
    /// may be set, as in Keras.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><see cref="GlobalClipNorm"/> is already set.</exception>
    public float? ClipValue
    {
        get => _clipping.Value;
        init => _clipping = _clipping.WithValue(value);
    }

    private GradientClipping _clipping = GradientClipping.None;

    private float[]? _clippedGradients;

    /// <summary>
    /// Sets the learning rate of the step about to be taken from <see cref="Schedule"/>, if any. Idempotent until
    /// the step advances <see cref="Iterations"/>; training calls it before <see cref="UpdateBound"/>, so the bound
    /// uses the rate the update will use.
    /// </summary>
    internal void ApplySchedule()
    {
        if (Schedule is { } schedule)
        {
            _learningRate = schedule.RateAt(Iterations);
        }
    }

    /// <summary>The gradients the update uses: <paramref name="gradients"/> itself, or a clipped copy when clipping is on.</summary>
    private ReadOnlySpan<float> Clip(ReadOnlySpan<float> gradients)
    {
        if (!_clipping.Enabled)
        {
            return gradients;
        }

        if (_clippedGradients?.Length != gradients.Length)
        {
            _clippedGradients = new float[gradients.Length]; // once per network size: training sizes it in PrepareState
        }

        Span<float> clipped = _clippedGradients;
        _clipping.Apply(gradients, clipped);
        return clipped;
    }

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
        ApplySchedule();
        Iterations++;
        Update(parameters, Clip(gradients));

        // The gradients' size is not known here, so the state bounds no longer hold; the next checked training
        // step takes the checkpointed path and measures them again.
        InvalidateStateBounds();
    }

    /// <summary>
    /// Margin below float.MaxValue (≈ 3.4e38) under which the bounds must stay for an update to count as provably
    /// finite: 34× leaves room for every float rounding of the update (each a relative 6e-8 at most).
    /// </summary>
    internal const double FiniteLimit = 1e37;

    /// <summary>
    /// Relative and absolute slack added to each bound on the float update, covering its roundings (a few units of
    /// 2^-24 ≈ 6e-8 per operation) with a factor 5 to spare (OptimizerUpdateBoundTests draws random states and
    /// checks the bound against the actual float update).
    /// </summary>
    internal const double Slack = 1e-6;

    /// <summary>
    /// A conservative bound B with |θ'| ≤ |θ| + B for every parameter (for most optimizers B bounds |θ' − θ|; AdamW's
    /// decay only shrinks θ, so its B bounds the Adam step alone) over the next <see cref="StepWithGradientBound"/> with
    /// gradients of magnitude at most <paramref name="maxAbsGradient"/>, with every intermediate value and the new
    /// state also proven below <see cref="FiniteLimit"/>; +∞ when that cannot be shown. Training compares
    /// max|θ| + bound with <see cref="FiniteLimit"/> to skip the checkpoint of parameters and state
    /// (OptimizerUpdateBoundTests shows the bound holds). An optimizer that keeps no bounds returns +∞, so it
    /// always gets the checkpoint.
    /// </summary>
    internal virtual double UpdateBound(double maxAbsGradient) => double.PositiveInfinity;

    /// <summary>
    /// <see cref="Step"/> for training, which knows max|g| = <paramref name="maxAbsGradient"/>: the optimizer also
    /// advances its scalar bounds on its state, so the next <see cref="UpdateBound"/> needs no pass over the state.
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">∂cost/∂θ, same length.</param>
    /// <param name="maxAbsGradient">max|g|, measured by the caller.</param>
    /// <param name="slices">
    /// Splits the update across threads when the optimizer's rule is elementwise (<see cref="UpdatesInSlices"/>);
    /// null updates on the calling thread. The result is bit-identical either way (ParallelUpdateTests).
    /// </param>
    internal void StepWithGradientBound(Span<float> parameters, ReadOnlySpan<float> gradients, double maxAbsGradient, SlicedPasses? slices = null)
    {
        EnsureState(parameters.Length);
        ApplySchedule();
        Iterations++;

        // Clipping only shrinks gradients, so maxAbsGradient still bounds the clipped ones.
        ReadOnlySpan<float> used = Clip(gradients);
        if (slices is not null && UpdatesInSlices)
        {
            slices.Update(this, parameters, used);
        }
        else
        {
            Update(parameters, used);
        }

        AdvanceStateBounds(maxAbsGradient);
    }

    /// <summary>
    /// True when the update rule is elementwise, so that <see cref="UpdateSlice"/> on disjoint slices, in any order
    /// and on any thread, gives exactly what <see cref="Update"/> gives on the whole buffer. The built-in optimizers
    /// are; an optimizer written outside this library is updated in one piece.
    /// </summary>
    private protected virtual bool UpdatesInSlices => false;

    /// <summary>
    /// The update of values [<paramref name="offset"/>, <paramref name="offset"/> + length) only: the slices of the
    /// parameters and gradients given, and the same slice of every state buffer.
    /// </summary>
    internal virtual void UpdateSlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset) =>
        throw new NotSupportedException("This optimizer updates its parameters in one piece.");

    /// <summary>Advances the state bounds over an update with gradients of magnitude at most <paramref name="maxAbsGradient"/>.</summary>
    private protected virtual void AdvanceStateBounds(double maxAbsGradient)
    {
    }

    /// <summary>Sets the state bounds from the state buffers (a read pass; +∞ when a value is not finite).</summary>
    internal virtual void RecomputeStateBounds()
    {
    }

    /// <summary>Whether every state value lies within the state bounds (for tests).</summary>
    internal virtual bool StateWithinBounds() => true;

    /// <summary>Sets the state bounds to +∞ (unknown) until <see cref="RecomputeStateBounds"/>.</summary>
    private protected virtual void InvalidateStateBounds()
    {
    }

    /// <summary>max|x| over <paramref name="values"/>, or +∞ when one is NaN or infinite.</summary>
    internal static double MaxAbsOrInfinity(ReadOnlySpan<float> values) =>
        FiniteMaxAbs(values, out float maxAbs) ? maxAbs : double.PositiveInfinity;

    /// <summary>
    /// In one read pass: whether every value is finite and, if so, max|x| in <paramref name="maxAbs"/>. Finiteness
    /// is exact (x − x is 0 for finite x and NaN for ±∞ or NaN, so the probe stays 0 exactly when all are finite);
    /// the maximum is only meaningful when they are.
    /// </summary>
    internal static bool FiniteMaxAbs(ReadOnlySpan<float> values, out float maxAbs)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        var wide = Vector512.IsHardwareAccelerated
            ? FiniteScan.Of<Lanes512>(ref start, 0, values.Length)
            : FiniteScan.Of<PortableLanes>(ref start, 0, values.Length);
        FiniteScan rest = FiniteScan.Of<ScalarLane>(ref start, wide.End, values.Length);
        maxAbs = MathF.Max(wide.MaxAbs, rest.MaxAbs);
        return wide.Finite && rest.Finite;
    }

    /// <summary>What a finiteness scan found over [start, <see cref="End"/>): whether all were finite, and max|x|.</summary>
    internal readonly record struct FiniteScan(bool Finite, float MaxAbs, int End)
    {
        /// <summary>
        /// Scans whole registers of <typeparamref name="TLanes"/> from <paramref name="start"/> up to
        /// <paramref name="length"/>. Four independent probes and maxima: one probe alone is a chain of dependent
        /// adds, three cycles each, which held the pass to a third of what the cache delivers (workload B: 35 µs per
        /// pass over its 235,146 values on one thread; bench/README.md, "Where a training step's time goes"). Both
        /// reductions are exact, so how the values are spread over the probes and widths changes nothing
        /// (OptimizerFiniteCheckTests).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        internal static FiniteScan Of<TLanes>(ref float values, int start, int length)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            int count = TLanes.Count;
            TLanes probe0 = TLanes.Zero, probe1 = TLanes.Zero, probe2 = TLanes.Zero, probe3 = TLanes.Zero;
            TLanes max0 = TLanes.Zero, max1 = TLanes.Zero, max2 = TLanes.Zero, max3 = TLanes.Zero;
            int i = start;
            for (; i <= length - (4 * count); i += 4 * count)
            {
                TLanes v0 = TLanes.Load(ref Unsafe.Add(ref values, i));
                TLanes v1 = TLanes.Load(ref Unsafe.Add(ref values, i + count));
                TLanes v2 = TLanes.Load(ref Unsafe.Add(ref values, i + (2 * count)));
                TLanes v3 = TLanes.Load(ref Unsafe.Add(ref values, i + (3 * count)));
                probe0 += v0 - v0;
                probe1 += v1 - v1;
                probe2 += v2 - v2;
                probe3 += v3 - v3;
                max0 = TLanes.Max(max0, TLanes.Abs(v0));
                max1 = TLanes.Max(max1, TLanes.Abs(v1));
                max2 = TLanes.Max(max2, TLanes.Abs(v2));
                max3 = TLanes.Max(max3, TLanes.Abs(v3));
            }

            for (; i <= length - count; i += count)
            {
                TLanes v = TLanes.Load(ref Unsafe.Add(ref values, i));
                probe0 += v - v;
                max0 = TLanes.Max(max0, TLanes.Abs(v));
            }

            bool finite = TLanes.IsAllZero((probe0 + probe1) + (probe2 + probe3));
            float maxAbs = TLanes.MaxAcross(TLanes.Max(TLanes.Max(max0, max1), TLanes.Max(max2, max3)));
            return new FiniteScan(finite, maxAbs, i);
        }
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
    internal void PrepareState(int parameterCount)
    {
        EnsureState(parameterCount);
        if (_clipping.Enabled && _clippedGradients?.Length != parameterCount)
        {
            _clippedGradients = new float[parameterCount];
        }
    }

    /// <summary>State buffer <paramref name="index"/>, read-only (for tests).</summary>
    internal ReadOnlySpan<float> StateView(int index) => StateBuffer(index);

    /// <summary>State buffers kept (for tests).</summary>
    internal int StateViewCount => StateBufferCount;

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
        RecomputeStateBounds();
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
        else
        {
            CheckStateLength(state.Length, count);
        }
    }

    /// <summary>
    /// The same for the built-in optimizers' state, kept on cache lines (<see cref="AlignedBuffer"/>) as θ and the
    /// gradients are: the update streams all of them side by side, and a 512-bit load from an array that does not
    /// start on a line touches two lines (bench/README.md, "Aligned buffers").
    /// </summary>
    private protected static void EnsureBuffer(ref AlignedBuffer? state, int count)
    {
        if (state is null)
        {
            state = new AlignedBuffer(count);
        }
        else
        {
            CheckStateLength(state.Length, count);
        }
    }

    private static void CheckStateLength(int held, int count)
    {
        if (held != count)
        {
            throw new InvalidOperationException(
                $"This optimizer holds state for {held} parameters but was given {count}: use one optimizer per network, or call Reset().");
        }
    }
}
