using Dendrite.Generator.Planning;
using Dendrite.Tests.Generator.Snapshots;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// How the Dense drivers cut a batch into blocks of samples on AVX-512 hardware: blocks of 6 first, then of 4, then
/// single samples. A sample alone reads every weight vector for one multiply-add, so the 6-sample blocks stop one block
/// early when that lets blocks of 4 take the rest with fewer samples left alone (Keras' default batch of 32:
/// 4 × 6 + 2 × 4 rather than 5 × 6 + 2 samples alone). Every block shape sums in the same order
/// (BlockShapeEquivalenceTests), so the cut changes speed only; BlockedKernelTests and FirstLayerUnitSplitTests run
/// batches of 32 and 33 through it against a double-precision reference and across thread counts.
/// </summary>
public sealed class WideBlockBackOffTests
{
    [Fact]
    public void Six_sample_blocks_back_off_for_remainders_of_2_and_3()
    {
        Assert.Equal([2, 3], KernelBlocks.BackOffRemainders(KernelBlocks.WideRowBlock, KernelBlocks.RowBlock));
    }

    [Theory]
    [InlineData(6, 4)]
    [InlineData(8, 4)]
    [InlineData(5, 4)]
    [InlineData(6, 1)]
    public void Backing_off_never_leaves_more_samples_alone_and_leaves_fewer_where_it_is_chosen(int wide, int narrow)
    {
        IReadOnlyList<int> remainders = KernelBlocks.BackOffRemainders(wide, narrow);
        for (int samples = 0; samples <= 200; samples++)
        {
            int greedyAlone = samples % wide % narrow;
            bool backOff = samples >= wide && remainders.Contains(samples % wide);
            int alone = backOff ? ((samples % wide) + wide) % narrow : greedyAlone;
            Assert.True(alone <= greedyAlone, $"{samples} samples, blocks of {wide} and {narrow}: {alone} alone against {greedyAlone}");
            Assert.Equal(backOff, alone < greedyAlone);
        }
    }

    [Fact]
    public void Every_sample_blocked_driver_of_the_digit_network_stops_its_wide_blocks_at_the_bound()
    {
        const string Bound = "int wideEnd = samples % 6 is 2 or 3 && samples >= 6 ? samples - (samples % 6) - 6 : samples;";
        GeneratorRun run = GeneratorHarness.Run(GeneratedCodeSnapshotTests.DigitClassifier);
        string network = run.NetworkSource();
        string plumbing = run.PlumbingSource();

        // Forward of its 3 layers and input gradient of layers 2 and 3 in the readable file; layer 1's forward by units in the plumbing.
        Assert.Equal(5, Count(network, Bound));
        Assert.Equal(5, Count(network, "s + 6 <= wideEnd"));
        Assert.Equal(0, Count(network, "s + 6 <= samples"));
        Assert.Equal(1, Count(plumbing, Bound));
        Assert.Equal(0, Count(plumbing, "s + 6 <= samples"));
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
