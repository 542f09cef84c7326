using System.Globalization;

namespace Dendrite.Benchmarks;

/// <summary>
/// What one <c>Fit</c> call costs besides its epochs (<c>fit-setup [threads] [rounds]</c>, Stopwatch, development
/// only): a call's buffers, its session and its shuffle order. For workload A over the 1,920 images
/// <see cref="FitBenchmarks"/> uses, the least of <c>rounds</c> alternations of: the 60 bare steps; one one-epoch
/// <c>Fit</c>; one ten-epoch <c>Fit</c> ÷ 10; the same two without shuffling (no batch copy); and a <c>Fit</c> of a
/// single batch beside a single step, where the call's set-up is most of the time (the least of the rounds' means
/// of 500 calls in a row, so that the collections a call's allocations bring on count). A one-epoch call less the
/// ten-epoch call's per-epoch time is what a program pays that calls <c>Fit</c> once per epoch.
/// </summary>
internal static class FitSetupTiming
{
    private const int OneBatchCalls = 500;

    public static void Run(int threads, int rounds)
    {
        (float[] images, int[] labels) = FashionMnist.Load(FitBenchmarks.CachedSamples);
        int batch = WorkloadShape.A.BatchSize;
        int pixels = WorkloadA.InputSize;
        AlignedBuffer aligned = AlignedBuffer.CopyOf(images);
        var stepped = new TrainingSession<WorkloadA>(new WorkloadA(seed: 1), new Adam(0.001f), maxThreads: threads);
        var fitted = new WorkloadA(seed: 1);
        var optimizer = new Adam(0.001f);
        float[] oneBatch = images.AsSpan(0, batch * pixels).ToArray();
        int[] oneBatchLabels = labels.AsSpan(0, batch).ToArray();
        FitOptions Options(int epochs, bool shuffle) => new()
        {
            Epochs = epochs,
            BatchSize = batch,
            Optimizer = optimizer,
            MaxThreads = threads,
            Seed = 1,
            Shuffle = shuffle,
            Verbosity = Verbosity.Silent,
        };

        double steps = double.MaxValue, fit1 = double.MaxValue, fit10 = double.MaxValue;
        double plain1 = double.MaxValue, plain10 = double.MaxValue, oneStep = double.MaxValue, oneStepFit = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            steps = Math.Min(steps, SecondRunMilliseconds(() =>
            {
                for (int start = 0; start < images.Length / pixels; start += batch)
                {
                    stepped.Step(aligned.Span.Slice(start * pixels, batch * pixels), TargetBatch.FromLabels(labels.AsSpan(start, batch)));
                }
            }));
            fit1 = Math.Min(fit1, SecondRunMilliseconds(() => fitted.Fit(images, labels, Options(1, shuffle: true))));
            fit10 = Math.Min(fit10, SecondRunMilliseconds(() => fitted.Fit(images, labels, Options(10, shuffle: true))) / 10);
            plain1 = Math.Min(plain1, SecondRunMilliseconds(() => fitted.Fit(images, labels, Options(1, shuffle: false))));
            plain10 = Math.Min(plain10, SecondRunMilliseconds(() => fitted.Fit(images, labels, Options(10, shuffle: false))) / 10);
            // Means of back-to-back calls, not minima: what a call's allocations cost shows partly in the
            // collections they bring on, which a minimum leaves out.
            oneStep = Math.Min(oneStep, SecondRunMilliseconds(() =>
            {
                for (int i = 0; i < OneBatchCalls; i++)
                {
                    stepped.Step(aligned.Span[..(batch * pixels)], TargetBatch.FromLabels(labels.AsSpan(0, batch)));
                }
            }) / OneBatchCalls);
            oneStepFit = Math.Min(oneStepFit, SecondRunMilliseconds(() =>
            {
                for (int i = 0; i < OneBatchCalls; i++)
                {
                    fitted.Fit(oneBatch, oneBatchLabels, Options(1, shuffle: true));
                }
            }) / OneBatchCalls);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A threads={threads}: steps {steps:F3} ms | shuffled: Fit(1) {fit1:F3} ({fit1 / steps:F3}), Fit(10)/10 {fit10:F3} ({fit10 / steps:F3}) | in order: Fit(1) {plain1:F3} ({plain1 / steps:F3}), Fit(10)/10 {plain10:F3} ({plain10 / steps:F3})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A threads={threads}: one batch, mean of {OneBatchCalls} calls in a row: step {oneStep * 1000:F1} µs, Fit {oneStepFit * 1000:F1} µs"));
    }

    /// <summary>
    /// The time of a second run of <paramref name="action"/> right after a first: each case is timed with its own network,
    /// optimizer state and buffers in the cache, as BenchmarkDotNet's repeated calls have them, not those of the case
    /// before it (timed first, a one-epoch Fit after the bare steps' loop paid 0.2–0.3 ms of cache misses).
    /// </summary>
    private static double SecondRunMilliseconds(Action action)
    {
        action();
        return FitBenchmarks.Milliseconds(action);
    }
}
