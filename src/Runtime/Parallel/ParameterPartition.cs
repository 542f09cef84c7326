using System;
using System.Collections.Generic;
using System.Linq;

namespace Dendrite;

/// <summary>
/// Which values of a network's parameter-sized buffers each thread of a training step's sliced passes
/// (<see cref="SlicedPasses"/>: the finiteness checks and the optimizer's update) takes: for a Dense layer, the rows of
/// W and the entries of b of the units the generated weight-gradient phase gives the same thread; for other layers, an
/// even share of their values.
/// </summary>
/// <remarks>
/// <para>
/// Why: the generated step splits every Dense layer's weight gradients by units, shard <c>s</c> of <c>n</c> taking
/// units [s·U/n/4·4, (s+1)·U/n/4·4) (the cut the generated <c>DenseNWeightGradients</c> writes), and the first layer's
/// forward pass by the same units (<c>FirstLayerUnitSplit</c> in the generator). Cut in contiguous halves instead, the
/// update of workload B (784-256-128-10) gave one thread 22 rows of W[1] and half the gradients of every later layer
/// that the other core had just written: each line must leave the other core's cache before it is read or written.
/// Given the units it differentiated, a thread reads gradients it wrote itself, and the weights of W[1] only it reads.
/// </para>
/// <para>
/// Results do not depend on the partition: every pass is elementwise or an exact reduction (ParallelUpdateTests,
/// ParameterPartitionTests). Boundaries are rounded to <see cref="SlicedPasses.SliceAlignment"/> values, so no cache
/// line is written by two threads and each segment starts where one thread's vector code would.
/// </para>
/// </remarks>
internal sealed class ParameterPartition
{
    /// <summary>The units of a shard start at multiples of this: the generated weight-gradient phase's unit block.</summary>
    internal const int UnitBlock = 4;

    private readonly Region[] _regions;
    private Segment[][] _segments = [];

    private ParameterPartition(int count, Region[] regions)
    {
        Count = count;
        _regions = regions;
    }

    /// <summary>The length of the buffers this partition divides.</summary>
    internal int Count { get; }

    /// <summary>
    /// The partition of a network's parameters by its layers. Falls back to even contiguous slices when the layers'
    /// parameters do not tile [0, <see cref="NetworkArchitecture.ParameterCount"/>) in order.
    /// </summary>
    internal static ParameterPartition ByLayers(NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var regions = new List<Region>();
        foreach (LayerInfo layer in architecture.Layers.Where(l => l.ParameterCount > 0))
        {
            int units = layer.OutputShape.Size;
            bool byUnits = layer.Kind == LayerKind.Dense && units > 0 && layer.WeightCount % units == 0 && layer.BiasCount == units;
            if (byUnits)
            {
                regions.Add(new Region(layer.WeightOffset, units, layer.WeightCount / units, ByUnitBlocks: true));
                regions.Add(new Region(layer.BiasOffset, units, 1, ByUnitBlocks: true));
            }
            else
            {
                regions.Add(new Region(layer.WeightOffset, layer.WeightCount, 1, ByUnitBlocks: false));
                regions.Add(new Region(layer.BiasOffset, layer.BiasCount, 1, ByUnitBlocks: false));
            }
        }

        regions.RemoveAll(r => r.Rows == 0);
        regions.Sort((a, b) => a.Start.CompareTo(b.Start));
        int next = 0;
        foreach (Region region in regions)
        {
            if (region.Start != next)
            {
                return Contiguous(architecture.ParameterCount);
            }

            next = region.End;
        }

        return next == architecture.ParameterCount
            ? new ParameterPartition(next, regions.ToArray())
            : Contiguous(architecture.ParameterCount);
    }

    /// <summary>Even contiguous slices of a buffer of <paramref name="count"/> values.</summary>
    internal static ParameterPartition Contiguous(int count) =>
        new(count, count == 0 ? [] : [new Region(0, count, 1, ByUnitBlocks: false)]);

    /// <summary>
    /// Each shard's values when <paramref name="shards"/> threads share a pass: element <c>s</c> holds shard s's
    /// segments in order, disjoint from every other shard's, all of them together covering [0, <see cref="Count"/>)
    /// once. Computed on the first call for a thread count and kept (no allocation after that); call it before the pass
    /// starts, from the thread that owns the passes.
    /// </summary>
    internal Segment[][] For(int shards)
    {
        if (_segments.Length != shards)
        {
            _segments = Compute(shards);
        }

        return _segments;
    }

    private Segment[][] Compute(int shards)
    {
        var perShard = new List<Segment>[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            perShard[shard] = [];
        }

        foreach (Region region in _regions)
        {
            for (int shard = 0; shard < shards; shard++)
            {
                int start = Round(region.Boundary(shard, shards));
                int end = Round(region.Boundary(shard + 1, shards));
                if (end > start)
                {
                    Append(perShard[shard], start, end);
                }
            }
        }

        return perShard.Select(list => list.ToArray()).ToArray();
    }

    /// <summary>The nearest multiple of the alignment, except the buffer's two ends.</summary>
    private int Round(int position)
    {
        const int Alignment = SlicedPasses.SliceAlignment;
        if (position == 0 || position == Count)
        {
            return position;
        }

        int rounded = (position + (Alignment / 2)) / Alignment * Alignment;
        return Math.Min(rounded, Count);
    }

    private static void Append(List<Segment> segments, int start, int end)
    {
        if (segments.Count > 0 && segments[^1].End == start)
        {
            segments[^1] = new Segment(segments[^1].Start, end - segments[^1].Start);
        }
        else
        {
            segments.Add(new Segment(start, end - start));
        }
    }

    /// <summary>Values [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>).</summary>
    internal readonly record struct Segment(int Start, int Length)
    {
        internal int End => Start + Length;
    }

    /// <summary>
    /// <see cref="Rows"/> rows of <see cref="RowLength"/> values from <see cref="Start"/>, divided between shards by
    /// whole rows: at the generated code's unit blocks when <see cref="ByUnitBlocks"/>, evenly otherwise.
    /// </summary>
    private readonly record struct Region(int Start, int Rows, int RowLength, bool ByUnitBlocks)
    {
        internal int End => Start + (Rows * RowLength);

        /// <summary>Where shard <paramref name="shard"/> of <paramref name="shards"/> starts (the end for shard = shards).</summary>
        internal int Boundary(int shard, int shards)
        {
            if (shard >= shards)
            {
                return End;
            }

            long row = (long)Rows * shard / shards;
            if (ByUnitBlocks)
            {
                row = row / UnitBlock * UnitBlock;
            }

            return Start + (int)(row * RowLength);
        }
    }
}
