using System;
using Dendrite.Internal;

namespace Dendrite;

public static partial class ShardRunner
{
    /// <summary>
    /// Runs <paramref name="work"/> over a batch of <paramref name="samples"/> independent samples split into at most
    /// <paramref name="shards"/> shards of whole blocks of <paramref name="block"/> samples, and waits for all of them.
    /// Shard 0 runs on the calling thread. Each sample is computed by exactly one thread, at the same place in the
    /// same block as when the batch runs whole, so the outputs are the same bits whatever the number of shards
    /// (PredictBatchThreadingTests).
    /// </summary>
    /// <remarks>
    /// Safe to call from several threads at once, with the same <paramref name="work"/>: the batch a call works on is
    /// handed to the shards through a record kept per calling thread, never through <paramref name="work"/>, which
    /// therefore holds no per-call state. Allocation-free after a thread's first call: the record is reused
    /// (PredictBatchThreadingTests.PredictBatch_allocates_nothing_after_warm_up).
    /// </remarks>
    /// <param name="work">What each shard runs on its samples.</param>
    /// <param name="inputs">The batch, row-major: <paramref name="samples"/> × values per input sample.</param>
    /// <param name="outputs">The outputs, row-major: <paramref name="samples"/> × values per output sample.</param>
    /// <param name="samples">Samples in the batch, at least 0.</param>
    /// <param name="block">Samples per block, at least 1; shards start at multiples of it.</param>
    /// <param name="shards">Most shards to use; fewer when the batch has fewer blocks, and 1 (the calling thread alone) below 2.</param>
    /// <exception cref="ArgumentException">A length is not a whole number of rows of <paramref name="samples"/> samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is negative or <paramref name="block"/> below 1.</exception>
    public static void RunBatch(IBatchWork work, ReadOnlySpan<float> inputs, Span<float> outputs, int samples, int block, int shards)
    {
        ArgumentNullException.ThrowIfNull(work);
        Guard.AtLeast(samples, 0, nameof(samples));
        Guard.AtLeast(block, 1, nameof(block));
        if (samples == 0)
        {
            Guard.Length(inputs, 0, nameof(inputs));
            Guard.Length(outputs, 0, nameof(outputs));
            return;
        }

        WholeRows(inputs.Length, samples, nameof(inputs));
        WholeRows(outputs.Length, samples, nameof(outputs));
        int blocks = (samples / block) + (samples % block == 0 ? 0 : 1);
        shards = Math.Clamp(shards, 1, blocks);
        if (shards == 1)
        {
            t_widestRun = Math.Max(t_widestRun, 1);
            work.RunSamples(inputs, outputs, samples);
            return;
        }

        PinnedBatch batch = PinnedBatch.Rent();
        try
        {
            batch.Run(work, inputs, outputs, samples, block, blocks, shards);
        }
        finally
        {
            batch.Return();
        }
    }

    private static void WholeRows(int length, int samples, string name)
    {
        if (length % samples != 0)
        {
            throw new ArgumentException(Guard.Invariant($"Expected a length that is a multiple of samples ({samples}) but found {length}."), name);
        }
    }

    /// <summary>
    /// One <see cref="RunBatch"/> call's batch as the shards see it: addresses of the caller's spans, pinned for as
    /// long as the call runs. Spans cannot be stored where another thread can read them, so the addresses are; that
    /// is sound because <see cref="RunBatch"/> does not return, even when a shard throws, before every shard is done
    /// (<see cref="Run"/> waits for all of them). One record per calling thread, so concurrent calls never share one.
    /// </summary>
    private sealed unsafe class PinnedBatch : IShardedWork
    {
        /// <summary>The calling thread's free record; null while a call on this thread uses it (a nested call gets its own).</summary>
        [ThreadStatic]
        private static PinnedBatch? t_free;

        private IBatchWork? _work;
        private float* _inputs;
        private float* _outputs;
        private int _inputStride;
        private int _outputStride;
        private int _samples;
        private int _block;
        private int _blocks;

        public static PinnedBatch Rent()
        {
            PinnedBatch batch = t_free ?? new PinnedBatch();
            t_free = null;
            return batch;
        }

        public void Return()
        {
            _work = null;
            _inputs = null;
            _outputs = null;
            t_free = this;
        }

        public void Run(IBatchWork work, ReadOnlySpan<float> inputs, Span<float> outputs, int samples, int block, int blocks, int shards)
        {
            fixed (float* x = inputs)
            fixed (float* y = outputs)
            {
                _work = work;
                _inputs = x;
                _outputs = y;
                _inputStride = inputs.Length / samples;
                _outputStride = outputs.Length / samples;
                _samples = samples;
                _block = block;
                _blocks = blocks;
                ShardRunner.Run(this, 0, shards);
            }
        }

        /// <summary>Shard <paramref name="shard"/> runs blocks [shard · blocks / shards, (shard + 1) · blocks / shards): at least one, as shards ≤ blocks.</summary>
        public void RunShard(int phase, int shard, int shards)
        {
            int first = (int)Math.Min(_samples, (long)shard * _blocks / shards * _block);
            int end = (int)Math.Min(_samples, (long)(shard + 1) * _blocks / shards * _block);
            int count = end - first;
            var inputs = new ReadOnlySpan<float>(_inputs + ((long)first * _inputStride), count * _inputStride);
            var outputs = new Span<float>(_outputs + ((long)first * _outputStride), count * _outputStride);
            _work!.RunSamples(inputs, outputs, count);
        }
    }
}
