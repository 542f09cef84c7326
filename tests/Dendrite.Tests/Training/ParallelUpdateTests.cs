using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// A training step's passes over whole parameter buffers (the finiteness checks and the optimizer's update) run in
/// slices on several threads (<see cref="SlicedPasses"/>). Every built-in optimizer's rule is elementwise and the
/// checks are exact reductions, so the parameters, the optimizer state and the checks' answers must be bit for bit
/// those of one thread, at any thread count and with any value non-finite.
/// </summary>
public sealed class ParallelUpdateTests
{
    // Five slices' worth and a ragged end: at limits 2, 3 and 5 every slice is used, and the last one has a scalar tail.
    private const int Length = (5 * SlicedPasses.MinimumValuesPerThread) + 37;

    public static TheoryData<string> Optimizers => new() { "Adam", "AdamW", "Sgd", "SgdNesterov", "RmsPropCentered", "RmsPropPlain" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Sliced_updates_at_2_3_and_5_threads_give_the_parameters_and_state_of_one_thread(string name)
    {
        (float[] serialParameters, Optimizer serial) = Train(name, threads: 1);
        foreach (int threads in new[] { 2, 3, 5 })
        {
            (float[] parameters, Optimizer sliced) = Train(name, threads);
            Assert.True(parameters.AsSpan().SequenceEqual(serialParameters), $"{name} at {threads} threads: parameters differ from one thread");
            Assert.True(State(sliced).AsSpan().SequenceEqual(State(serial)), $"{name} at {threads} threads: optimizer state differs from one thread");
            Assert.Equal(serial.Iterations, sliced.Iterations);
        }

        Assert.False(serialParameters.AsSpan().SequenceEqual(Values(seed: 1, Length)), "the updates did not move the parameters");
    }

    [Fact]
    public void A_session_of_a_network_large_enough_splits_its_update_and_trains_to_the_weights_of_one_thread()
    {
        // ShardedClassifier has 40,065 parameters: two slices at a limit of 2.
        Assert.Equal(2, ThreadSettings.WithMaxThreads(2, () => SlicedPasses.ThreadsFor(ShardedClassifier.ParameterCount)));
        float[] x = Values(seed: 5, 103 * ShardedClassifier.InputSize);
        int[] labels = Enumerable.Range(0, 103).Select(i => i % ShardedClassifier.OutputSize).ToArray();
        float[] one = TrainSession(x, labels, maxThreads: 1);
        float[] two = TrainSession(x, labels, maxThreads: 2);
        Assert.True(one.AsSpan().SequenceEqual(two), "1 and 2 threads trained to different weights");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Sliced_checks_find_a_non_finite_value_in_any_slice_and_the_exact_maximum_otherwise(float bad)
    {
        float[] values = Values(seed: 2, Length);
        values[12_345] = -7.5f; // the largest magnitude, in the first slice
        var slices = new SlicedPasses(ParameterPartition.Contiguous(Length));
        foreach (int threads in new[] { 2, 3, 5 })
        {
            (bool finite, float max) = ThreadSettings.WithMaxThreads(threads, () => (slices.FiniteMaxAbs(values, out float m), m));
            Assert.True(finite, $"{threads} threads: finite values reported non-finite");
            Assert.Equal(7.5f, max);

            foreach (int position in new[] { 0, (2 * SlicedPasses.MinimumValuesPerThread) + 3, Length - 1 })
            {
                float kept = values[position];
                values[position] = bad;
                bool found = !ThreadSettings.WithMaxThreads(threads, () => slices.FiniteMaxAbs(values, out _));
                values[position] = kept;
                Assert.True(found, $"{threads} threads: {bad} at {position} was not found");
            }
        }
    }

    [Fact]
    public void Contiguous_partitions_cover_the_buffer_once_in_order_and_start_at_multiples_of_the_alignment()
    {
        foreach (int length in new[] { 0, 1, 63, 64, 65, 1000, Length, 1_000_003 })
        {
            for (int shards = 1; shards <= 7; shards++)
            {
                ParameterPartition.Segment[][] segments = ParameterPartition.Contiguous(length).For(shards);
                Assert.Equal(shards, segments.Length);
                int next = 0;
                for (int shard = 0; shard < shards; shard++)
                {
                    Assert.True(segments[shard].Length <= 1, $"length {length}, shard {shard} of {shards}: {segments[shard].Length} segments");
                    foreach (ParameterPartition.Segment segment in segments[shard])
                    {
                        Assert.Equal(next, segment.Start);
                        Assert.Equal(0, segment.Start % SlicedPasses.SliceAlignment);
                        Assert.True(segment.Length > 0, $"length {length}, shard {shard} of {shards}: an empty segment");
                        next = segment.End;
                    }
                }

                Assert.Equal(length, next);
            }
        }
    }

    [Fact]
    public void A_pass_over_a_buffer_of_another_length_than_the_partition_is_refused()
    {
        var slices = new SlicedPasses(ParameterPartition.Contiguous(Length));
        float[] longer = new float[Length + 1];
        var error = Assert.Throws<ArgumentException>(() => ThreadSettings.WithMaxThreads(2, () => slices.FiniteMaxAbs(longer, out _)));
        Assert.Equal("values", error.ParamName);
        Assert.Contains($"Expected a buffer of {Length} values (the partition's) but found {Length + 1}.", error.Message, StringComparison.Ordinal);
    }

    private static float[] TrainSession(float[] x, int[] labels, int maxThreads)
    {
        var session = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 8), new Adam(), maxThreads);
        for (int i = 0; i < 6; i++)
        {
            session.Step(x, TargetBatch.FromLabels(labels));
        }

        return session.Network.Parameters.ToArray();
    }

    /// <summary>Four updates with new gradients each time, at a thread limit of <paramref name="threads"/>.</summary>
    private static (float[] Parameters, Optimizer Optimizer) Train(string name, int threads)
    {
        Optimizer optimizer = Create(name);
        float[] parameters = Values(seed: 1, Length);
        var slices = new SlicedPasses(ParameterPartition.Contiguous(Length));
        for (int step = 0; step < 4; step++)
        {
            float[] gradients = Values(seed: 10 + step, Length);
            ThreadSettings.WithMaxThreads(threads, () =>
            {
                optimizer.StepWithGradientBound(parameters, gradients, maxAbsGradient: 1, threads == 1 ? null : slices);
                return 0;
            });
        }

        return (parameters, optimizer);
    }

    private static Optimizer Create(string name) => name switch
    {
        "Adam" => new Adam(0.01f),
        "AdamW" => new AdamW(0.01f, weightDecay: 0.1f),
        "Sgd" => new Sgd(0.05f),
        "SgdNesterov" => new Sgd(0.05f, momentum: 0.9f, nesterov: true),
        "RmsPropCentered" => new RmsProp(0.01f, momentum: 0.5f, centered: true),
        "RmsPropPlain" => new RmsProp(0.01f),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an optimizer of this test"),
    };

    private static float[] State(Optimizer optimizer)
    {
        float[] state = new float[optimizer.StateLength];
        optimizer.CopyStateTo(state);
        return state;
    }

    private static float[] Values(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
