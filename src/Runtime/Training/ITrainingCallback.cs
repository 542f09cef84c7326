namespace Dendrite;

/// <summary>Observes training. Every member has an empty default, so implement only what you need.</summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch.</summary>
    void OnTrainingStart(TrainingPlan plan)
    {
    }

    /// <summary>
    /// Before the first epoch, with what the callback may act on (the optimizer, for callbacks that change the
    /// learning rate). <c>Fit</c> calls this overload only; by default it calls <see cref="OnTrainingStart(TrainingPlan)"/>,
    /// so callbacks written before it existed keep working.
    /// </summary>
    void OnTrainingStart(TrainingPlan plan, TrainingContext context) => OnTrainingStart(plan);

    /// <summary>Before each epoch (1-based).</summary>
    void OnEpochStart(int epoch)
    {
    }

    /// <summary>After each batch. Called on the training thread: keep it quick.</summary>
    void OnBatchEnd(in BatchProgress progress)
    {
    }

    /// <summary>After each epoch, validation included.</summary>
    void OnEpochEnd(EpochResult result)
    {
    }

    /// <summary>After training stops, for whatever reason.</summary>
    void OnTrainingEnd(TrainingHistory history)
    {
    }
}

/// <summary>The shape of a <c>Fit</c> call, given to callbacks before training starts.</summary>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="BatchesPerEpoch">Gradient steps per epoch.</param>
/// <param name="TrainingSamples">Samples trained on per epoch.</param>
/// <param name="ValidationSamples">Samples evaluated after each epoch (0 without validation).</param>
/// <param name="Accuracy">The accuracy reported, or <see cref="AccuracyKind.None"/>.</param>
public sealed record TrainingPlan(int Epochs, int BatchesPerEpoch, int TrainingSamples, int ValidationSamples, AccuracyKind Accuracy);

/// <summary>What a <c>Fit</c> call trains with, given to callbacks that act on training rather than only observe it.</summary>
/// <param name="Optimizer">The optimizer of this <c>Fit</c> call (the one in <see cref="FitOptions.Optimizer"/>, or the default Adam).</param>
public sealed record TrainingContext(Optimizer Optimizer);

/// <summary>Progress within an epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="BatchesPerEpoch">Batches in the epoch.</param>
/// <param name="Loss">Average loss over the epoch so far.</param>
/// <param name="Accuracy">Accuracy over the epoch so far, or null.</param>
public readonly record struct BatchProgress(int Epoch, int Batch, int BatchesPerEpoch, double Loss, double? Accuracy);
