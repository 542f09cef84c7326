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

    // One builder for every line: a report allocates nothing per redraw once it has grown to a line's length
    // (FitAllocationTests), since numbers are appended in place and the writer takes the builder's chunks.
    private readonly StringBuilder _line = new();
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
        StringBuilder line = _line.Clear().Append('\r');
        AppendHead(line, progress.Batch, progress.BatchesPerEpoch);
        AppendOptional(line, "loss", progress.Loss);
        AppendOptional(line, "accuracy", progress.Accuracy);
        _writer.Write(line.Append("   "));
        _writer.Flush();
    }

    /// <inheritdoc/>
    public void OnEpochEnd(EpochResult result)
    {
        int batches = _plan?.BatchesPerEpoch ?? 0;
        StringBuilder line = _line.Clear();
        if (_progressBar)
        {
            line.Append('\r');
        }

        AppendHead(line, batches, batches);
        double seconds = result.Duration.TotalSeconds;
        line.Append(CultureInfo.InvariantCulture, $" {seconds:0.0}s");
        if (batches > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" {result.Duration.TotalMilliseconds / batches:0.00}ms/step");
        }

        AppendOptional(line, "loss", result.Loss);
        AppendOptional(line, "accuracy", result.Accuracy);
        AppendOptional(line, "val_loss", result.ValidationLoss);
        AppendOptional(line, "val_accuracy", result.ValidationAccuracy);
        _writer.WriteLine(line);
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
        line.Append("Epoch ").Append(' ', Math.Max(0, Digits(epochs) - Digits(_epoch)))
            .Append(CultureInfo.InvariantCulture, $"{_epoch}/{epochs}  ")
            .Append(' ', Math.Max(0, Digits(batches) - Digits(batch)))
            .Append(CultureInfo.InvariantCulture, $"{batch}/{batches} ");
        int filled = batches == 0 ? BarWidth : batch * BarWidth / batches;
        line.Append('━', filled).Append('─', BarWidth - filled);
    }

    private static void AppendOptional(StringBuilder line, string name, double? value)
    {
        if (value is { } v)
        {
            line.Append(" - ").Append(name).Append(": ").Append(CultureInfo.InvariantCulture, $"{v:0.0000}");
        }
    }

    /// <summary>Characters of <paramref name="value"/> written in decimal (a minus sign included).</summary>
    private static int Digits(int value)
    {
        int digits = value < 0 ? 2 : 1;
        for (long rest = Math.Abs((long)value); rest >= 10; rest /= 10)
        {
            digits++;
        }

        return digits;
    }
}
