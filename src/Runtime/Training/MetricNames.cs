using System;

namespace Dendrite;

/// <summary>
/// The Keras names of the per-epoch metrics (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, <c>val_accuracy</c>), as the
/// console report, <see cref="CsvLogger"/>'s header and <see cref="ModelCheckpoint{TNetwork}"/>'s path patterns write
/// them, and which of them a <c>Fit</c> call measures. A new <see cref="Metric"/> needs a name here and nothing else
/// in the CSV logger or the checkpoint.
/// </summary>
internal static class MetricNames
{
    /// <summary>Every metric, in the order the console report and the CSV columns list them.</summary>
    public static Metric[] All { get; } = Enum.GetValues<Metric>();

    /// <summary>"loss", "accuracy", "val_loss", "val_accuracy".</summary>
    public static string Name(Metric metric) => metric switch
    {
        Metric.Loss => "loss",
        Metric.Accuracy => "accuracy",
        Metric.ValidationLoss => "val_loss",
        Metric.ValidationAccuracy => "val_accuracy",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Expected a named Metric value."),
    };

    /// <summary>The metric called <paramref name="name"/> (ordinal, as written), or null.</summary>
    public static Metric? Parse(string name)
    {
        foreach (Metric metric in All)
        {
            if (string.Equals(Name(metric), name, StringComparison.Ordinal))
            {
                return metric;
            }
        }

        return null;
    }

    /// <summary>Whether a <c>Fit</c> call shaped like <paramref name="plan"/> measures <paramref name="metric"/> every epoch.</summary>
    public static bool IsMeasured(Metric metric, TrainingPlan plan) => metric switch
    {
        Metric.Loss => true,
        Metric.Accuracy => plan.Accuracy != AccuracyKind.None,
        Metric.ValidationLoss => plan.ValidationSamples > 0,
        Metric.ValidationAccuracy => plan.ValidationSamples > 0 && plan.Accuracy != AccuracyKind.None,
        _ => false,
    };

    /// <summary>
    /// Null when a <c>Fit</c> call shaped like <paramref name="plan"/> measures <paramref name="metric"/>; otherwise why
    /// not, as the end of a message about a callback that needs it ("which needs ValidationSplit > 0 or ValidationData").
    /// </summary>
    public static string? WhyNotMeasured(Metric metric, TrainingPlan plan) =>
        IsMeasured(metric, plan) ? null
        : metric is Metric.ValidationLoss or Metric.ValidationAccuracy && plan.ValidationSamples == 0 ? "which needs ValidationSplit > 0 or ValidationData"
        : "which a network that reports no accuracy does not measure";

    /// <summary>"loss, accuracy, val_loss, val_accuracy": for messages.</summary>
    public static string List { get; } = string.Join(", ", Array.ConvertAll(All, Name));
}
