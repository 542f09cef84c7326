using Dendrite.Generator.Planning;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// A Dense layer larger than L1 runs a lone sample's unit blocks first to last and last to first on alternate calls of
/// the same thread, so a call starts on the rows the previous one read last (KernelBlocks.AlternatingOrderMinimumWeights).
/// Each unit's dot product is summed in one order whichever way the blocks go, so every Predict in a row, whichever
/// direction it takes, gives the bits the blocked batch path gives its sample; a block the reversed walk skipped or
/// misplaced would leave the previous sample's value behind in the reused activations.
/// </summary>
public sealed class PredictOrderTests
{
    private const int Samples = 12; // 2 × 6 or 3 × 4: PredictBatch takes no lone-sample path

    [Fact]
    public void Predicts_in_a_row_give_the_bits_of_their_samples_in_a_batch() =>
        AssertPredictsInARowGiveTheBatchBits(new AlternatingOrderRegressor(seed: 5), inputSeed: 11, maxThreads: 1);

    [Fact]
    public void The_digit_network_two_layers_larger_than_L1_give_Predict_the_bits_of_the_batch_on_every_call() =>
        AssertPredictsInARowGiveTheBatchBits(new WideDigitClassifier(seed: 3), inputSeed: 12, maxThreads: 1);

    [Fact]
    public void Two_thread_Predicts_in_a_row_give_the_bits_of_the_batch() =>
        // Layer 1 (200,704 weights) is shared: the caller and the helper each walk their half (ForwardUnitRange) in
        // alternating directions, on their own flags; whichever thread runs a half, the sums are the same.
        AssertPredictsInARowGiveTheBatchBits(new WideDigitClassifier(seed: 4), inputSeed: 13, maxThreads: 2);

    [Fact]
    public void A_training_batch_with_a_lone_sample_gives_the_outputs_of_the_batch_in_both_directions()
    {
        // 41 samples: 6 × 6 + 4 + 1 on AVX-512 hardware (10 × 4 + 1 elsewhere), so the last sample goes through the unit-range
        // driver alone, walking layer 1's 37 units (4 blocks of 8, then 5 single units) one way on one step and the other
        // way on the next. Each step has other inputs, so a unit the reversed walk skipped would keep the step before's value.
        const int batch = 41;
        var net = new UnitSplitClassifier(seed: 8);
        int[] labels = Enumerable.Range(0, batch).Select(s => s % UnitSplitClassifier.OutputSize).ToArray();
        var gradients = new float[UnitSplitClassifier.ParameterCount];
        var outputs = new float[batch * UnitSplitClassifier.OutputSize];
        var expected = new float[batch * UnitSplitClassifier.OutputSize];
        for (int step = 0; step < 4; step++)
        {
            float[] x = KernelTestValues.Symmetric(batch * UnitSplitClassifier.InputSize, seed: 20 + step);
            ThreadSettings.WithMaxThreads(1, () => net.ComputeGradients(x, TargetBatch.FromLabels(labels), gradients, outputs));
            net.PredictBatch(x, expected, maxThreads: 1);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), outputs.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Theory]
    [InlineData(25, 784, true)] // A's first layer, 19,600 weights (78 KB): 9 + 8 + 8
    [InlineData(29, 311, true)]
    [InlineData(300, 29, true)]
    [InlineData(25, 300, false)] // 7,500 weights fit a 32 KB L1
    [InlineData(25, 328, true)] // 8,200: just above
    [InlineData(10, 2000, false)] // 20,000 weights but one block: no order to change
    [InlineData(3, 300, false)]
    public void Only_layers_larger_than_the_smallest_L1_with_more_than_one_block_alternate(int units, int inputs, bool alternates)
    {
        Assert.Equal(alternates, DenseKernelPlanner.Choose(units, inputs).AlternatesSingleRowOrder);
    }

    /// <summary>
    /// Predict on each of <see cref="Samples"/> samples in turn, four times over (an even number of calls between two
    /// of the same sample, so each is predicted in both directions), against the bits PredictBatch gives the same
    /// samples through the blocked path.
    /// </summary>
    private static void AssertPredictsInARowGiveTheBatchBits<TNetwork>(TNetwork net, int inputSeed, int maxThreads)
        where TNetwork : class, INetwork<TNetwork>
    {
        float[] x = KernelTestValues.Symmetric(Samples * TNetwork.InputSize, inputSeed);
        float[] batch = new float[Samples * TNetwork.OutputSize];
        net.PredictBatch(x, batch, maxThreads: 1);

        float[] output = new float[TNetwork.OutputSize];
        for (int call = 0; call < 4 * Samples; call++)
        {
            int i = call % Samples;
            net.Predict(x.AsSpan(i * TNetwork.InputSize, TNetwork.InputSize), output, maxThreads);
            int[] expected = batch.AsSpan(i * output.Length, output.Length).ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
            Assert.True(expected.SequenceEqual(output.Select(BitConverter.SingleToInt32Bits)), $"call {call} (sample {i}): [{string.Join(", ", output)}] against the batch's [{string.Join(", ", batch.AsSpan(i * output.Length, output.Length).ToArray())}]");
        }
    }
}
