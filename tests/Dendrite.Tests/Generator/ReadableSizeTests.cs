using Dendrite.Tests.Generator.Snapshots;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The generated code is documentation (issue 10): the readable file must stay short enough to read top to bottom,
/// with the register-blocked kernels kept in the shared kernels file. These budgets are the ones docs/generated-code.md and the
/// README quote; a change that pushes a file past them must move code to the plumbing or kernels file or say why the budget moves.
/// </summary>
public class ReadableSizeTests
{
    // The declarations whose snapshots docs/generated-code.md walks through, so the budgets hold for the files it shows.
    private const string Digit = GeneratedCodeSnapshotTests.DigitClassifier;
    private const string LogisticRegression = GeneratedCodeSnapshotTests.LogisticRegression;

    [Fact]
    public void The_digit_network_reads_in_at_most_692_lines_and_generates_at_most_3669()
    {
        GeneratorRun run = GeneratorHarness.Run(Digit);

        int readable = Lines(run.NetworkSource());
        int others = Lines(run.PlumbingSource()) + Lines(run.KernelsSource());
        // 610 since the forward blocks of AVX-512 hardware became 6 samples × 4 units: a layer whose units are not a
        // multiple of 4 ends its wide loop with one block of the rest (15 units: 3 × 4, then 3), one line more.
        // 625 since every method that loops carries MethodImplOptions.AggressiveOptimization on a line of its own
        // (Names.Optimized: the JIT's tiers profiled the wrong calls; bench/README.md "Tiered compilation"): 12 here.
        // 645 since the input gradient (dA_prev = dZ·W) has the AVX-512 blocks of 6 samples × 4 vectors too: an 8-line
        // loop in each layer that passes a gradient back (2 here), for dA_prev 1.3× faster on the CNN's Dense(128)
        // (bench/README.md "Where a training step's time goes").
        // 655 since the 6-sample blocks stop one block early when blocks of 4 then leave fewer samples alone
        // (WideBlockBackOffTests): a comment and a bound before each of the 5 wide sample loops here.
        // 668 since a lone sample walks layer 1's blocks in alternating directions (W[1], 78 KB, is larger than L1;
        // PredictOrderTests): a comment and the walk last to first, 13 lines; Predict A went from 0.66–0.68 to 0.51–0.52 µs
        // (mean of 300,000 calls, bench/README.md "One sample, rows in alternating order").
        // 692 since layers 2 and 3 (25 → 15 and 15 → 10) are narrow (Planning/NarrowLayerPlanner): on AVX-512 hardware a batch
        // forward runs as outer products with the dot kernels' bits (NarrowForwardTests), 12 lines per layer; A's batch of
        // 1,000 went from 275–278 to 266–268 µs at 1 thread (bench/README.md "Narrow layers as outer products").
        Assert.True(readable <= 692, "The readable file has " + readable + " lines; the budget is 692.");
        // 1,950 since the blocks of AVX-512 hardware (KernelBlocks.WideRowBlock, WideUnitBlock): forward 6 samples × 4
        // units and dW 6 units × 4 vectors, a loop per layer and direction in the readable file, and in the shared file
        // their kernels, the two lane-reduction helpers and a rest block per layer width (25, 15 and 10 units: 6 × 1,
        // 6 × 3, 6 × 2), for 11 % more forward speed on a layer of workload B's size than 4 × 2 (KernelShapeBenchmarks).
        // 2,075 since a two-thread step computes layer 1's forward by units (Planning/FirstLayerUnitSplit: each thread
        // keeps its own rows of W[1], and B's update halves went from 168–173 to 57–102 µs): the unit-range driver and
        // the phase's plumbing in the plumbing file, and the 1 × 1 forward kernel its single samples end with.
        // 2,250 since those input-gradient blocks: their walk and its 6 × 4 and 6 × 1 kernels in the shared file.
        // 3,050 since the 512-bit twins (KernelFlavour, Planning/VectorWidthPlanner): layer 1's 784 inputs run on
        // Vector512 where the hardware accelerates it, so its forward and dW kernels are written a second time, in the
        // shared file's nested class, with a dispatch line in each portable kernel that has a twin. Layers 2 and 3 (25 and
        // 15 inputs) keep 256-bit vectors and add nothing. A's training step went from 52 to 35 µs on a Zen 5 core.
        // 3,150 since the backward walks end a row that is not a whole number of vectors with one overlapping vector
        // (DenseKernelEmitter.WriteInputWalk), eight lines per walk: layer 3's 15 inputs had 7 of 8 columns summed one
        // at a time; A's step went from 40.6 to 35.9 µs (median, bench/README.md "Narrow rows: the last vector overlaps").
        // 3,425 since the forward kernels end a row that is not a whole number of vectors with one masked vector
        // (DenseKernelEmitter.WriteMaskedTail), 10 to 18 lines in each forward kernel of the shared file (18 here): layer 2's
        // 25 inputs summed their last one after the horizontal sums, one product per unit and sample; A's batch inference
        // went from 283–296 to 277–285 µs at 1 thread and from 148 to 133–139 at 2 (bench/README.md "The forward's last
        // partial vector").
        // 3,435 since the bound of the 6-sample blocks (see 655 above), in the readable file and the plumbing file's forward by units.
        // 3,448 since the alternating walk (see 668 above).
        // 3,456 since the argument guards keep their throws in methods of their own (PlumbingFileEmitter.WriteGuards), so the
        // compare and branch inline into each driver: RequireAtLeast was 1.6 % of a perf profile of Predict A, 9 calls a sample.
        // 3,474 since the forward over a range of units walks a lone sample in alternating directions too (the plumbing file,
        // 18 lines): a helper thread computing its half of B's layer 1 in every two-thread Predict; p50 6.4–6.7 → 5.9–6.3 µs.
        // 3,669 since the narrow layers (see 692 above): their 24 lines here, and in the shared file the k-major copy of W, the
        // exact-width store and the outer-product kernel over 8-float lane classes, whose main loop and tail are written out
        // lane by lane (171 lines).
        Assert.True(readable + others <= 3669, "The three files have " + (readable + others) + " lines; the budget is 3,669.");
    }

    [Fact]
    public void Logistic_regression_reads_in_at_most_310_lines()
    {
        GeneratorRun run = GeneratorHarness.Run(LogisticRegression);

        int readable = Lines(run.NetworkSource());
        // 310 since the AggressiveOptimization attribute lines (see above): 4 here.
        Assert.True(readable <= 310, "The readable file has " + readable + " lines; the budget is 310.");
    }

    [Fact]
    public void No_register_blocked_kernel_is_written_in_the_readable_file()
    {
        GeneratorRun run = GeneratorHarness.Run(Digit);

        // The kernels carry the vector accumulators; the readable file only calls them.
        Assert.DoesNotContain("MultiplyAddEstimate", run.NetworkSource(), StringComparison.Ordinal);
        Assert.Contains("MultiplyAddEstimate", run.KernelsSource(), StringComparison.Ordinal);
    }

    private static int Lines(string source) => source.Split('\n').Length - (source.EndsWith('\n') ? 1 : 0);
}
