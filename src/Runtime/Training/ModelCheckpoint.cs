using System;
using System.IO;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>Creates <see cref="ModelCheckpoint{TNetwork}"/> callbacks with the network's type inferred.</summary>
public static class ModelCheckpoint
{
    /// <summary>
    /// A callback that saves <paramref name="network"/> to <paramref name="path"/> during <c>Fit</c>: after every
    /// epoch, or, with <paramref name="saveBestOnly"/>, only after an epoch that improves <paramref name="monitor"/>.
    /// </summary>
    /// <param name="network">The network being trained: the one passed to <c>Fit</c>.</param>
    /// <param name="path">The file, or a pattern such as <c>"model-{epoch:02d}.weights"</c> (see <see cref="ModelCheckpoint{TNetwork}.Path"/>).</param>
    /// <param name="monitor">The metric that decides which epoch is best. Default: validation loss, as Keras.</param>
    /// <param name="saveBestOnly">Save only when <paramref name="monitor"/> improves on every earlier epoch. Default false, as Keras.</param>
    public static ModelCheckpoint<TNetwork> For<TNetwork>(TNetwork network, string path, Metric monitor = Metric.ValidationLoss, bool saveBestOnly = false)
        where TNetwork : class, INetwork<TNetwork>
        => new(network, path) { Monitor = monitor, SaveBestOnly = saveBestOnly };
}

/// <summary>
/// Saves the network during <c>Fit</c> (Keras' <c>ModelCheckpoint</c> with <c>save_weights_only=True</c>): after every
/// epoch, or, with <see cref="SaveBestOnly"/>, after each epoch whose <see cref="Monitor"/> beats every earlier epoch
/// of the call, so the file always holds the best weights seen so far. Each save goes through
/// <see cref="WeightsFile.Save{TNetwork}(TNetwork, string)"/>, the checked weights format written atomically: a save
/// that fails (a full disk, a crash, a file system error) leaves the previous checkpoint intact, and the error stops
/// <c>Fit</c> as an <see cref="IOException"/> naming the file and the epoch (ModelCheckpointTests). Load a checkpoint
/// with the network's <c>Load(path)</c>.
/// </summary>
/// <typeparam name="TNetwork">A generated network type.</typeparam>
public sealed class ModelCheckpoint<TNetwork> : ITrainingCallback
    where TNetwork : class, INetwork<TNetwork>
{
    private readonly CheckpointPath _path;
    private readonly Metric _monitor = Metric.ValidationLoss;
    private MetricBest _best;

    /// <summary>Saves <paramref name="network"/> to <paramref name="path"/>; see <see cref="Path"/> for the pattern.</summary>
    /// <param name="network">The network being trained: the one passed to <c>Fit</c>.</param>
    /// <param name="path">The file, or a pattern with fields (see <see cref="Path"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or has an unknown field or format.</exception>
    public ModelCheckpoint(TNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ArgumentException("Expected a file path but found an empty string.", nameof(path));
        }

        Network = network;
        _path = new CheckpointPath(path, nameof(path));
    }

    /// <summary>The network saved.</summary>
    public TNetwork Network { get; }

    /// <summary>
    /// Where each checkpoint goes: a file path, or a pattern whose fields are filled in per epoch as Keras does —
    /// <c>{epoch}</c> (1-based, as <see cref="EpochResult.Epoch"/>), <c>{loss}</c>, <c>{accuracy}</c>, <c>{val_loss}</c>,
    /// <c>{val_accuracy}</c> — each with an optional Python-style format: <c>{epoch:02d}</c> pads with zeros to two
    /// digits, <c>{val_loss:.4f}</c> writes four decimals. <c>{{</c> and <c>}}</c> are literal braces. Numbers use the
    /// invariant culture. A missing directory is created.
    /// </summary>
    public string Path => _path.Pattern;

    /// <summary>
    /// The metric that decides which epoch is best, one of the named <see cref="Metric"/> values; losses are better
    /// lower and accuracies higher (Keras' <c>mode="auto"</c>). Default: validation loss, as Keras. <c>Fit</c> refuses a
    /// metric it does not measure before training starts (validation metrics need validation data, accuracies a
    /// classifier) when <see cref="SaveBestOnly"/> is set.
    /// </summary>
    public Metric Monitor
    {
        get => _monitor;
        init => _monitor = Guard.Defined(value, nameof(Monitor));
    }

    /// <summary>
    /// Save only after an epoch whose <see cref="Monitor"/> is better than that of every earlier epoch of the
    /// <c>Fit</c> call (an epoch whose value is NaN never is). Default false: save after every epoch, as Keras.
    /// </summary>
    public bool SaveBestOnly { get; init; }

    /// <summary>The epoch of the last save, or null when nothing was saved yet.</summary>
    public int? LastSavedEpoch { get; private set; }

    /// <summary>The file of the last save, or null when nothing was saved yet.</summary>
    public string? LastSavedPath { get; private set; }

    /// <summary>With <see cref="SaveBestOnly"/>, the best value of <see cref="Monitor"/> seen in the current or last <c>Fit</c> call.</summary>
    public double? Best { get; private set; }

    /// <summary>The file stream of each save passes through this; tests wrap it to make a save fail midway.</summary>
    internal Func<Stream, Stream> DecorateSave { get; set; } = static stream => stream;

    /// <inheritdoc/>
    public void OnTrainingStart(TrainingPlan plan)
    {
        foreach (Metric needed in _path.Metrics)
        {
            Require(needed, plan, "its path pattern \"" + _path.Pattern + "\" writes");
        }

        if (SaveBestOnly)
        {
            Require(Monitor, plan, "SaveBestOnly monitors");
        }

        // Keras: the best value is per fit() call, so each Fit starts from the worst possible value.
        _best = new MetricBest(Monitor);
        Best = null;
    }

    /// <inheritdoc/>
    public void OnEpochEnd(EpochResult result)
    {
        if (SaveBestOnly)
        {
            double value = result.Get(Monitor) ?? double.NaN;
            if (!_best.TryImprove(value))
            {
                return;
            }

            Best = value;
        }

        Save(result);
    }

    private void Save(EpochResult result)
    {
        string file = _path.Format(result);
        try
        {
            string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            WeightsFile.Save(Network, file, DecorateSave);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string kept = LastSavedPath is { } previous ? $"; the checkpoint of epoch {LastSavedEpoch} in \"{previous}\" is intact" : string.Empty;
            throw new IOException($"ModelCheckpoint could not save epoch {result.Epoch} to \"{file}\": {e.Message}{kept}.", e);
        }

        LastSavedEpoch = result.Epoch;
        LastSavedPath = file;
    }

    private static void Require(Metric metric, TrainingPlan plan, string why)
    {
        if (MetricNames.WhyNotMeasured(metric, plan) is { } need)
        {
            throw new InvalidOperationException($"ModelCheckpoint: {why} {MetricNames.Name(metric)} ({metric}), {need}.");
        }
    }
}
