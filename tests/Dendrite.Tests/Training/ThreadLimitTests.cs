using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// The thread limit belongs to a training run (<see cref="FitOptions.MaxThreads"/>, the <see cref="TrainingSession{TNetwork}"/>
/// constructor), not to the process: two models trained at the same time keep their own limits, and the weights do
/// not depend on the limit. What a step ran on is read from <c>ShardRunner.WidestRunOnThisThread</c>: generated code
/// hands work to another thread only through <see cref="ShardRunner.Run"/>, which records the widest split asked
/// for on the calling thread.
/// </summary>
[Collection(nameof(ThreadSettingCollection))] // one test sets Parallelism.DefaultMaxThreads
public sealed class ThreadLimitTests
{
    private const int Batch = 103; // 103 × 40,065 multiply-adds: enough for 2 threads (BlockedKernelTests)
    private const int Steps = 12;

    [Fact]
    public void Two_sessions_with_limits_1_and_2_train_concurrently_to_the_weights_each_reaches_alone()
    {
        (float[] x, int[] labels) = Data();
        float[] alone = TrainAlone(x, labels, maxThreads: 1, out int aloneWidest);
        Assert.True(aloneWidest <= 1, $"a session limited to 1 thread asked for {aloneWidest} shards");

        var one = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 3), new Adam(), maxThreads: 1);
        var two = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 3), new Adam(), maxThreads: 2);
        using var start = new Barrier(2);
        int widestOne = -1, widestTwo = -1;
        RunConcurrently(() => widestOne = Train(one, x, labels, start), () => widestTwo = Train(two, x, labels, start));

        Assert.True(widestOne <= 1, $"the session limited to 1 thread asked for {widestOne} shards while another trained with 2");
        Assert.Equal(2, widestTwo); // the other one really split its steps
        Assert.True(one.Network.Parameters.SequenceEqual(alone), "the 1-thread session's weights differ from training it alone");
        Assert.True(two.Network.Parameters.SequenceEqual(alone), "the 2-thread session's weights differ from the 1-thread ones");
        Assert.False(alone.AsSpan().SequenceEqual(new ShardedClassifier(seed: 3).Parameters), "training did not change the weights");
    }

    [Fact]
    public void Two_Fit_calls_with_limits_1_and_2_run_concurrently_to_bit_identical_weights()
    {
        (float[] x, int[] labels) = Data();
        var single = new ShardedClassifier(seed: 4);
        var dual = new ShardedClassifier(seed: 4);
        RunConcurrently(
            () => single.Fit(x, labels, new FitOptions { Epochs = 3, BatchSize = Batch, Seed = 2, MaxThreads = 1 }),
            () => dual.Fit(x, labels, new FitOptions { Epochs = 3, BatchSize = Batch, Seed = 2, MaxThreads = 2 }));

        Assert.True(single.Parameters.SequenceEqual(dual.Parameters), "limits 1 and 2 trained to different weights");
        Assert.False(single.Parameters.SequenceEqual(new ShardedClassifier(seed: 4).Parameters), "training did not change the weights");
    }

    [Fact]
    public void A_session_without_a_limit_follows_the_process_default_and_one_with_a_limit_ignores_it()
    {
        (float[] x, int[] labels) = Data();
        var following = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 1), new Adam());
        var limited = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 1), new Adam(), maxThreads: 2);

        (int followingWidest, int limitedWidest) = ThreadSettings.WithDefaultMaxThreads(1, () =>
            (WidestStep(following, x, labels), WidestStep(limited, x, labels)));
        int followingAtTwo = ThreadSettings.WithDefaultMaxThreads(2, () => WidestStep(following, x, labels));

        Assert.Null(following.MaxThreads);
        Assert.Equal(2, limited.MaxThreads);
        Assert.True(followingWidest <= 1, $"with a default of 1 the session asked for {followingWidest} shards");
        Assert.Equal(2, limitedWidest);
        Assert.Equal(2, followingAtTwo);
    }

    [Fact]
    public void The_limit_holds_only_inside_the_step()
    {
        (float[] x, int[] labels) = Data();
        var session = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 1), new Adam(), maxThreads: 1);
        int before = Parallelism.CurrentMaxThreads;

        session.Step(x, TargetBatch.FromLabels(labels));

        Assert.Equal(before, Parallelism.CurrentMaxThreads);
        Assert.Equal(Parallelism.DefaultMaxThreads, Parallelism.CurrentMaxThreads);
        Assert.Null(new FitOptions().MaxThreads);
    }

    /// <summary>Runs both actions on two new threads at the same time; rethrows the first failure.</summary>
    private static void RunConcurrently(Action first, Action second)
    {
        Exception? failure = null;
        Thread[] threads = [new(() => Capture(first)), new(() => Capture(second))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("A concurrent training run failed.", failure);
        }

        void Capture(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }
    }

    private static float[] TrainAlone(float[] x, int[] labels, int maxThreads, out int widest)
    {
        var session = new TrainingSession<ShardedClassifier>(new ShardedClassifier(seed: 3), new Adam(), maxThreads);
        widest = Train(session, x, labels, start: null);
        return session.Network.Parameters.ToArray();
    }

    /// <summary><see cref="Steps"/> steps on the calling thread; returns the widest split they asked for.</summary>
    private static int Train(TrainingSession<ShardedClassifier> session, float[] x, int[] labels, Barrier? start)
    {
        start?.SignalAndWait();
        ShardRunner.ResetWidestRun();
        for (int i = 0; i < Steps; i++)
        {
            session.Step(x, TargetBatch.FromLabels(labels));
        }

        return ShardRunner.WidestRunOnThisThread;
    }

    private static int WidestStep(TrainingSession<ShardedClassifier> session, float[] x, int[] labels)
    {
        ShardRunner.ResetWidestRun();
        session.Step(x, TargetBatch.FromLabels(labels));
        return ShardRunner.WidestRunOnThisThread;
    }

    private static (float[] X, int[] Labels) Data()
    {
        var random = new Random(11);
        float[] x = Enumerable.Range(0, Batch * ShardedClassifier.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, Batch).Select(s => (s * 3) % ShardedClassifier.OutputSize).ToArray();
        return (x, labels);
    }
}
