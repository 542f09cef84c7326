using Dendrite.Internal;
using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>A network large enough that its gradients (9,610 values) dwarf what a Fit call allocates besides.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(64)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class PooledFitNet;

/// <summary>
/// <see cref="AlignedBufferPool"/>: what one <c>Fit</c> call hands back, the next rents, cleared; what is kept is
/// bounded in count and bytes and let go after two full collections. The pool is process-wide, so these tests run
/// alone (no other test's Fit rents or returns meanwhile).
/// </summary>
[Collection(nameof(ThreadSettingCollection))]
public sealed unsafe class AlignedBufferPoolTests
{
    [Fact]
    public void A_returned_buffer_is_lent_again_cleared_and_still_aligned()
    {
        Empty();
        var buffer = new AlignedBuffer(1_000);
        buffer.Span.Fill(float.NaN);
        AlignedBufferPool.Return(buffer);

        AlignedBuffer rented = AlignedBufferPool.Rent(1_000);

        Assert.Same(buffer, rented);
        Assert.True(rented.Span.IndexOfAnyExcept(0f) < 0, "a rented buffer holds the last user's values");
        fixed (float* first = rented.Span)
        {
            Assert.Equal(0u, (nuint)first % AlignedBuffer.Alignment);
        }

        Assert.Equal(0, AlignedBufferPool.KeptCount);
    }

    [Fact]
    public void Only_a_buffer_of_the_same_length_is_lent()
    {
        Empty();
        var buffer = new AlignedBuffer(1_000);
        AlignedBufferPool.Return(buffer);

        AlignedBuffer shorter = AlignedBufferPool.Rent(999);
        AlignedBuffer longer = AlignedBufferPool.Rent(1_001);

        Assert.NotSame(buffer, shorter);
        Assert.NotSame(buffer, longer);
        Assert.Equal(999, shorter.Length);
        Assert.Equal(1_001, longer.Length);
        Assert.Same(buffer, AlignedBufferPool.Rent(1_000));
    }

    [Fact]
    public void At_most_MaxKept_buffers_are_kept_and_the_oldest_go_first()
    {
        Empty();
        var buffers = Enumerable.Range(1, AlignedBufferPool.MaxKept + 2).Select(length => new AlignedBuffer(length)).ToArray();
        foreach (AlignedBuffer buffer in buffers)
        {
            AlignedBufferPool.Return(buffer);
        }

        Assert.Equal(AlignedBufferPool.MaxKept, AlignedBufferPool.KeptCount);
        Assert.NotSame(buffers[0], AlignedBufferPool.Rent(1));
        Assert.NotSame(buffers[1], AlignedBufferPool.Rent(2));
        for (int i = 2; i < buffers.Length; i++)
        {
            Assert.Same(buffers[i], AlignedBufferPool.Rent(i + 1));
        }
    }

    [Fact]
    public void Kept_bytes_stay_within_MaxKeptBytes_and_a_larger_buffer_is_never_kept()
    {
        Empty();
        int overLimit = checked((int)(AlignedBufferPool.MaxKeptBytes / sizeof(float)) + 1);
        AlignedBufferPool.Return(new AlignedBuffer(overLimit));
        Assert.Equal(0, AlignedBufferPool.KeptCount);

        // Two buffers of just over half the limit: the second pushes the first out.
        int overHalf = overLimit / 2 + 1;
        var first = new AlignedBuffer(overHalf);
        var second = new AlignedBuffer(overHalf);
        AlignedBufferPool.Return(first);
        AlignedBufferPool.Return(second);

        Assert.Equal(1, AlignedBufferPool.KeptCount);
        Assert.Same(second, AlignedBufferPool.Rent(overHalf));
        Empty();
    }

    [Fact]
    public void A_buffer_not_lent_again_is_let_go_at_the_second_full_collection()
    {
        // Tests in other collections run meanwhile and may bring on full collections of their own, which age a kept
        // buffer as ours do (a CI run once saw it gone after our first). So the pool's count of full collections is
        // read with the kept count, and the scenario repeats until one attempt sees exactly one collection between
        // the return and the first look; the buffer must be kept then, and gone after our second in every attempt.
        bool keptAfterOne = false;
        for (int attempt = 0; attempt < 20 && !keptAfterOne; attempt++)
        {
            Empty();
            int before = AlignedBufferPool.State.FullCollections;
            AlignedBufferPool.Return(new AlignedBuffer(1_000));
            if (AlignedBufferPool.State.FullCollections != before)
            {
                continue; // a collection came between the reads: the age Return recorded is not known
            }

            FullCollection();
            (int kept, int collections) = AlignedBufferPool.State;
            if (collections - before == 1)
            {
                Assert.Equal(1, kept);
                keptAfterOne = true;
            }

            FullCollection();
            Assert.Equal(0, AlignedBufferPool.State.Kept);
        }

        Assert.True(keptAfterOne, "no attempt saw exactly one full collection between the return and the first look");
    }

    [Fact]
    public void A_Fit_call_after_the_first_allocates_less_than_one_gradient_buffer()
    {
        // Before the pool (and with the update checkpoint allocated by every session), each call allocated its
        // gradients, its batch buffer and a copy of parameters and Adam's state: 9,610 × 4 × 4 bytes and more.
        (float[] x, int[] labels) = Data(samples: 256);
        var net = new PooledFitNet(seed: 1);
        var options = new FitOptions { Epochs = 1, BatchSize = 32, Optimizer = new Adam(), MaxThreads = 1, Verbosity = Verbosity.Silent };
        net.Fit(x, labels, options); // warm-up: JIT, Adam's state, the buffers the pool will keep

        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            least = Math.Min(least, SteadyStateAllocation.BytesAllocatedBy(() => net.Fit(x, labels, options)));
        }

        long gradientBytes = PooledFitNet.ParameterCount * sizeof(float);
        Assert.True(least < gradientBytes, $"A Fit call allocated {least} bytes; expected less than the gradients' {gradientBytes}.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Buffers_left_full_of_NaN_by_a_previous_user_change_no_weight(int maxThreads)
    {
        (float[] x, int[] labels) = Data(samples: 200);
        FitOptions Options() => new() { Epochs = 2, BatchSize = 32, MaxThreads = maxThreads, Seed = 4, Verbosity = Verbosity.Silent };
        Empty();
        var reference = new PooledFitNet(seed: 2);
        reference.Fit(x, labels, Options());

        // Every length Fit rents (gradients, batch buffers), poisoned.
        foreach (int length in new[] { PooledFitNet.ParameterCount, 32 * PooledFitNet.InputSize, 32 * PooledFitNet.InputSize })
        {
            var poisoned = new AlignedBuffer(length);
            poisoned.Span.Fill(float.NaN);
            AlignedBufferPool.Return(poisoned);
        }

        var trained = new PooledFitNet(seed: 2);
        trained.Fit(x, labels, Options());

        Assert.Equal(reference.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    private static void Empty()
    {
        AlignedBufferPool.Trim();
        AlignedBufferPool.Trim();
        Assert.Equal(0, AlignedBufferPool.KeptCount);
    }

    /// <summary>A blocking full collection and the finalizers it queued: the pool's trimmer among them.</summary>
    private static void FullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }

    private static (float[] X, int[] Labels) Data(int samples)
    {
        var x = new float[samples * PooledFitNet.InputSize];
        var labels = new int[samples];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Sin(0.173f * i);
        }

        for (int i = 0; i < samples; i++)
        {
            labels[i] = (i * 7) % 10;
        }

        return (x, labels);
    }
}
