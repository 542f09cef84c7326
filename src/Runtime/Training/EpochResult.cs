using System;

namespace Dendrite;

/// <summary>What one epoch achieved. Accuracies are null for regressions; validation values are null without validation data.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Average training loss over the epoch's samples.</param>
/// <param name="Accuracy">Training accuracy over the epoch, measured during training as Keras does.</param>
/// <param name="ValidationLoss">Average loss on the validation samples after the epoch.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation samples after the epoch.</param>
/// <param name="Duration">Wall-clock time of the epoch, validation included.</param>
public sealed record EpochResult(int Epoch, double Loss, double? Accuracy, double? ValidationLoss, double? ValidationAccuracy, TimeSpan Duration)
{
    /// <summary>The value of <paramref name="metric"/> this epoch, or null when it was not measured.</summary>
    public double? Get(Metric metric) => metric switch
    {
        Metric.Loss => Loss,
        Metric.Accuracy => Accuracy,
        Metric.ValidationLoss => ValidationLoss,
        Metric.ValidationAccuracy => ValidationAccuracy,
        _ => null,
    };
}
