using Dendrite.Tests.Kernels;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.ModernActivations;

/// <summary>
/// Training through the new activations is deterministic: the same seed and data give bit-identical weights, and a
/// step split across 2 threads gives the weights 1 thread gives (kept Z is per sample, like A, so it shards with it).
/// </summary>
[Collection(nameof(ThreadSettingCollection))] // measures the split of its own steps
public sealed class ActivationDeterminismTests
{
    private const int Batch = 103;

    [Fact]
    public void Limits_1_and_2_train_to_bit_identical_weights_and_the_step_really_splits()
    {
        (float[] x, float[] y) = Data();
        var single = new ModernShardedRegressor(seed: 4);
        var dual = new ModernShardedRegressor(seed: 4);
        single.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = Batch, Seed = 2, MaxThreads = 1, Optimizer = new Adam(0.003f) });
        dual.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = Batch, Seed = 2, MaxThreads = 2, Optimizer = new Adam(0.003f) });

        Assert.True(single.Parameters.SequenceEqual(dual.Parameters), "limits 1 and 2 trained to different weights");
        Assert.False(single.Parameters.SequenceEqual(new ModernShardedRegressor(seed: 4).Parameters), "training did not change the weights");

        var session = new TrainingSession<ModernShardedRegressor>(new ModernShardedRegressor(seed: 1), new Adam(), maxThreads: 2);
        ShardRunner.ResetWidestRun();
        session.Step(x.AsSpan(0, Batch * ModernShardedRegressor.InputSize), TargetBatch.FromValues(y.AsSpan(0, Batch * ModernShardedRegressor.OutputSize)));
        Assert.Equal(2, ShardRunner.WidestRunOnThisThread);
    }

    [Fact]
    public void Same_seed_gives_bit_identical_weights()
    {
        (float[] x, float[] y) = Data();
        var a = new ModernShardedRegressor(seed: 9);
        var b = new ModernShardedRegressor(seed: 9);
        a.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 32, Seed = 5 });
        b.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 32, Seed = 5 });
        Assert.True(a.Parameters.SequenceEqual(b.Parameters));
    }

    private static (float[] X, float[] Y) Data()
    {
        var random = new Random(3);
        int samples = 2 * Batch;
        float[] x = Enumerable.Range(0, samples * ModernShardedRegressor.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] y = Enumerable.Range(0, samples * ModernShardedRegressor.OutputSize).Select(_ => (float)random.NextDouble()).ToArray();
        return (x, y);
    }
}
