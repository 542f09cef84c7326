using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>Same seeds and data → bit-identical weights; a different seed → different weights.</summary>
public class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_bit_identical_initial_weights_and_a_different_seed_different_ones()
    {
        Assert.Equal(Bits(new SpiralClassifier(seed: 7).Parameters), Bits(new SpiralClassifier(seed: 7).Parameters));
        Assert.NotEqual(Bits(new SpiralClassifier(seed: 7).Parameters), Bits(new SpiralClassifier(seed: 8).Parameters));
    }

    [Fact]
    public void Two_fits_with_the_same_seed_give_bit_identical_parameters_and_history()
    {
        (SpiralClassifier a, TrainingHistory historyA) = Train(fitSeed: 5);
        (SpiralClassifier b, TrainingHistory historyB) = Train(fitSeed: 5);

        Assert.Equal(Bits(a.Parameters), Bits(b.Parameters));
        Assert.Equal(historyA.Loss, historyB.Loss);
        Assert.Equal(historyA.ValidationLoss, historyB.ValidationLoss);
    }

    [Fact]
    public void A_different_shuffle_seed_gives_different_parameters()
    {
        (SpiralClassifier a, _) = Train(fitSeed: 5);
        (SpiralClassifier b, _) = Train(fitSeed: 6);

        Assert.NotEqual(Bits(a.Parameters), Bits(b.Parameters));
    }

    private static (SpiralClassifier Network, TrainingHistory History) Train(int fitSeed)
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 40, seed: 1);
        var net = new SpiralClassifier(seed: 3);
        TrainingHistory history = net.Fit(x, labels, new FitOptions
        {
            Epochs = 5,
            BatchSize = 16,
            Optimizer = new Adam(0.01f),
            Seed = fitSeed,
            ValidationSplit = 0.2f,
        });
        return (net, history);
    }

    private static int[] Bits(Span<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
