using Dendrite.Tests.Cnn;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// <c>Predict(input, output, maxThreads)</c> with 2 threads hands half of a large first layer (and of a large second
/// layer after it) to a helper thread when it is free (FirstLayerSharing). Whichever thread computes a part, the outputs
/// are the bits of <c>Predict(input, output)</c>, also when several threads predict at once, and the helper really takes
/// parts once calls follow each other.
/// </summary>
[Collection(nameof(ThreadSettingCollection))] // measures allocation
public sealed class PredictSharingTests
{
    /// <summary>784-256-128-10 shares both layers 1 and 2 (32,768 weights, FirstLayerSharing.MinimumSecondLayerWeights).</summary>
    [Fact]
    public void Two_threads_give_the_bits_of_one_and_the_helper_takes_part_1() =>
        TwoThreadsGiveTheBitsOfOne(new WideDigitClassifier(seed: 3));

    [Fact]
    public void Two_shared_layers_at_odd_sizes_give_the_bits_of_one_thread() =>
        TwoThreadsGiveTheBitsOfOne(new TwoSharedLayersNet(seed: 3));

    /// <summary>
    /// A first layer followed by BatchNormalization is shared too: the normalisation scales and shifts layer 1's output
    /// once both parts are written, with moving statistics away from their initial 0 and 1.
    /// </summary>
    [Fact]
    public void A_normalised_network_shares_its_first_layer_with_the_bits_of_one_thread()
    {
        var net = new Normalization.NormalizedWideDenseNet(seed: 4);
        Span<float> state = net.NonTrainableParameters;
        var random = new Random(6);
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = i < state.Length / 2 ? (float)(random.NextDouble() - 0.5) : 0.5f + (float)random.NextDouble(); // means, then variances
        }

