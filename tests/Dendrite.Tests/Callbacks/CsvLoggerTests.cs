using System.Globalization;
using Dendrite.Tests.Data;
using Dendrite.Tests.Networks;
using Dendrite.Tests.Training;
using Xunit;

namespace Dendrite.Tests.Callbacks;

/// <summary>
/// CsvLogger: a header, then one row per epoch of every metric the history holds, in the invariant culture and in
/// a form that reads back as the history's exact doubles, written and closed at the end of each epoch.
/// </summary>
public class CsvLoggerTests
{
    [Fact]
    public void A_classifier_with_validation_logs_every_metric_of_the_history_exactly_whatever_the_culture()
    {
        using var directory = new TempDirectory();
        string path = directory.File("log.csv");
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 10, seed: 1);
        CultureInfo culture = CultureInfo.CurrentCulture;
        TrainingHistory history;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // decimal comma
            history = new SpiralClassifier(seed: 1).Fit(x, labels, new FitOptions
            {
                Epochs = 4, BatchSize = 8, ValidationSplit = 0.2f, Callbacks = [new CsvLogger(path)],
            });
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        string[] lines = File.ReadAllLines(path);
        Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy", lines[0]);
        Assert.Equal(5, lines.Length);
        for (int e = 0; e < 4; e++)
        {
            EpochResult epoch = history.Epochs[e];
            double[] cells = lines[e + 1].Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal([e + 1, epoch.Loss, epoch.Accuracy!.Value, epoch.ValidationLoss!.Value, epoch.ValidationAccuracy!.Value], cells);
        }
    }

    [Fact]
    public void A_regression_without_validation_logs_the_loss_alone_with_the_chosen_separator()
    {
        using var directory = new TempDirectory();
        string path = directory.File("sub/dir/log.csv"); // a missing directory is created
        (float[] x, float[] y) = SyntheticData.Sine(count: 10, seed: 1);

        TrainingHistory history = new SineRegressor(seed: 1).Fit(x, y, new FitOptions { Epochs = 2, Callbacks = [new CsvLogger(path, separator: ';')] });

        Assert.Equal(
            ["epoch;loss", "1;" + R(history.Loss[0]), "2;" + R(history.Loss[1])],
            File.ReadAllLines(path));
    }

    [Fact]
    public void Each_row_is_in_the_file_when_its_epoch_ends()
    {
        using var directory = new TempDirectory();
        string path = directory.File("log.csv");
        (float[] x, float[] y) = SyntheticData.Sine(count: 10, seed: 1);
        var linesAtEpochEnd = new List<int>();
        var probe = new EpochProbe(_ => linesAtEpochEnd.Add(File.ReadAllLines(path).Length));

        new SineRegressor(seed: 1).Fit(x, y, new FitOptions { Epochs = 3, Callbacks = [new CsvLogger(path), probe] });

        Assert.Equal([2, 3, 4], linesAtEpochEnd);
    }

    [Fact]
    public void Appending_keeps_earlier_rows_and_one_header_while_the_default_replaces_the_file()
    {
        using var directory = new TempDirectory();
        string path = directory.File("log.csv");
        (float[] x, float[] y) = SyntheticData.Sine(count: 10, seed: 1);
        var net = new SineRegressor(seed: 1);

        net.Fit(x, y, new FitOptions { Epochs = 2, Callbacks = [new CsvLogger(path, append: true)] });
        net.Fit(x, y, new FitOptions { Epochs = 1, Callbacks = [new CsvLogger(path, append: true)] });
        Assert.Equal(["epoch", "1", "2", "1"], File.ReadAllLines(path).Select(l => l.Split(',')[0]));

        net.Fit(x, y, new FitOptions { Epochs = 1, Callbacks = [new CsvLogger(path)] });
        Assert.Equal(["epoch", "1"], File.ReadAllLines(path).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Appending_to_a_file_with_other_columns_is_refused_before_training_and_leaves_it_alone()
    {
        using var directory = new TempDirectory();
        string path = directory.File("log.csv");
        File.WriteAllText(path, "epoch,loss,accuracy\n1,0.5,0.75\n");
        (float[] x, float[] y) = SyntheticData.Sine(count: 10, seed: 1);
        var net = new SineRegressor(seed: 1);
        float[] before = net.Parameters.ToArray();

        var error = Assert.Throws<InvalidOperationException>(() =>
            net.Fit(x, y, new FitOptions { Epochs = 1, Callbacks = [new CsvLogger(path, append: true)] }));

        Assert.Equal($"CsvLogger cannot append to \"{path}\": expected its header to be \"epoch,loss\" but found \"epoch,loss,accuracy\".", error.Message);
        Assert.Equal("epoch,loss,accuracy\n1,0.5,0.75\n", File.ReadAllText(path));
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void An_empty_path_is_refused()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => new CsvLogger(string.Empty)).ParamName);
        Assert.Throws<ArgumentNullException>(() => new CsvLogger(null!));
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class EpochProbe(Action<EpochResult> onEpochEnd) : ITrainingCallback
    {
        public void OnEpochEnd(EpochResult result) => onEpochEnd(result);
    }
}
