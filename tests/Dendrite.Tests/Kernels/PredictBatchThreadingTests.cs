using Dendrite.Tests.Cnn;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// PredictBatch splits a large batch across threads by whole chunks (whole 4-sample blocks without a hidden layer),
/// so every sample is computed by one thread with the code that computes it alone: the outputs are the same bits as
/// <c>Predict</c> gives, at 1 and at 2 threads, for batch sizes on and off the 64-sample chunk. Its
/// <c>maxThreads</c> argument (default <see cref="Parallelism.CurrentMaxThreads"/>) bounds the threads one call uses,
/// read from <c>ShardRunner.WidestRunOnThisThread</c> as in <see cref="Training.ThreadLimitTests"/>.
/// </summary>
[Collection(nameof(ThreadSettingCollection))] // one test sets Parallelism.DefaultMaxThreads; two measure allocation
public sealed class PredictBatchThreadingTests
{
    /// <summary>A batch that WideDigitClassifier splits in two: 1,000 × 234,752 multiply-adds, 16 chunks.</summary>
    private const int Big = 1000;

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(3001)]
    public void One_and_two_threads_give_the_bits_Predict_gives_for_each_sample(int samples)
    {
        var net = new WideDigitClassifier(seed: 7);
        float[] x = KernelTestValues.Uniform(samples * WideDigitClassifier.InputSize, seed: samples);
        float[] expected = PredictEach(net, x);

        (float[] single, int singleWidest) = Batch(net, x, maxThreads: 1);
        (float[] dual, int dualWidest) = Batch(net, x, maxThreads: 2);

        AssertSameBits(expected, single, "1 thread");
        AssertSameBits(expected, dual, "2 threads");
        Assert.True(singleWidest <= 1, $"maxThreads 1 asked for {singleWidest} shards");
        // Two threads once there are two chunks (65 samples: 15 million multiply-adds); one chunk stays on one thread.
        Assert.Equal(samples > 64 ? 2 : 1, dualWidest);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1001)]
    [InlineData(3001)]
    public void Without_a_hidden_layer_whole_blocks_per_thread_give_the_bits_of_Predict(int samples)
    {
        var net = new WideLinearRegressor(seed: 2);
        float[] x = KernelTestValues.Uniform(samples * WideLinearRegressor.InputSize, seed: samples);
        float[] expected = PredictEach(net, x);

        (float[] single, _) = Batch(net, x, maxThreads: 1);
        (float[] dual, int dualWidest) = Batch(net, x, maxThreads: 2);

        AssertSameBits(expected, single, "1 thread");
        AssertSameBits(expected, dual, "2 threads");
        // 2,100 multiply-adds per sample: 1,001 samples (2.1 million) are enough for two threads, 7 are not.
        Assert.Equal(samples >= 1000 ? 2 : 1, dualWidest);
    }

    [Fact]
    public void A_convolutional_network_split_in_two_gives_the_bits_of_Predict()
    {
        const int samples = 130; // three chunks: 64, 64 and 2
        var net = new FashionCnn(seed: 3);
        float[] x = KernelTestValues.Uniform(samples * FashionCnn.InputSize, seed: 5);
        float[] expected = PredictEach(net, x);

        (float[] dual, int widest) = Batch(net, x, maxThreads: 2);

        AssertSameBits(expected, dual, "2 threads");
        Assert.Equal(2, widest);
    }

    [Fact]
    public void Without_an_argument_the_limit_is_the_current_one()
    {
        var net = new WideDigitClassifier(seed: 1);
        float[] x = KernelTestValues.Uniform(Big * WideDigitClassifier.InputSize, seed: 3);
        var outputs = new float[Big * WideDigitClassifier.OutputSize];

        int atDefaultOne = ThreadSettings.WithDefaultMaxThreads(1, () => Widest(() => net.PredictBatch(x, outputs)));
        int atDefaultTwo = ThreadSettings.WithDefaultMaxThreads(2, () => Widest(() => net.PredictBatch(x, outputs)));
        // Inside a training step the session's limit is the current one (Parallelism.Limit is what the session sets).
        int inScopeOfOne = ThreadSettings.WithDefaultMaxThreads(2, () => ThreadSettings.WithMaxThreads(1, () => Widest(() => net.PredictBatch(x, outputs))));
        int argumentOverDefault = ThreadSettings.WithDefaultMaxThreads(1, () => Widest(() => net.PredictBatch(x, outputs, maxThreads: 2)));

        Assert.True(atDefaultOne <= 1, $"with a default of 1 PredictBatch asked for {atDefaultOne} shards");
        Assert.Equal(2, atDefaultTwo);
        Assert.True(inScopeOfOne <= 1, $"under a limit of 1 PredictBatch asked for {inScopeOfOne} shards");
        Assert.Equal(2, argumentOverDefault);
    }

    [Fact]
    public void Concurrent_calls_on_one_model_with_different_limits_each_get_their_own_batch_right()
    {
        var net = new WideDigitClassifier(seed: 4);
        const int callers = 4;
        int?[] limits = [1, 2, null, 2];
        float[][] inputs = Enumerable.Range(0, callers).Select(c => KernelTestValues.Uniform((300 + (37 * c)) * WideDigitClassifier.InputSize, seed: 40 + c)).ToArray();
        float[][] expected = inputs.Select(x => PredictEach(net, x)).ToArray();
        var wrong = new int[callers];
        var widest = new int[callers];
        using var start = new Barrier(callers);

        Thread[] threads = Enumerable.Range(0, callers).Select(c => new Thread(() =>
        {
            var outputs = new float[expected[c].Length];
            start.SignalAndWait();
            ShardRunner.ResetWidestRun();
            for (int round = 0; round < 20; round++)
            {
                Array.Fill(outputs, float.NaN);
                net.PredictBatch(inputs[c], outputs, limits[c]);
                wrong[c] += outputs.AsSpan().SequenceEqual(expected[c]) ? 0 : 1;
            }

            widest[c] = ShardRunner.WidestRunOnThisThread;
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(new int[callers], wrong);
        Assert.True(widest[0] <= 1, $"the caller limited to 1 thread asked for {widest[0]} shards");
        Assert.Equal(2, widest[1]);
    }

    [Fact]
    public void A_call_through_the_interface_takes_the_limit_too()
    {
        var net = new WideDigitClassifier(seed: 1);
        float[] x = KernelTestValues.Uniform(Big * WideDigitClassifier.InputSize, seed: 8);
        var outputs = new float[Big * WideDigitClassifier.OutputSize];

        Assert.True(Widest(() => Generic(net, x, outputs, 1)) <= 1, "maxThreads 1 through INetwork used more threads");
        Assert.Equal(2, Widest(() => Generic(net, x, outputs, 2)));
        AssertSameBits(PredictEach(net, x), outputs, "through INetwork");

        static void Generic<T>(T network, float[] x, float[] outputs, int maxThreads)
            where T : class, INetwork<T> => network.PredictBatch(x, outputs, maxThreads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void PredictBatch_allocates_nothing_after_warm_up(int maxThreads)
    {
        var net = new WideDigitClassifier(seed: 1);
        float[] x = KernelTestValues.Uniform(Big * WideDigitClassifier.InputSize, seed: 9);
        var outputs = new float[Big * WideDigitClassifier.OutputSize];
        // Warm-up: the work object, this thread's shard record and scratch, and (at 2) the worker and its scratch.
        net.PredictBatch(x, outputs, maxThreads);
        Assert.Equal(maxThreads, Widest(() => net.PredictBatch(x, outputs, maxThreads)));
        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(10, () =>
        {
            net.PredictBatch(x, outputs, maxThreads);
        }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_below_one_is_refused_naming_maxThreads(int maxThreads)
    {
        var net = new WideDigitClassifier(seed: 1);
        var outputs = new float[WideDigitClassifier.OutputSize];
        outputs[0] = 42f;

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => net.PredictBatch(new float[WideDigitClassifier.InputSize], outputs, maxThreads));

        Assert.Equal("maxThreads", refused.ParamName);
        Assert.Equal(maxThreads, refused.ActualValue);
        Assert.StartsWith($"Expected maxThreads in [1, ∞) but found {maxThreads}.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(42f, outputs[0]); // refused before anything was written
        Assert.Throws<ArgumentOutOfRangeException>(() => net.PredictBatch(ReadOnlySpan<float>.Empty, Span<float>.Empty, maxThreads));
    }

    private static (float[] Outputs, int Widest) Batch<T>(T net, float[] x, int maxThreads)
        where T : class, INetwork<T>
    {
        var outputs = new float[x.Length / T.InputSize * T.OutputSize];
        Array.Fill(outputs, float.NaN); // every output must be written, whichever thread owns it
        int widest = Widest(() => net.PredictBatch(x, outputs, maxThreads));
        return (outputs, widest);
    }

    private static float[] PredictEach<T>(T net, float[] x)
        where T : class, INetwork<T>
    {
        int samples = x.Length / T.InputSize;
        var outputs = new float[samples * T.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            net.Predict(x.AsSpan(s * T.InputSize, T.InputSize), outputs.AsSpan(s * T.OutputSize, T.OutputSize));
        }

        return outputs;
    }

    /// <summary>Runs <paramref name="action"/> on this thread; returns the most shards it asked ShardRunner for.</summary>
    private static int Widest(Action action)
    {
        ShardRunner.ResetWidestRun();
        action();
        return ShardRunner.WidestRunOnThisThread;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: output {i} is {actual[i]:R}, Predict gives {expected[i]:R}");
        }
    }
}
