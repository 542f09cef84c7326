using System.Collections.Generic;
using System.Linq;

namespace Dendrite;

/// <summary>The record of a <c>Fit</c> call: one <see cref="EpochResult"/> per completed epoch and why training stopped.</summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(IReadOnlyList<EpochResult> epochs, StopReason stopReason, int? bestEpoch)
    {
        Epochs = epochs;
        StopReason = stopReason;
        BestEpoch = bestEpoch;
    }

    /// <summary>Completed epochs in order.</summary>
    public IReadOnlyList<EpochResult> Epochs { get; }

    /// <summary>Why training stopped.</summary>
    public StopReason StopReason { get; }

    /// <summary>With early stopping, the 1-based epoch whose monitored metric was best.</summary>
    public int? BestEpoch { get; }

    /// <summary>Training loss per epoch.</summary>
    public double[] Loss => Epochs.Select(e => e.Loss).ToArray();

    /// <summary>Training accuracy per epoch (NaN where not measured).</summary>
    public double[] Accuracy => Epochs.Select(e => e.Accuracy ?? double.NaN).ToArray();

    /// <summary>Validation loss per epoch (NaN where not measured).</summary>
    public double[] ValidationLoss => Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray();

    /// <summary>Validation accuracy per epoch (NaN where not measured).</summary>
    public double[] ValidationAccuracy => Epochs.Select(e => e.ValidationAccuracy ?? double.NaN).ToArray();
}
