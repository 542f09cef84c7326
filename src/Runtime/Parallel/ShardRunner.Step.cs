using System;

namespace Dendrite;

public static partial class ShardRunner
{
    /// <summary>
    /// Runs <paramref name="shards"/> shards of one phase of a training step, the first on the calling thread, and
    /// returns when all have finished. Every shard sees the caller's <paramref name="inputs"/> and
    /// <paramref name="gradients"/>: they stay pinned while the phase runs, so the workers read and write them in place
    /// instead of the copies a field would need (workload B's gradients alone are 0.9 MB a step).
    /// </summary>
    /// <param name="work">The step's work.</param>
    /// <param name="phase">Passed through to every shard.</param>
    /// <param name="shards">Number of shards; 1 or fewer runs on the calling thread only.</param>
    /// <param name="inputs">The batch.</param>
    /// <param name="gradients">The gradient buffer the shards write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    public static void RunStep(IShardedStep work, int phase, int shards, ReadOnlySpan<float> inputs, Span<float> gradients)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (shards <= 1)
        {
            t_widestRun = Math.Max(t_widestRun, 1);
            work.RunShard(phase, 0, 1, inputs, gradients);
            return;
        }

        PinnedStep step = PinnedStep.Rent();
        try
        {
            step.Run(work, phase, shards, inputs, gradients);
        }
        finally
        {
            step.Return();
        }
    }

    /// <summary>One phase in progress: the pinned spans, reached by the workers through <see cref="IShardedWork"/>.</summary>
    private sealed unsafe class PinnedStep : IShardedWork
    {
        // One per calling thread: a phase in progress on another thread never shares it.
        [ThreadStatic]
        private static PinnedStep? t_free;

        private IShardedStep? _work;
        private float* _inputs;
        private int _inputLength;
        private float* _gradients;
        private int _gradientLength;

        public static PinnedStep Rent()
        {
            PinnedStep step = t_free ?? new PinnedStep();
            t_free = null;
            return step;
        }

        public void Return()
        {
            _work = null;
            _inputs = null;
            _gradients = null;
            t_free = this;
        }

        public void Run(IShardedStep work, int phase, int shards, ReadOnlySpan<float> inputs, Span<float> gradients)
        {
            fixed (float* x = inputs)
            fixed (float* g = gradients)
            {
                _work = work;
                _inputs = x;
                _inputLength = inputs.Length;
                _gradients = g;
                _gradientLength = gradients.Length;
                ShardRunner.Run(this, phase, shards);
            }
        }

        public void RunShard(int phase, int shard, int shards) =>
            _work!.RunShard(phase, shard, shards, new ReadOnlySpan<float>(_inputs, _inputLength), new Span<float>(_gradients, _gradientLength));
    }
}
