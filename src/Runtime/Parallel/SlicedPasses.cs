using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// The passes of a training step over whole parameter-sized buffers — the finiteness check of the gradients and of
/// the parameters, and the optimizer's update — split across threads as a <see cref="ParameterPartition"/> says: a
/// session's gives each thread the units it differentiated (<see cref="ParameterPartition.Contiguous"/> is for buffers
/// that are not a network's). They are the serial part
/// of a step that the generated code does not split: for workload B (235,146 parameters) Adam alone takes about as
/// long as a tenth of the gradient computation, which two threads halve, so left on one thread it caps the speed-up
/// of two threads well below 2.
/// </summary>
/// <remarks>
/// Every pass is elementwise or an exact reduction (a maximum, and a probe that is zero exactly when every value is
/// finite), so the result does not depend on where the segments start or how many there are: bit-identical at any
/// thread count (ParallelUpdateTests, ParameterPartitionTests). Segments start at multiples of
/// <see cref="SliceAlignment"/>, so every value but the last few goes through the same vector code it meets on one
/// thread. The spans of the step reach the worker threads as pointers to buffers pinned for the duration of the pass,
/// which <see cref="ShardRunner.Run"/> waits for.
/// One instance per training session: it keeps the pass in progress in its fields.
/// </remarks>
internal sealed unsafe class SlicedPasses : IShardedWork
{
    /// <summary>Values per thread below which a second thread costs more than it saves (waking it, sharing the caches).</summary>
    internal const int MinimumValuesPerThread = 16_384;

    /// <summary>Segment starts are multiples of this (a cache line of floats times four; a multiple of every vector width).</summary>
    internal const int SliceAlignment = 64;

    private const int FinitePhase = 0;
    private const int UpdatePhase = 1;

    private readonly ParameterPartition _partition;
    private ParameterPartition.Segment[][] _passSegments = [];
    private float* _values;
    private float* _gradients;
    private Optimizer? _optimizer;
    private bool[] _finite = [];
    private float[] _maxAbs = [];

    /// <summary>Passes over buffers of <paramref name="partition"/>'s length, split as it says.</summary>
    internal SlicedPasses(ParameterPartition partition) => _partition = partition;

    /// <summary>Threads a pass over <paramref name="length"/> values uses, within <see cref="Parallelism.CurrentMaxThreads"/>.</summary>
    internal static int ThreadsFor(int length) =>
        Math.Max(1, Math.Min(Parallelism.CurrentMaxThreads, length / MinimumValuesPerThread));

    /// <summary><see cref="Optimizer.FiniteMaxAbs"/> over <paramref name="values"/>, split across threads.</summary>
    internal bool FiniteMaxAbs(ReadOnlySpan<float> values, out float maxAbs)
    {
        int threads = ThreadsFor(values.Length);
        if (threads == 1)
        {
            return Optimizer.FiniteMaxAbs(values, out maxAbs);
        }

        if (_finite.Length < threads)
        {
            _finite = new bool[threads];
            _maxAbs = new float[threads];
        }

        fixed (float* pinned = values)
        {
            _values = pinned;
            _passSegments = SegmentsFor(values.Length, threads, nameof(values));
            try
            {
                ShardRunner.Run(this, FinitePhase, threads);
            }
            finally
            {
                _values = null;
            }
        }

        // Shard order: the same maximum whatever the count, since max is exact.
        bool finite = true;
        maxAbs = 0f;
        for (int shard = 0; shard < threads; shard++)
        {
            finite &= _finite[shard];
            maxAbs = MathF.Max(maxAbs, _maxAbs[shard]);
        }

        return finite;
    }

    /// <summary><paramref name="optimizer"/>'s update of <paramref name="parameters"/>, each thread updating its slice.</summary>
    internal void Update(Optimizer optimizer, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        int threads = ThreadsFor(parameters.Length);
        if (threads == 1)
        {
            optimizer.UpdateSlice(parameters, gradients, 0);
            return;
        }

        fixed (float* values = parameters)
        fixed (float* g = gradients)
        {
            _values = values;
            _gradients = g;
            _passSegments = SegmentsFor(parameters.Length, threads, nameof(parameters));
            _optimizer = optimizer;
            try
            {
                ShardRunner.Run(this, UpdatePhase, threads);
            }
            finally
            {
                _values = null;
                _gradients = null;
                _optimizer = null;
            }
        }
    }

    /// <inheritdoc/>
    public void RunShard(int phase, int shard, int shards)
    {
        bool finite = true;
        float maxAbs = 0f;
        foreach (ParameterPartition.Segment segment in _passSegments[shard])
        {
            finite &= RunSegment(phase, segment.Start, segment.Length, out float segmentMax);
            maxAbs = MathF.Max(maxAbs, segmentMax);
        }

        if (phase == FinitePhase)
        {
            _finite[shard] = finite;
            _maxAbs[shard] = maxAbs;
        }
    }

    /// <summary>One phase's work on values [start, start + length); the finiteness check's answer (true for the update).</summary>
    private bool RunSegment(int phase, int start, int length, out float maxAbs)
    {
        var values = new Span<float>(_values + start, length);
        if (phase == FinitePhase)
        {
            return Optimizer.FiniteMaxAbs(values, out maxAbs);
        }

        _optimizer!.UpdateSlice(values, new ReadOnlySpan<float>(_gradients + start, length), start);
        maxAbs = 0f;
        return true;
    }

    /// <summary>The partition's segments for a pass over <paramref name="length"/> values (argument <paramref name="argument"/>), which must be its length.</summary>
    private ParameterPartition.Segment[][] SegmentsFor(int length, int threads, string argument) =>
        length == _partition.Count
            ? _partition.For(threads)
            : throw new ArgumentException(Guard.Invariant($"Expected a buffer of {_partition.Count} values (the partition's) but found {length}."), argument);
}
