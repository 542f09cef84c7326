using Dendrite.Tests.Kernels;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// What an epoch of <c>Fit</c> allocates once the call has set up its buffers: the difference between a call of
/// <see cref="ManyEpochs"/> epochs and a call of one, per extra epoch, on the calling thread. A step allocates nothing
/// (AllocationTests), nor does assembling a batch, on either path (copied here, or on a pool thread while the
/// previous step runs); what is left is the epoch's own record (its <see cref="EpochResult"/>, kept in the history)
/// and, with the console report on, a little of the report's.
/// </summary>
public class FitAllocationTests
{
    private const int ManyEpochs = 21;

    /// <summary>The EpochResult the history keeps (96 bytes measured), with room to spare.</summary>
    private const long SilentBytesPerEpoch = 256;

    /// <summary>
    /// The same with the default report of a terminal (the bar redrawn at the epoch's last batch, then the epoch's
    /// line): 432 bytes measured, the report's builder and number formatting allocating nothing once grown. Before
    /// the reporter reused its builder, the epoch's line alone cost 1,046 bytes (Verbosity.EpochLines), and every redraw
    /// of the bar (up to 10 a second) a new builder and its strings.
    /// </summary>
    private const long ReportingBytesPerEpoch = 1024;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_silent_epoch_allocates_only_its_record(int maxThreads)
    {
        long perEpoch = BytesPerEpoch(maxThreads, Verbosity.Silent);
        Assert.True(perEpoch <= SilentBytesPerEpoch, $"An epoch allocated {perEpoch} bytes; expected at most {SilentBytesPerEpoch}.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_epoch_with_the_console_report_allocates_only_its_record_and_line(int maxThreads)
    {
        long perEpoch = BytesPerEpoch(maxThreads, Verbosity.ProgressBar);
        Assert.True(perEpoch <= ReportingBytesPerEpoch, $"An epoch allocated {perEpoch} bytes; expected at most {ReportingBytesPerEpoch}.");
    }

    /// <summary>Least of three measurements of (bytes of a ManyEpochs call − bytes of a one-epoch call) / (ManyEpochs − 1).</summary>
    private static long BytesPerEpoch(int maxThreads, Verbosity verbosity)
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 50, seed: 2); // 150 samples: 10 batches of 16
        var net = new SpiralClassifier(seed: 1);
        var optimizer = new Adam(0.001f);
        FitOptions Options(int epochs) => new()
        {
            Epochs = epochs,
            BatchSize = 16,
            Optimizer = optimizer,
            MaxThreads = maxThreads,
            Verbosity = verbosity,
            Console = new ConsoleTarget(TextWriter.Null, IsInteractive: true),
        };

        FitOptions one = Options(1);
        FitOptions many = Options(ManyEpochs);
        net.Fit(x, labels, many); // warm-up: JIT, the thread pool's threads, the optimizer's state

        // Each Fit measured from an empty allocation context (SteadyStateAllocation says why), and the least of three
        // attempts kept for each, separately: Fit's own allocations refill the context, so a collection on another
        // thread can still inflate a window, and an inflated one-epoch window must not cancel a real per-epoch cost.
        long oneEpoch = long.MaxValue, manyEpochs = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            oneEpoch = Math.Min(oneEpoch, SteadyStateAllocation.BytesAllocatedBy(() => net.Fit(x, labels, one)));
            manyEpochs = Math.Min(manyEpochs, SteadyStateAllocation.BytesAllocatedBy(() => net.Fit(x, labels, many)));
        }

        return (manyEpochs - oneEpoch) / (ManyEpochs - 1);
    }
}
