using System.Globalization;
using Dendrite.Tests.Data;
using Dendrite.Tests.Networks;
using Dendrite.Tests.Training;
using Xunit;

namespace Dendrite.Tests.Callbacks;

/// <summary>
/// ModelCheckpoint: every epoch or best-only on a monitored metric, through the checked, atomic weights format; a
/// failing save keeps the previous checkpoint and stops Fit naming the file and the epoch.
/// </summary>
public class ModelCheckpointTests
{
    [Fact]
    public void Best_only_keeps_the_best_epochs_weights_bit_for_bit()
    {
        using var directory = new TempDirectory();
        string path = directory.File("best.weights");
        var net = new SpiralClassifier(seed: 3);
        var recorder = new RecordingCallback<SpiralClassifier>(net);
        var checkpoint = ModelCheckpoint.For(net, path, saveBestOnly: true);
        (float[] x, int[] labels, Dataset validation) = TrainingThatOverfitsItsValidation();

        TrainingHistory history = net.Fit(x, labels, new FitOptions
        {
            Epochs = 8, BatchSize = 10, ValidationData = validation, Callbacks = [recorder, checkpoint],
        });

        int best = history.Epochs.MinBy(e => e.ValidationLoss!.Value)!.Epoch;
        Assert.True(best < 8, $"precondition: the validation loss must rise after some epoch, but epoch {best} of 8 was best");
        Assert.Equal(best, checkpoint.LastSavedEpoch);
        Assert.Equal(history.Epochs[best - 1].ValidationLoss, checkpoint.Best);
        SpiralClassifier loaded = SpiralClassifier.Load(path);
        Assert.Equal(Bits(recorder.EpochParameters[best]), Bits(loaded.Parameters.ToArray()));
        Assert.NotEqual(Bits(net.Parameters.ToArray()), Bits(loaded.Parameters.ToArray()));
    }

    [Fact]
    public void Best_only_on_an_accuracy_saves_when_it_rises()
    {
        using var directory = new TempDirectory();
        var net = new SpiralClassifier(seed: 3);
        var checkpoint = new ModelCheckpoint<SpiralClassifier>(net, directory.File("{epoch}.weights")) { Monitor = Metric.Accuracy, SaveBestOnly = true };
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 20, seed: 1);

        TrainingHistory history = net.Fit(x, labels, new FitOptions { Epochs = 6, BatchSize = 10, Callbacks = [checkpoint] });

        double bestSoFar = double.NegativeInfinity;
        var expected = new List<string>();
        foreach (EpochResult epoch in history.Epochs)
        {
            if (epoch.Accuracy!.Value > bestSoFar)
            {
                bestSoFar = epoch.Accuracy.Value;
                expected.Add(epoch.Epoch + ".weights");
            }
        }

        Assert.Equal(expected, Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_epoch_with_a_pattern_writes_one_checked_file_per_epoch()
    {
        using var directory = new TempDirectory();
        var net = new SpiralClassifier(seed: 3);
        var recorder = new RecordingCallback<SpiralClassifier>(net);
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 10, seed: 1);

        net.Fit(x, labels, new FitOptions
        {
            Epochs = 3, BatchSize = 10,
            Callbacks = [recorder, ModelCheckpoint.For(net, directory.File("run/model-{epoch:02d}.weights"))],
        });

        Assert.Equal(["model-01.weights", "model-02.weights", "model-03.weights"], Directory.GetFiles(directory.File("run")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            float[] saved = WeightsFile.ReadParameters<SpiralClassifier>(directory.File($"run/model-{epoch:00}.weights"));
            Assert.Equal(Bits(recorder.EpochParameters[epoch]), Bits(saved));
        }
    }

    [Fact]
    public void A_failing_save_keeps_the_previous_checkpoint_and_stops_fit_naming_file_and_epoch()
    {
        using var directory = new TempDirectory();
        string path = directory.File("best.weights");
        var net = new SpiralClassifier(seed: 3);
        var recorder = new RecordingCallback<SpiralClassifier>(net);
        int saves = 0;
        var checkpoint = new ModelCheckpoint<SpiralClassifier>(net, path) { Monitor = Metric.Loss, SaveBestOnly = true };
        checkpoint.DecorateSave = stream => ++saves == 1 ? stream : new FailingStream(stream, bytesBeforeFailure: 100);
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 20, seed: 1); // the training loss falls every epoch

        var error = Assert.Throws<IOException>(() => net.Fit(x, labels, new FitOptions { Epochs = 5, BatchSize = 10, Callbacks = [recorder, checkpoint] }));

        Assert.Equal(
            $"ModelCheckpoint could not save epoch 2 to \"{path}\": disk full (injected); the checkpoint of epoch 1 in \"{path}\" is intact.",
            error.Message);
        Assert.Equal(2, recorder.EpochParameters.Count); // training stopped at the failing save
        Assert.Equal(Bits(recorder.EpochParameters[1]), Bits(WeightsFile.ReadParameters<SpiralClassifier>(path)));
        Assert.Equal(["best.weights"], Directory.GetFiles(directory.Path).Select(Path.GetFileName)); // no temporary left
        Assert.Equal(1, checkpoint.LastSavedEpoch);
    }

