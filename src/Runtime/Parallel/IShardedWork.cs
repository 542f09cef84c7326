namespace Dendrite;

/// <summary>
/// Work a generated network splits across threads: shard <c>shard</c> of <c>shards</c> of one phase of a
/// training step. Implemented explicitly by generated types; called by <see cref="ShardRunner"/>.
/// </summary>
public interface IShardedWork
{
    /// <summary>Runs one shard. Shards of one phase touch disjoint outputs, so they need no locking.</summary>
    /// <param name="phase">Which phase of the step (defined by the implementer).</param>
    /// <param name="shard">This shard's index in [0, <paramref name="shards"/>).</param>
    /// <param name="shards">Number of shards in the phase.</param>
    void RunShard(int phase, int shard, int shards);
}
