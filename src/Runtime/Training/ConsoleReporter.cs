using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace Dendrite;

/// <summary>
/// Keras-style console output: a progress bar redrawn within each epoch (interactive consoles only) and one
/// summary line per epoch, e.g.
/// <c>Epoch 3/10  1688/1688 ━━━━━━━━━━━━━━━━━━━━ 2.1s 1.2ms/step - loss: 0.4213 - accuracy: 0.8512 - val_loss: 0.4001 - val_accuracy: 0.8601</c>.
/// </summary>
public sealed class ConsoleReporter : ITrainingCallback
{
    private const int BarWidth = 20;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _writer;
    private readonly bool _progressBar;
    private readonly Stopwatch _epochClock = new();
    private readonly Stopwatch _redrawClock = new();
    private TrainingPlan? _plan;
    private int _epoch;

    /// <summary>Reports to <paramref name="writer"/>; draws the within-epoch bar when <paramref name="progressBar"/> is true.</summary>
    public ConsoleReporter(TextWriter writer, bool progressBar)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _progressBar = progressBar;
    }

    /// <inheritdoc/>
    public void OnTrainingStart(TrainingPlan plan) => _plan = plan;

    /// <inheritdoc/>
    public void OnEpochStart(int epoch)
    {
        _epoch = epoch;
        _epochClock.Restart();
        _redrawClock.Restart();
    }

    /// <inheritdoc/>
    public void OnBatchEnd(in BatchProgress progress)
    {
        if (!_progressBar || (_redrawClock.Elapsed < RedrawInterval && progress.Batch != progress.BatchesPerEpoch))
        {
            return;
        }

        _redrawClock.Restart();
        var line = new StringBuilder("\r");
        AppendHead(line, progress.Batch, progress.BatchesPerEpoch);
        line.Append(" - loss: ").Append(Format(progress.Loss));
        if (progress.Accuracy is { } accuracy)
        {
            line.Append(" - accuracy: ").Append(Format(accuracy));
        }

        _writer.Write(line.Append("   ").ToString());
        _writer.Flush();
    }

    /// <inheritdoc/>
    public void OnEpochEnd(EpochResult result)
    {
        int batches = _plan?.BatchesPerEpoch ?? 0;
        var line = new StringBuilder(_progressBar ? "\r" : string.Empty);
        AppendHead(line, batches, batches);
        double seconds = result.Duration.TotalSeconds;
        line.Append(' ').Append(seconds.ToString("0.0", CultureInfo.InvariantCulture)).Append('s');
        if (batches > 0)
        {
            line.Append(' ').Append((result.Duration.TotalMilliseconds / batches).ToString("0.00", CultureInfo.InvariantCulture)).Append("ms/step");
        }

        line.Append(" - loss: ").Append(Format(result.Loss));
        AppendOptional(line, "accuracy", result.Accuracy);
        AppendOptional(line, "val_loss", result.ValidationLoss);
        AppendOptional(line, "val_accuracy", result.ValidationAccuracy);
        _writer.WriteLine(line.ToString());
        _writer.Flush();
    }

    /// <inheritdoc/>
    public void OnTrainingEnd(TrainingHistory history)
    {
        if (history.StopReason != StopReason.Completed)
        {
            string detail = history.BestEpoch is { } best ? $" (best epoch: {best})" : string.Empty;
            _writer.WriteLine($"Training stopped: {history.StopReason}{detail}.");
        }
    }

    private void AppendHead(StringBuilder line, int batch, int batches)
    {
        int epochs = _plan?.Epochs ?? _epoch;
        string width = batches.ToString(CultureInfo.InvariantCulture);
        line.Append("Epoch ").Append(_epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length))
            .Append('/').Append(epochs.ToString(CultureInfo.InvariantCulture)).Append("  ")
            .Append(batch.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)).Append('/').Append(width).Append(' ');
        int filled = batches == 0 ? BarWidth : batch * BarWidth / batches;
        line.Append('━', filled).Append('─', BarWidth - filled);
    }

    private static void AppendOptional(StringBuilder line, string name, double? value)
    {
        if (value is { } v)
        {
            line.Append(" - ").Append(name).Append(": ").Append(Format(v));
        }
    }

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
