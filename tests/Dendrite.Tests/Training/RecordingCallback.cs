namespace Dendrite.Tests.Training;

/// <summary>Records every callback event as text and snapshots the parameters after each batch and epoch.</summary>
internal sealed class RecordingCallback<TNetwork>(TNetwork network) : ITrainingCallback
    where TNetwork : class, INetwork<TNetwork>
{
    public List<string> Events { get; } = [];

    public TrainingPlan? Plan { get; private set; }

    public List<BatchProgress> Batches { get; } = [];

    /// <summary>Parameters after each completed batch, in order.</summary>
    public List<float[]> BatchParameters { get; } = [];

    /// <summary>Parameters at the end of each epoch, keyed by 1-based epoch.</summary>
    public Dictionary<int, float[]> EpochParameters { get; } = [];

    public TrainingHistory? FinalHistory { get; private set; }

    /// <summary>Called after each batch, e.g. to cancel training.</summary>
    public Action<BatchProgress>? AfterBatch { get; init; }

    public void OnTrainingStart(TrainingPlan plan)
    {
        Plan = plan;
        Events.Add("start");
    }

    public void OnEpochStart(int epoch) => Events.Add($"epoch {epoch}");

    public void OnBatchEnd(in BatchProgress progress)
    {
        Events.Add($"batch {progress.Epoch}.{progress.Batch}/{progress.BatchesPerEpoch}");
        Batches.Add(progress);
        BatchParameters.Add(network.Parameters.ToArray());
        AfterBatch?.Invoke(progress);
    }

    public void OnEpochEnd(EpochResult result)
    {
        Events.Add($"end {result.Epoch}");
        EpochParameters[result.Epoch] = network.Parameters.ToArray();
    }

    public void OnTrainingEnd(TrainingHistory history)
    {
        FinalHistory = history;
        Events.Add("finish");
    }
}
