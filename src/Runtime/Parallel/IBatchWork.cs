using System;

namespace Dendrite;

/// <summary>
/// Work on a batch of independent samples that <see cref="ShardRunner.RunBatch"/> splits across threads by whole
/// blocks of samples: a generated network's <c>PredictBatch</c>. Implemented by generated types; called by
/// <see cref="ShardRunner"/>.
/// </summary>
public interface IBatchWork
{
    /// <summary>
    /// Runs <paramref name="samples"/> consecutive samples of the batch. Called once per shard, on several threads at
    /// once, each with its own rows of <paramref name="outputs"/>; the implementation must keep no per-call state in
    /// shared fields.
    /// </summary>
    /// <param name="inputs">The shard's samples, row-major: <paramref name="samples"/> × values per input sample.</param>
    /// <param name="outputs">The shard's output rows: <paramref name="samples"/> × values per output sample.</param>
    /// <param name="samples">Samples in this shard.</param>
    void RunSamples(ReadOnlySpan<float> inputs, Span<float> outputs, int samples);
}
