using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// The schedules against Keras' formulas worked out here in double, their use by an optimizer (evaluated before each
/// step at Iterations, 0 for the first), their argument checks, and ReduceLearningRateOnPlateau against Keras'
/// ReduceLROnPlateau rules.
/// </summary>
public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExponentialDecay_is_initial_times_rate_to_the_step_over_decay_steps(bool staircase)
    {
        var schedule = new ExponentialDecay(0.1f, decaySteps: 10, decayRate: 0.5f, staircase);
        foreach (long step in new long[] { 0, 1, 9, 10, 15, 20, 1000 })
        {
            double exponent = staircase ? Math.Floor(step / 10.0) : step / 10.0;
            Assert.Equal(0.1f * Math.Pow(0.5, exponent), schedule.Evaluate(step), 1e-12);
        }
    }

    [Fact]
    public void PiecewiseConstantDecay_changes_after_each_boundary_inclusive()
    {
        var schedule = new PiecewiseConstantDecay([100, 200], [0.1f, 0.01f, 0.001f]);
        Assert.Equal(0.1f, (float)schedule.Evaluate(0));
        Assert.Equal(0.1f, (float)schedule.Evaluate(100)); // Keras: values[0] while step ≤ boundaries[0]
        Assert.Equal(0.01f, (float)schedule.Evaluate(101));
        Assert.Equal(0.01f, (float)schedule.Evaluate(200));
        Assert.Equal(0.001f, (float)schedule.Evaluate(201));
        Assert.Equal(0.001f, (float)schedule.Evaluate(1_000_000));
    }

    [Fact]
    public void CosineDecay_without_warmup_follows_the_half_cosine_to_alpha_then_stays()
    {
        var schedule = new CosineDecay(0.2f, decaySteps: 50, alpha: 0.1f);
        foreach (long step in new long[] { 0, 1, 25, 49, 50, 80 })
        {
            double fraction = Math.Min(step, 50) / 50.0;
            double expected = 0.2f * ((0.9f * 0.5 * (1 + Math.Cos(Math.PI * fraction))) + 0.1f);
            Assert.Equal(expected, schedule.Evaluate(step), 1e-9);
        }

        Assert.Equal(0.2f, (float)schedule.Evaluate(0));
        Assert.Equal(0.02f, (float)schedule.Evaluate(50), 1e-7);
    }

    [Fact]
    public void CosineDecay_with_warmup_rises_linearly_then_decays_from_the_target()
    {
        var schedule = new CosineDecay(0f, decaySteps: 100, alpha: 0f, warmupTarget: 0.1f, warmupSteps: 10);
        Assert.Equal(0.0, schedule.Evaluate(0));
        Assert.Equal(0.1f * 3 / 10.0, schedule.Evaluate(3), 1e-9);
        Assert.Equal(0.1f, (float)schedule.Evaluate(10)); // the top: the decay starts here
        Assert.Equal(0.1f * 0.5 * (1 + Math.Cos(Math.PI * 40 / 100)), schedule.Evaluate(50), 1e-9);
        Assert.Equal(0.0, schedule.Evaluate(110), 1e-12);
        Assert.Equal(0.0, schedule.Evaluate(5000), 1e-12);
    }

    [Fact]
    public void An_optimizer_takes_each_step_at_the_rate_of_its_schedule()
    {
        // Plain SGD: θ ← θ − α(t)·g with g = 1, so each step moves θ by exactly the scheduled rate.
        var schedule = new PiecewiseConstantDecay([1, 3], [0.5f, 0.25f, 0.125f]);
        var sgd = new Sgd(learningRate: 9f) { Schedule = schedule };
        float[] theta = [0f];
        float[] moves = new float[5];
        for (int t = 0; t < 5; t++)
        {
            float before = theta[0];
            sgd.Step(theta, [1f]);
            moves[t] = before - theta[0];
            Assert.Equal((float)schedule.Evaluate(t), sgd.LearningRate); // the rate of the step just taken
        }

        Assert.Equal([0.5f, 0.5f, 0.25f, 0.25f, 0.125f], moves);
    }

    [Fact]
    public void Fit_with_a_schedule_ends_at_the_scheduled_rate_of_its_last_step()
    {
        (float[] x, int[] labels) = Dendrite.Tests.Training.SyntheticData.Spiral(perClass: 10, seed: 1);
        var optimizer = new Adam { Schedule = new ExponentialDecay(0.01f, decaySteps: 2, decayRate: 0.5f) };
        new Dendrite.Tests.Networks.SpiralClassifier(seed: 1).Fit(x, labels, new FitOptions { Epochs = 2, BatchSize = 10, Optimizer = optimizer });

        Assert.Equal(6, optimizer.Iterations); // 30 samples in batches of 10, twice
        Assert.Equal((float)(0.01f * Math.Pow(0.5, 5 / 2.0)), optimizer.LearningRate);
    }

    [Fact]
    public void Schedules_refuse_bad_arguments_naming_them()
    {
        Check<ArgumentOutOfRangeException>(() => new ExponentialDecay(0f, 10, 0.5f), "initialLearningRate", "found 0");
        Check<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1f, 0, 0.5f), "decaySteps", "found 0");
        Check<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1f, 10, float.NaN), "decayRate", "found NaN");
        Check<ArgumentException>(() => new PiecewiseConstantDecay([10], [0.1f]), "values", "Expected 2 values");
        Check<ArgumentException>(() => new PiecewiseConstantDecay([10, 10], [0.1f, 0.2f, 0.3f]), "boundaries", "found 10");
        Check<ArgumentException>(() => new PiecewiseConstantDecay([-1], [0.1f, 0.2f]), "boundaries", "found -1");
        Check<ArgumentOutOfRangeException>(() => new PiecewiseConstantDecay([5], [0.1f, -0.2f]), "values[1]", "found -0.2");
        Check<ArgumentOutOfRangeException>(() => new CosineDecay(0f, 10), "initialLearningRate", "found 0");
        Check<ArgumentOutOfRangeException>(() => new CosineDecay(0.1f, 0), "decaySteps", "found 0");
        Check<ArgumentOutOfRangeException>(() => new CosineDecay(0.1f, 10, alpha: 1.5f), "alpha", "found 1.5");
        Check<ArgumentOutOfRangeException>(() => new CosineDecay(0f, 10, warmupTarget: 0f, warmupSteps: 5), "warmupTarget", "found 0");
        Check<ArgumentOutOfRangeException>(() => new CosineDecay(0f, 10, warmupTarget: 0.1f, warmupSteps: -1), "warmupSteps", "found -1");
        Check<ArgumentException>(() => new CosineDecay(0.1f, 10, warmupSteps: 5), "warmupTarget", "found none");
    }

    [Fact]
    public void Plateau_reduces_the_rate_by_factor_after_patience_then_waits_out_the_cooldown()
    {
        var optimizer = new Sgd(learningRate: 1f);
        ITrainingCallback plateau = new ReduceLearningRateOnPlateau { Monitor = Metric.Loss, Factor = 0.5f, Patience = 2, Cooldown = 2, MinDelta = 0.01, MinLearningRate = 0.2f };
        plateau.OnTrainingStart(new TrainingPlan(20, 1, 10, 0, AccuracyKind.None), new TrainingContext(optimizer));

        // Loss per epoch, and the rate Keras' ReduceLROnPlateau leaves after that epoch.
        (double Loss, float Rate)[] epochs =
        [
            (1.0, 1f),     // best 1.0
            (0.995, 1f),   // not better by min_delta: wait 1
            (0.999, 0.5f), // wait 2 = patience: × 0.5, cooldown 2, wait 0
            (0.998, 0.5f), // cooldown 2 → 1: still cooling down, no waiting
            (0.997, 0.5f), // cooldown 1 → 0, then (as Keras) counts: wait 1
            (0.5, 0.5f),   // improves: best 0.5, wait 0
            (0.6, 0.5f),   // wait 1
            (0.6, 0.25f),  // wait 2: × 0.5, cooldown 2
            (0.6, 0.25f),  // cooling down
            (0.6, 0.25f),  // wait 1
            (0.6, 0.2f),   // wait 2: 0.125 is below min_lr, so 0.2
            (0.6, 0.2f),   // cooling down
            (0.6, 0.2f),   // wait 1
            (0.6, 0.2f),   // wait 2, but the rate is already min_lr: unchanged
        ];
        for (int e = 0; e < epochs.Length; e++)
        {
            plateau.OnEpochEnd(new EpochResult(e + 1, epochs[e].Loss, null, null, null, TimeSpan.Zero));
            Assert.True(epochs[e].Rate == optimizer.LearningRate, $"after epoch {e + 1}: expected rate {epochs[e].Rate}, found {optimizer.LearningRate}");
        }

        Assert.Equal(3, ((ReduceLearningRateOnPlateau)plateau).Reductions);
    }

    [Fact]
    public void Plateau_in_Fit_reaches_the_optimizer_and_defaults_are_keras_defaults()
    {
        var defaults = new ReduceLearningRateOnPlateau();
        Assert.Equal((Metric.ValidationLoss, 0.1f, 10, 1e-4, 0, 0f), (defaults.Monitor, defaults.Factor, defaults.Patience, defaults.MinDelta, defaults.Cooldown, defaults.MinLearningRate));

        // Learning rate so small that nothing improves by min_delta 10: every epoch past patience 0 reduces.
        (float[] x, int[] labels) = Dendrite.Tests.Training.SyntheticData.Spiral(perClass: 10, seed: 1);
        var optimizer = new Adam(learningRate: 0.001f);
        var plateau = new ReduceLearningRateOnPlateau { Patience = 0, MinDelta = 10 };
        new Dendrite.Tests.Networks.SpiralClassifier(seed: 1).Fit(x, labels, new FitOptions { Epochs = 3, ValidationSplit = 0.2f, Optimizer = optimizer, Callbacks = [plateau] });

        Assert.Equal(2, plateau.Reductions); // epoch 1 sets the best; epochs 2 and 3 do not improve by 10
        Assert.Equal(1e-5, optimizer.LearningRate, 1e-10);
    }

    [Fact]
    public void Plateau_refuses_bad_settings_and_setups()
    {
        Check<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau { Factor = 1f }, "Factor", "found 1");
        Check<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau { Factor = 0f }, "Factor", "found 0");
        Check<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau { Patience = -1 }, "Patience", "found -1");
        Check<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau { MinDelta = double.NaN }, "MinDelta", "found NaN");
        Check<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau { Cooldown = -2 }, "Cooldown", "found -2");
        Check<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau { MinLearningRate = -1f }, "MinLearningRate", "found -1");
        Check<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau { Monitor = (Metric)9 }, "Monitor", "found 9");

        ITrainingCallback plateau = new ReduceLearningRateOnPlateau();
        var noValidation = new TrainingPlan(1, 1, 10, 0, AccuracyKind.Categorical);
        Assert.Contains("needs ValidationSplit", Assert.Throws<InvalidOperationException>(() => plateau.OnTrainingStart(noValidation, new TrainingContext(new Adam()))).Message, StringComparison.Ordinal);
        var scheduled = new Adam { Schedule = new ExponentialDecay(0.1f, 10, 0.5f) };
        Assert.Contains("Schedule", Assert.Throws<InvalidOperationException>(() => plateau.OnTrainingStart(new TrainingPlan(1, 1, 10, 5, AccuracyKind.Categorical), new TrainingContext(scheduled))).Message, StringComparison.Ordinal);
    }

    private static void Check<TException>(Func<object> create, string name, string found)
        where TException : ArgumentException
    {
        TException error = Assert.Throws<TException>(create);
        Assert.Equal(name, error.ParamName);
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
    }
}