        TwoThreadsGiveTheBitsOfOne(net);
    }

    private static void TwoThreadsGiveTheBitsOfOne<T>(T net)
        where T : class, INetwork<T>
    {
        float[][] inputs = Enumerable.Range(0, 64).Select(i => KernelTestValues.Uniform(T.InputSize, seed: i)).ToArray();
        float[][] expected = inputs.Select(x => PredictAlone(net, x)).ToArray();

        long helperBefore = FirstLayerSharing.PartsRunByHelper;
        var output = new float[T.OutputSize];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int calls = 0;
        do
        {
            // Back to back, so the helper (woken by the first call) stays awake and claims parts.
            for (int i = 0; i < inputs.Length; i++, calls++)
            {
                Array.Fill(output, float.NaN);
                net.Predict(inputs[i], output, maxThreads: 2);
                AssertSameBits(expected[i], output, $"sample {i}, call {calls}");
            }
        }
        while (FirstLayerSharing.PartsRunByHelper == helperBefore && DateTime.UtcNow < deadline);

        if (Environment.ProcessorCount > 1)
        {
            Assert.True(FirstLayerSharing.PartsRunByHelper > helperBefore, $"the helper took no part in {calls} calls");
        }
    }

    [Fact]
    public void Concurrent_callers_each_get_their_own_sample_s_bits()
    {
        var net = new WideDigitClassifier(seed: 5);
        var other = new WideDigitClassifier(seed: 6);
        float[][] inputs = Enumerable.Range(0, 16).Select(i => KernelTestValues.Uniform(WideDigitClassifier.InputSize, seed: 100 + i)).ToArray();
        float[][] expected = inputs.Select(x => PredictAlone(net, x)).ToArray();
        float[][] expectedOther = inputs.Select(x => PredictAlone(other, x)).ToArray();

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            var output = new float[WideDigitClassifier.OutputSize];
            for (int call = 0; call < 400; call++)
            {
                int i = (call + (thread * 5)) % inputs.Length;
                bool useOther = (call + thread) % 3 == 0;
                (useOther ? other : net).Predict(inputs[i], output, maxThreads: 2);
                AssertSameBits(useOther ? expectedOther[i] : expected[i], output, $"thread {thread}, call {call}");
            }
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_limit_below_one_is_refused_naming_maxThreads(int maxThreads)
    {
        foreach (Action call in new Action[]
        {
            () => new WideDigitClassifier(seed: 1).Predict(new float[784], new float[10], maxThreads), // shares layer 1
            () => new DigitClassifier(seed: 1).Predict(new float[784], new float[10], maxThreads), // layer 1 too small to share
            () => new FashionCnn(seed: 1).Predict(new float[784], new float[10], maxThreads), // not a Dense first layer
        })
        {
            var refused = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal("maxThreads", refused.ParamName);
            Assert.Equal(maxThreads, refused.ActualValue);
            Assert.StartsWith($"Expected maxThreads in [1, ∞) but found {maxThreads}.", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Wrong_lengths_are_refused_before_maxThreads_is_read()
    {
        var net = new WideDigitClassifier(seed: 1);
        var refused = Assert.Throws<ArgumentException>(() => net.Predict(new float[783], new float[10], maxThreads: 2));
        Assert.Equal("input", refused.ParamName);
        refused = Assert.Throws<ArgumentException>(() => net.Predict(new float[784], new float[9], maxThreads: 2));
        Assert.Equal("output", refused.ParamName);
    }

    [Fact]
    public void Networks_that_do_not_share_give_the_bits_of_Predict_at_every_limit()
    {
        var digits = new DigitClassifier(seed: 4);
        var cnn = new FashionCnn(seed: 4);
        float[] x = KernelTestValues.Uniform(784, seed: 11);
        foreach (int maxThreads in new[] { 1, 2, 8 })
        {
            AssertSameBits(PredictAlone(digits, x), PredictWith(digits, x, maxThreads), $"digits, {maxThreads}");
            AssertSameBits(PredictAlone(cnn, x), PredictWith(cnn, x, maxThreads), $"cnn, {maxThreads}");
        }
    }

    [Fact]
    public void Through_INetwork_the_generated_method_runs()
    {
        var net = new WideDigitClassifier(seed: 8);
        float[] x = KernelTestValues.Uniform(784, seed: 12);
        INetwork<WideDigitClassifier> asInterface = net;
        var output = new float[10];
        asInterface.Predict(x, output, 2);
        AssertSameBits(PredictAlone(net, x), output, "through INetwork");
        Assert.Throws<ArgumentOutOfRangeException>(() => asInterface.Predict(x, output, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Predict_with_maxThreads_allocates_nothing_after_warm_up(int maxThreads)
    {
        var net = new WideDigitClassifier(seed: 1);
        float[] x = KernelTestValues.Uniform(784, seed: 13);
        var output = new float[10];
        net.Predict(x, output, maxThreads); // the parts object, the helper thread, this thread's scratch
        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(200, () => net.Predict(x, output, maxThreads)));
    }

    [Fact]
    public void Each_part_runs_exactly_once_per_call_whoever_runs_it()
    {
        var parts = new CountingParts();
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, _ =>
        {
            var activations = new float[4];
            for (int call = 0; call < 2000; call++)
            {
                Array.Fill(activations, float.NaN);
                FirstLayerSharing.Run(parts, [1f, 2f], activations);
                Assert.Equal([10f, 10f, 20f, 20f], activations); // both parts written before Run returned
            }
        });

        Assert.Equal(6000, parts.Runs(0));
        Assert.Equal(6000, parts.Runs(1));
    }

    [Fact]
    public void A_part_that_throws_reaches_the_caller_and_later_calls_still_work()
    {
        // Part 0 takes a while, so the helper, once awake, claims part 1 and its exception crosses threads.
        var failing = new FailingParts();
        long helperBefore = FirstLayerSharing.PartsRunByHelper;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int calls = 0;
        while (calls < 200 || (Environment.ProcessorCount > 1 && FirstLayerSharing.PartsRunByHelper == helperBefore && DateTime.UtcNow < deadline))
        {
            var thrown = Assert.Throws<InvalidOperationException>(() => FirstLayerSharing.Run(failing, [1f], new float[2]));
            Assert.Equal("part 1 failed", thrown.Message);
            calls++;
        }

        if (Environment.ProcessorCount > 1)
        {
            Assert.True(FirstLayerSharing.PartsRunByHelper > helperBefore, $"the helper took no part in {calls} calls");
        }

        var net = new WideDigitClassifier(seed: 9);
        float[] x = KernelTestValues.Uniform(784, seed: 14);
        AssertSameBits(PredictAlone(net, x), PredictWith(net, x, maxThreads: 2), "after the failures");
    }

    [Fact]
    public void When_part_0_throws_part_1_is_not_running_once_the_call_returns()
    {
        // Part 0 waits until part 1 has started (or briefly, when this thread claims it), then throws: Run must not
        // return while the helper still runs part 1 over the caller's pinned spans.
        var parts = new Part0FailsWhilePart1Runs();
        long helperBefore = FirstLayerSharing.PartsRunByHelper;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int calls = 0;
        while (calls < 100 || (Environment.ProcessorCount > 1 && FirstLayerSharing.PartsRunByHelper == helperBefore && DateTime.UtcNow < deadline))
        {
            var thrown = Assert.Throws<InvalidOperationException>(() => FirstLayerSharing.Run(parts, [1f], new float[2]));
            Assert.Equal("part 0 failed", thrown.Message);
            Assert.Equal(0, parts.Part1Running);
            calls++;
        }

        if (Environment.ProcessorCount > 1)
        {
            Assert.True(FirstLayerSharing.PartsRunByHelper > helperBefore, $"the helper took no part in {calls} calls");
        }
    }

    [Fact]
    public void Each_part_of_two_layers_runs_exactly_once_and_layer_2_reads_all_of_layer_1()
    {
        var parts = new CountingTwoLayerParts();
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, _ =>
        {
            var first = new float[4];
            var second = new float[2];
            for (int call = 0; call < 2000; call++)
            {
                Array.Fill(first, float.NaN);
                Array.Fill(second, float.NaN);
                FirstLayerSharing.Run(parts, [1f, 2f], first, second);
                Assert.Equal([10f, 10f, 20f, 20f], first);
                Assert.Equal([61f, 62f], second); // each part of layer 2 summed all four values of layer 1
            }
        });

        for (int part = 0; part < 4; part++)
        {
            Assert.Equal(6000, parts.Runs(part));
        }
    }

    /// <summary>
    /// Whichever of the four parts throws, on whichever thread, the caller gets that exception, and only once no part of
    /// the call is running any more (they read its pinned spans); a failed half of layer 1 means no part of layer 2 runs.
    /// </summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    public void A_failing_part_of_two_layers_reaches_the_caller_after_every_part_has_stopped(int layer, int part)
    {
        var parts = new FailingTwoLayerParts(layer, part);
        long helperBefore = FirstLayerSharing.PartsRunByHelper;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int calls = 0;
        while (calls < 100 || (Environment.ProcessorCount > 1 && FirstLayerSharing.PartsRunByHelper == helperBefore && DateTime.UtcNow < deadline))
        {
            var thrown = Assert.Throws<InvalidOperationException>(() => FirstLayerSharing.Run(parts, [1f], new float[2], new float[2]));
            Assert.Equal($"layer {layer} part {part} failed", thrown.Message);
            Assert.Equal(0, parts.Running);
            calls++;
        }

        if (layer == 1)
        {
            Assert.Equal(0, parts.SecondLayerRuns);
        }

        if (Environment.ProcessorCount > 1)
        {
            Assert.True(FirstLayerSharing.PartsRunByHelper > helperBefore, $"the helper took no part in {calls} calls");
        }

        var net = new WideDigitClassifier(seed: 9);
        float[] x = KernelTestValues.Uniform(784, seed: 15);
        AssertSameBits(PredictAlone(net, x), PredictWith(net, x, maxThreads: 2), "after the failures");
    }

    /// <summary>
    /// Part p of layer 1 writes 10·(p + 1) into its half; part p of layer 2 writes the sum of all of layer 1 plus
    /// p + 1 into its value, so a part that ran before both halves of layer 1 were written gives NaN.
    /// </summary>
    private sealed class CountingTwoLayerParts() : CountingParts(counters: 4), IFirstTwoLayerParts
    {
        public void ForwardSecondLayerPart(ReadOnlySpan<float> firstLayerActivations, Span<float> activations, int part)
        {
            float sum = 0f;
            foreach (float value in firstLayerActivations)
            {
                sum += value;
            }

            activations[part] = sum + part + 1;
            Count(2 + part);
        }
    }

    /// <summary>
    /// Every part spins a little, so the threads' parts overlap; part 0 of layer 1 first waits briefly for part 1 to
    /// start, so that the helper, once awake, takes it. The chosen part throws.
    /// </summary>
    private sealed class FailingTwoLayerParts(int failingLayer, int failingPart) : IFirstTwoLayerParts
    {
        private int _running;
        private int _firstLayerPart1Started;
        private int _secondLayerRuns;

        public int Running => Volatile.Read(ref _running);

        public int SecondLayerRuns => Volatile.Read(ref _secondLayerRuns);

        public void ForwardFirstLayerPart(ReadOnlySpan<float> input, Span<float> activations, int part)
        {
            if (part == 0)
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (Volatile.Read(ref _firstLayerPart1Started) == 0 && waited.Elapsed.TotalMilliseconds < 0.2)
                {
                    Thread.SpinWait(10);
                }

                Volatile.Write(ref _firstLayerPart1Started, 0);
            }
            else
            {
                Volatile.Write(ref _firstLayerPart1Started, 1);
            }

            Run(1, part);
        }

        public void ForwardSecondLayerPart(ReadOnlySpan<float> firstLayerActivations, Span<float> activations, int part)
        {
            Interlocked.Increment(ref _secondLayerRuns);
            Run(2, part);
        }

        private void Run(int layer, int part)
        {
            Interlocked.Increment(ref _running);
            try
            {
                Thread.SpinWait(2_000);
                if (layer == failingLayer && part == failingPart)
                {
                    throw new InvalidOperationException($"layer {layer} part {part} failed");
                }
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private sealed class Part0FailsWhilePart1Runs : IFirstLayerParts
    {
        private int _part1Running;

        public int Part1Running => Volatile.Read(ref _part1Running);

        public void ForwardFirstLayerPart(ReadOnlySpan<float> input, Span<float> activations, int part)
        {
            if (part == 1)
            {
                Volatile.Write(ref _part1Running, 1);
                Thread.SpinWait(20_000);
                Volatile.Write(ref _part1Running, 0);
                return;
            }

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref _part1Running) == 0 && waited.Elapsed.TotalMilliseconds < 0.2)
            {
                Thread.SpinWait(10);
            }

            throw new InvalidOperationException("part 0 failed");
        }
    }

    /// <summary>Part p writes 10·(p + 1) into its half of the activations and counts its runs (counters 0 and 1; a subclass may count more).</summary>
    private class CountingParts(int counters = 2) : IFirstLayerParts
    {
        private readonly int[] _runs = new int[counters];

        public int Runs(int counter) => Volatile.Read(ref _runs[counter]);

        public void ForwardFirstLayerPart(ReadOnlySpan<float> input, Span<float> activations, int part)
        {
            Assert.Equal(2, input.Length);
            int half = activations.Length / 2;
            activations.Slice(part * half, half).Fill(10f * (part + 1));
            Count(part);
        }

        protected void Count(int counter) => Interlocked.Increment(ref _runs[counter]);
    }

    private sealed class FailingParts : IFirstLayerParts
    {
        public void ForwardFirstLayerPart(ReadOnlySpan<float> input, Span<float> activations, int part)
        {
            if (part == 1)
            {
                throw new InvalidOperationException("part 1 failed");
            }

            Thread.SpinWait(5_000);
        }
    }

    private static float[] PredictAlone<T>(T net, float[] x)
        where T : class, INetwork<T>
    {
        var output = new float[T.OutputSize];
        net.Predict(x, output);
        return output;
    }

    private static float[] PredictWith<T>(T net, float[] x, int maxThreads)
        where T : class, INetwork<T>
    {
        var output = new float[T.OutputSize];
        Array.Fill(output, float.NaN);
        net.Predict(x, output, maxThreads);
        return output;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{what}: output {i} is {actual[i]:R}, expected {expected[i]:R}");
            }
        }
    }
}