    [Fact]
    public void A_metric_the_fit_does_not_measure_is_refused_before_the_first_step()
    {
        using var directory = new TempDirectory();
        (float[] x, float[] y) = SyntheticData.Sine(count: 10, seed: 1);
        var net = new SineRegressor(seed: 1);
        float[] before = net.Parameters.ToArray();

        var noValidation = Assert.Throws<InvalidOperationException>(() =>
            net.Fit(x, y, new FitOptions { Callbacks = [ModelCheckpoint.For(net, directory.File("a.weights"), saveBestOnly: true)] }));
        var noAccuracy = Assert.Throws<InvalidOperationException>(() =>
            net.Fit(x, y, new FitOptions { ValidationSplit = 0.2f, Callbacks = [ModelCheckpoint.For(net, directory.File("{val_accuracy}.weights"))] }));

        Assert.Equal("ModelCheckpoint: SaveBestOnly monitors val_loss (ValidationLoss), which needs ValidationSplit > 0 or ValidationData.", noValidation.Message);
        Assert.Equal("ModelCheckpoint: its path pattern \"" + directory.File("{val_accuracy}.weights") + "\" writes val_accuracy (ValidationAccuracy), which a network that reports no accuracy does not measure.", noAccuracy.Message);
        Assert.Equal(before, net.Parameters.ToArray());
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Path_patterns_use_keras_formats_in_the_invariant_culture()
    {
        var result = new EpochResult(7, 0.123456, 0.5, 1.0 / 3, null, TimeSpan.Zero);
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("m-007-0.33-0.123456-{x}-nan.w", new CheckpointPath("m-{epoch:03d}-{val_loss:.2f}-{loss}-{{x}}-{val_accuracy:.3f}.w", "path").Format(result));
            Assert.Equal("07_00.5000_7", new CheckpointPath("{epoch:02}_{accuracy:07.4f}_{epoch}", "path").Format(result));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("m-{epochs}.w", "Expected a field of the path pattern \"m-{epochs}.w\" to be one of epoch, loss, accuracy, val_loss, val_accuracy but found \"{epochs}\".")]
    [InlineData("m-{epoch:.2f}.w", "Expected the format of {epoch} in the path pattern \"m-{epoch:.2f}.w\" to be an integer format such as 02d or 03 but found \".2f\".")]
    [InlineData("m-{loss:.2}.w", "Expected the format of {loss} in the path pattern \"m-{loss:.2}.w\" to be a fixed-point format such as .4f or 06.3f but found \".2\".")]
    [InlineData("m-{epoch.w", "Expected '}' to close the field opened at position 2 of the path pattern \"m-{epoch.w\" (or \"{{\" for a literal brace) but found none.")]
    [InlineData("m-}.w", "Expected '}' in the path pattern \"m-}.w\" to close a field or to be doubled (\"}}\") but found a lone '}' at position 2.")]
    public void A_bad_path_pattern_is_refused_where_the_checkpoint_is_made(string pattern, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCheckpoint.For(new SineRegressor(seed: 1), pattern));

        Assert.Equal("path", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// 30 spiral samples to train on, validated on the same inputs with every label moved to the next class: the
    /// better the network fits its training labels, the worse its validation loss, so an early epoch is best.
    /// </summary>
    private static (float[] X, int[] Labels, Dataset Validation) TrainingThatOverfitsItsValidation()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 10, seed: 1);
        int[] shifted = labels.Select(l => (l + 1) % 3).ToArray();
        return (x, labels, Dataset.WithLabels(x, SpiralClassifier.InputSize, shifted));
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Passes the first bytes through, then fails like a full disk.</summary>
    private sealed class FailingStream(Stream inner, int bytesBeforeFailure) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, Math.Min(count, bytesBeforeFailure));
            throw new IOException("disk full (injected)");
        }
    }
}
