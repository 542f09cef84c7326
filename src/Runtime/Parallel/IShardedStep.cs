using System;

namespace Dendrite;

/// <summary>
/// A phase of a generated network's training step that <see cref="ShardRunner.RunStep"/> splits across threads, given
/// the caller's batch and gradient buffer themselves, so neither is copied to where the worker threads can read it.
/// Implemented by generated types; called by <see cref="ShardRunner"/>.
/// </summary>
public interface IShardedStep
{
    /// <summary>Runs one shard. Shards of one phase write disjoint parts of the workspace and of <paramref name="gradients"/>.</summary>
    /// <param name="phase">Which phase of the step (defined by the implementer).</param>
    /// <param name="shard">This shard's index in [0, <paramref name="shards"/>).</param>
    /// <param name="shards">Number of shards in the phase.</param>
    /// <param name="inputs">The whole batch, as given to <c>ComputeGradients</c>.</param>
    /// <param name="gradients">The whole gradient buffer, as given to <c>ComputeGradients</c>.</param>
    void RunShard(int phase, int shard, int shards, ReadOnlySpan<float> inputs, Span<float> gradients);
}
