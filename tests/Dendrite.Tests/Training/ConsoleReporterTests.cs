using System.Globalization;
using System.Text.RegularExpressions;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// The Keras-like console report: one summary line per epoch; when interactive, a progress bar redrawn in place
/// (carriage return, no newline) within the epoch.
/// </summary>
public class ConsoleReporterTests
{
    private const string Bar = "━━━━━━━━━━━━━━━━━━━━";

    [Fact]
    public void Without_a_progress_bar_each_epoch_is_one_summary_line()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 10, seed: 1); // 30 samples: 24 train in batches of 8, 6 validate
        var writer = new StringWriter();
        var net = new SpiralClassifier(seed: 1);

        TrainingHistory history = net.Fit(x, labels, new FitOptions
        {
            Epochs = 3,
            BatchSize = 8,
            ValidationSplit = 0.2f,
            Callbacks = [new ConsoleReporter(writer, progressBar: false)],
        });

        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain('\r', writer.ToString());
        for (int e = 0; e < 3; e++)
        {
            EpochResult epoch = history.Epochs[e];
            Assert.Matches(
                new Regex($@"^Epoch {e + 1}/3  3/3 {Bar} \d+\.\ds \d+\.\d\dms/step - loss: {F(epoch.Loss)} - accuracy: {F(epoch.Accuracy)} - val_loss: {F(epoch.ValidationLoss)} - val_accuracy: {F(epoch.ValidationAccuracy)}$"),
                lines[e]);
        }
    }

    [Fact]
    public void A_regression_line_has_no_accuracy_and_an_early_stop_is_reported()
    {
        (float[] x, float[] y) = SyntheticData.Sine(count: 10, seed: 1);
        var writer = new StringWriter();

        TrainingHistory history = new SineRegressor(seed: 1).Fit(x, y, new FitOptions
        {
            Epochs = 20,
            EarlyStopping = new EarlyStopping { Monitor = Metric.Loss, MinDelta = 1e9 }, // only epoch 1 improves
            Callbacks = [new ConsoleReporter(writer, progressBar: false)],
        });

        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(new Regex($@"^Epoch  1/20  1/1 {Bar} \d+\.\ds \d+\.\d\dms/step - loss: {F(history.Loss[0])}$"), lines[0]);
        Assert.Equal("Training stopped: EarlyStopping (best epoch: 1).", lines[2]);
    }

    [Fact]
    public void With_a_progress_bar_the_line_is_redrawn_in_place_and_ends_with_the_summary()
    {
        var writer = new StringWriter();
        var reporter = new ConsoleReporter(writer, progressBar: true);
        reporter.OnTrainingStart(new TrainingPlan(Epochs: 12, BatchesPerEpoch: 10, TrainingSamples: 300, ValidationSamples: 0, AccuracyKind.SparseCategorical));
        reporter.OnEpochStart(3);
        Thread.Sleep(150); // the bar is redrawn at most every 100 ms (the last batch always)

        reporter.OnBatchEnd(new BatchProgress(3, 5, 10, 0.51234, 0.75));
        string half = writer.ToString();
        Assert.StartsWith("\r", half);
        Assert.DoesNotContain('\n', half);
        Assert.Contains("Epoch  3/12   5/10 ━━━━━━━━━━────────── - loss: 0.5123 - accuracy: 0.7500", half, StringComparison.Ordinal);

        reporter.OnBatchEnd(new BatchProgress(3, 10, 10, 0.4, 0.8));
        Assert.Contains($"\rEpoch  3/12  10/10 {Bar} - loss: 0.4000 - accuracy: 0.8000", writer.ToString(), StringComparison.Ordinal);

        reporter.OnEpochEnd(new EpochResult(3, 0.4, 0.8, null, null, TimeSpan.FromSeconds(2)));
        string[] lines = writer.ToString().Split('\r');
        Assert.Equal($"Epoch  3/12  10/10 {Bar} 2.0s 200.00ms/step - loss: 0.4000 - accuracy: 0.8000" + Environment.NewLine, lines[^1]);
    }

    private static string F(double? value) => Regex.Escape(value!.Value.ToString("0.0000", CultureInfo.InvariantCulture));
}
