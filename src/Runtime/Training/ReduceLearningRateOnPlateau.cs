using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Keras' <c>ReduceLROnPlateau</c> as a callback: when <see cref="Monitor"/> has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs, the optimizer's learning rate is multiplied by
/// <see cref="Factor"/> (never below <see cref="MinLearningRate"/>), then <see cref="Cooldown"/> epochs pass before
/// waiting starts again. Add it to <see cref="FitOptions.Callbacks"/>; it reaches the optimizer through
/// <see cref="TrainingContext"/>. Every value is checked where it is set (LearningRateScheduleTests).
/// </summary>
public sealed class ReduceLearningRateOnPlateau : ITrainingCallback
{
    private readonly Metric _monitor = Metric.ValidationLoss;
    private readonly float _factor = 0.1f;
    private readonly int _patience = 10;
    private readonly double _minDelta = 1e-4;
    private readonly int _cooldown;
    private readonly float _minLearningRate;

    private Optimizer? _optimizer;
    private MetricBest _best;
    private int _wait;
    private int _cooldownLeft;

    /// <summary>The metric watched, one of the named <see cref="Metric"/> values. Default: validation loss, as Keras.</summary>
    public Metric Monitor
    {
        get => _monitor;
        init => _monitor = Guard.Defined(value, nameof(Monitor));
    }

    /// <summary>The factor applied to the learning rate, in (0, 1). Default 0.1.</summary>
    public float Factor
    {
        get => _factor;
        init => _factor = value > 0f && value < 1f ? value : throw Guard.OutOfRange(nameof(Factor), value, "in (0, 1)", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Epochs without improvement before the rate is reduced, in [0, ∞). Default 10.</summary>
    public int Patience
    {
        get => _patience;
        init => _patience = Guard.AtLeast(value, 0, nameof(Patience));
    }

    /// <summary>The smallest change that counts as an improvement, finite and in [0, ∞). Default 1e-4.</summary>
    public double MinDelta
    {
        get => _minDelta;
        init => _minDelta = Guard.NonNegativeFinite(value, nameof(MinDelta));
    }

    /// <summary>Epochs after a reduction during which no epoch counts as a failure to improve, in [0, ∞). Default 0.</summary>
    public int Cooldown
    {
        get => _cooldown;
        init => _cooldown = Guard.AtLeast(value, 0, nameof(Cooldown));
    }

    /// <summary>The lowest rate a reduction gives, finite and in [0, ∞). Default 0.</summary>
    public float MinLearningRate
    {
        get => _minLearningRate;
        init => _minLearningRate = Guard.NonNegativeFinite(value, nameof(MinLearningRate));
    }

    /// <summary>Reductions made in the current (or last) <c>Fit</c> call.</summary>
    public int Reductions { get; private set; }

    /// <inheritdoc/>
    void ITrainingCallback.OnTrainingStart(TrainingPlan plan, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Optimizer.Schedule is not null)
        {
            throw new InvalidOperationException($"ReduceLearningRateOnPlateau sets the learning rate, but the optimizer's Schedule ({context.Optimizer.Schedule.GetType().Name}) sets it every step: use one or the other.");
        }

        if (MetricNames.WhyNotMeasured(Monitor, plan) is { } need)
        {
            throw new InvalidOperationException($"ReduceLearningRateOnPlateau monitors {Monitor}, {need}.");
        }

        // Keras resets on every fit: the best value, the wait and the cooldown start afresh.
        _optimizer = context.Optimizer;
        _best = new MetricBest(Monitor, MinDelta);
        _wait = 0;
        _cooldownLeft = 0;
        Reductions = 0;
    }

    /// <inheritdoc/>
    void ITrainingCallback.OnEpochEnd(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_optimizer is null)
        {
            return; // not started by Fit
        }

        // Keras' order: count down the cooldown (which clears the wait), then compare; a NaN never improves.
        double current = result.Get(Monitor) ?? double.NaN;
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _wait = 0;
        }

        if (_best.TryImprove(current))
        {
            _wait = 0;
        }
        else if (_cooldownLeft == 0)
        {
            _wait++;
            if (_wait >= Patience && _optimizer.LearningRate > MinLearningRate)
            {
                // The rate stays positive: a MinLearningRate of 0 can only be approached.
                float reduced = Math.Max(_optimizer.LearningRate * Factor, MinLearningRate);
                _optimizer.LearningRate = reduced > 0f ? reduced : float.Epsilon;
                Reductions++;
                _cooldownLeft = Cooldown;
                _wait = 0;
            }
        }
    }
}
