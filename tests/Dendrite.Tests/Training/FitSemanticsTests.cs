using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>What Fit promises beyond learning: Keras' validation split, history, early stopping, stop-on-NaN, callbacks, cancellation.</summary>
public class FitSemanticsTests
{
    [Fact]
    public void Validation_split_holds_out_the_last_samples_as_given_before_shuffling()
    {
        // 10 samples, split 0.2 → ⌈10 × 0.8⌉ = 8 for training, the last 2 for validation. The last two have NaN
        // inputs: if either were ever trained on, the loss would be NaN and training would stop.
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 4, seed: 1);
        x = x[..20];
        labels = labels[..10];
        x[16] = float.NaN;
        x[19] = float.NaN;
        var net = new SpiralClassifier(seed: 1);
        var recorder = new RecordingCallback<SpiralClassifier>(net);

        TrainingHistory history = net.Fit(x, labels, new FitOptions { Epochs = 5, BatchSize = 3, ValidationSplit = 0.2f, Callbacks = [recorder] });

        Assert.Equal(new TrainingPlan(5, 3, 8, 2, AccuracyKind.SparseCategorical), recorder.Plan);
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.All(history.Loss, loss => Assert.True(double.IsFinite(loss)));
        Assert.All(history.ValidationLoss, loss => Assert.True(double.IsNaN(loss)));
    }

    [Fact]
    public void Validation_split_trains_exactly_as_fitting_the_first_part_with_the_rest_as_validation_data()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 10, seed: 2); // 30 samples → 24 + 6
        var split = new SpiralClassifier(seed: 1);
        var explicitData = new SpiralClassifier(seed: 1);
        var options = new FitOptions { Epochs = 4, BatchSize = 5, Seed = 9, ValidationSplit = 0.2f };

        TrainingHistory a = split.Fit(x, labels, options);
        TrainingHistory b = explicitData.Fit(x[..48], labels[..24], new FitOptions
        {
            Epochs = 4,
            BatchSize = 5,
            Seed = 9,
            ValidationData = Dataset.WithLabels(x[48..], 2, labels[24..]),
        });

        Assert.Equal(split.Parameters.ToArray(), explicitData.Parameters.ToArray());
        Assert.Equal(a.Loss, b.Loss);
        Assert.Equal(a.ValidationLoss, b.ValidationLoss);

        // The last epoch's validation numbers are those of the final weights on the held-out samples.
        EvaluationResult heldOut = split.Evaluate(x[48..], labels[24..]);
        Assert.Equal(heldOut.Loss, a.Epochs[^1].ValidationLoss);
        Assert.Equal(heldOut.Accuracy, a.Epochs[^1].ValidationAccuracy);
    }

    [Fact]
    public void Explicit_validation_data_takes_precedence_over_the_split()
    {
        (float[] x, float[] y) = SyntheticData.OneHot(count: 40, inputSize: 5, classes: 4, seed: 1);
        (float[] vx, float[] vy) = SyntheticData.OneHot(count: 7, inputSize: 5, classes: 4, seed: 2);
        var net = new OneHotClassifier(seed: 1);
        var recorder = new RecordingCallback<OneHotClassifier>(net);

        TrainingHistory history = net.Fit(x, y, new FitOptions
        {
            Epochs = 2,
            ValidationSplit = 0.5f,
            ValidationData = Dataset.WithTargets(vx, 5, vy, 4),
            Callbacks = [recorder],
        });

        Assert.Equal(40, recorder.Plan!.TrainingSamples);
        Assert.Equal(7, recorder.Plan.ValidationSamples);
        EvaluationResult validation = net.Evaluate(vx, vy);
        Assert.Equal(validation.Loss, history.ValidationLoss[^1]);
        Assert.Equal(validation.Accuracy, history.ValidationAccuracy[^1]);
    }

    [Fact]
    public void History_holds_one_result_per_epoch()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 20, seed: 1);
        var net = new SpiralClassifier(seed: 1);
        var recorder = new RecordingCallback<SpiralClassifier>(net);

        TrainingHistory history = net.Fit(x, labels, new FitOptions { Epochs = 6, BatchSize = 16, Optimizer = new Adam(0.01f), Callbacks = [recorder] });

        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Null(history.BestEpoch);
        Assert.Equal([1, 2, 3, 4, 5, 6], history.Epochs.Select(e => e.Epoch));
        Assert.Equal(history.Epochs.Select(e => e.Loss), history.Loss);
        Assert.All(history.Epochs, e => Assert.InRange(e.Accuracy!.Value, 0, 1));
        Assert.All(history.Epochs, e => Assert.Null(e.ValidationLoss));
        Assert.All(history.ValidationAccuracy, v => Assert.True(double.IsNaN(v)));

        // The epoch's loss and accuracy are the running values after its last batch (averages over all 60 samples).
        for (int epoch = 1; epoch <= 6; epoch++)
        {
            BatchProgress last = recorder.Batches.Last(b => b.Epoch == epoch);
            Assert.Equal(last.Loss, history.Epochs[epoch - 1].Loss);
            Assert.Equal(last.Accuracy, history.Epochs[epoch - 1].Accuracy);
        }

        Assert.True(history.Loss[^1] < history.Loss[0], "training loss should fall over six epochs of Adam");
    }

    [Fact]
    public void A_regression_reports_no_accuracy()
    {
        (float[] x, float[] y) = SyntheticData.Sine(count: 20, seed: 1);
        TrainingHistory history = new SineRegressor(seed: 1).Fit(x, y, new FitOptions { Epochs = 2, ValidationSplit = 0.25f });
        Assert.All(history.Epochs, e => Assert.Null(e.Accuracy));
        Assert.All(history.Epochs, e => Assert.Null(e.ValidationAccuracy));
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
    }

    [Fact]
    public void Callbacks_see_training_batches_and_epochs_in_order()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 4, seed: 1); // 12 samples, batches of 5: 5, 5, 2
        var net = new SpiralClassifier(seed: 1);
        var recorder = new RecordingCallback<SpiralClassifier>(net);

        TrainingHistory history = net.Fit(x, labels, new FitOptions { Epochs = 2, BatchSize = 5, Callbacks = [recorder] });

        Assert.Equal(
            ["start", "epoch 1", "batch 1.1/3", "batch 1.2/3", "batch 1.3/3", "end 1", "epoch 2", "batch 2.1/3", "batch 2.2/3", "batch 2.3/3", "end 2", "finish"],
            recorder.Events);
        // The callback's end-of-training call gets the very history Fit returns.
        Assert.Same(history, recorder.FinalHistory);
        Assert.Equal(2, recorder.FinalHistory!.Epochs.Count);
    }

    [Fact]
    public void Early_stopping_restores_the_weights_of_the_best_epoch()
    {
        // Random labels on few samples: the network memorises the training half and the validation loss, after
        // an early dip or none, rises; early stopping must catch that and put back the best epoch's weights.
        var random = new Random(5);
        float[] x = Enumerable.Range(0, 80).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        int[] labels = Enumerable.Range(0, 40).Select(_ => random.Next(3)).ToArray();
        var net = new SpiralClassifier(seed: 2);
        var recorder = new RecordingCallback<SpiralClassifier>(net);

        TrainingHistory history = net.Fit(x, labels, new FitOptions
        {
            Epochs = 300,
            BatchSize = 8,
            Optimizer = new Adam(0.02f),
            ValidationSplit = 0.5f,
            EarlyStopping = new EarlyStopping { Monitor = Metric.ValidationLoss, Patience = 5, RestoreBestWeights = true },
            Callbacks = [recorder],
        });

        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        double[] validationLoss = history.ValidationLoss;
        int best = Array.IndexOf(validationLoss, validationLoss.Min()) + 1;
        Assert.Equal(best, history.BestEpoch);

        // Keras' patience: stop at the end of the 5th epoch in a row that did not improve on the best.
        Assert.Equal(best + 5, history.Epochs.Count);
        Assert.Equal(recorder.EpochParameters[best], net.Parameters.ToArray());
        Assert.NotEqual(recorder.EpochParameters[history.Epochs.Count], net.Parameters.ToArray());
    }

    [Fact]
    public void Early_stopping_without_restore_keeps_the_last_weights()
    {
        // MinDelta this large means only the first epoch (against +∞) counts as an improvement.
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 5, seed: 1);
        var net = new SpiralClassifier(seed: 1);
        var recorder = new RecordingCallback<SpiralClassifier>(net);

        TrainingHistory history = net.Fit(x, labels, new FitOptions
        {
            Epochs = 50,
            EarlyStopping = new EarlyStopping { Monitor = Metric.Loss, MinDelta = 1e9, Patience = 3 },
            Callbacks = [recorder],
        });

        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.Equal(1, history.BestEpoch);
        Assert.Equal(4, history.Epochs.Count); // epoch 1 improves, epochs 2, 3, 4 do not: patience 3 reached
        Assert.Equal(recorder.EpochParameters[4], net.Parameters.ToArray());
    }

    [Fact]
    public void Patience_zero_stops_at_the_first_epoch_that_does_not_improve()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 5, seed: 1);
        TrainingHistory history = new SpiralClassifier(seed: 1).Fit(x, labels, new FitOptions
        {
            Epochs = 50,
            EarlyStopping = new EarlyStopping { Monitor = Metric.Accuracy, MinDelta = 2 }, // accuracy can never improve by 2
        });

        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(1, history.BestEpoch);
    }

    [Fact]
    public void Restore_best_weights_also_applies_when_all_epochs_complete()
    {
        // Keras 3 restores after the last epoch too: a huge patience never stops training early. The validation
        // targets are −sin x while training fits sin x, so the validation loss grows as training succeeds and the
        // best epoch comes early, not last (otherwise restoring would be indistinguishable from doing nothing).
        (float[] x, float[] y) = SyntheticData.Sine(count: 40, seed: 1);
        (float[] vx, float[] vy) = SyntheticData.Sine(count: 20, seed: 2);
        var net = new SineRegressor(seed: 1);
        var recorder = new RecordingCallback<SineRegressor>(net);

        TrainingHistory history = net.Fit(x, y, new FitOptions
        {
            Epochs = 30,
            BatchSize = 8,
            Optimizer = new Adam(0.02f),
            ValidationData = Dataset.WithTargets(vx, 1, vy.Select(v => -v).ToArray(), 1),
            EarlyStopping = new EarlyStopping { Patience = 1000, RestoreBestWeights = true },
            Callbacks = [recorder],
        });

        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(30, history.Epochs.Count);
        int best = Array.IndexOf(history.ValidationLoss, history.ValidationLoss.Min()) + 1;
        Assert.Equal(best, history.BestEpoch);
        Assert.True(best < 30, $"best epoch {best}");
        Assert.Equal(recorder.EpochParameters[best], net.Parameters.ToArray());
        Assert.NotEqual(recorder.EpochParameters[30], net.Parameters.ToArray());
    }

    [Fact]
    public void A_diverging_run_stops_on_the_first_non_finite_loss_and_keeps_the_last_good_weights()
    {
        (float[] x, float[] y) = SyntheticData.Sine(count: 64, seed: 1);
        var net = new SineRegressor(seed: 1);
        var recorder = new RecordingCallback<SineRegressor>(net);

        TrainingHistory history = net.Fit(x, y, new FitOptions
        {
            Epochs = 100,
            BatchSize = 4,
            Optimizer = new Sgd(learningRate: 1e6f), // each step multiplies the weights' scale: overflow within a few batches
            Callbacks = [recorder],
        });

        Assert.Equal(StopReason.NonFiniteLoss, history.StopReason);
        Assert.False(double.IsFinite(history.Epochs[^1].Loss));
        Assert.NotEmpty(recorder.BatchParameters); // the first batches were still finite
        Assert.All(net.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));

        // The failing batch did not touch the weights: they are those after the last completed batch.
        Assert.Equal(recorder.BatchParameters[^1], net.Parameters.ToArray());
    }

    [Fact]
    public void Cancellation_stops_between_batches_with_the_weights_of_the_last_completed_batch()
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 10, seed: 1); // 30 samples, batches of 4: 8 per epoch
        var net = new SpiralClassifier(seed: 1);
        using var cancellation = new CancellationTokenSource();
        var recorder = new RecordingCallback<SpiralClassifier>(net)
        {
            AfterBatch = progress =>
            {
                if (progress.Epoch == 2 && progress.Batch == 3)
                {
                    cancellation.Cancel();
                }
            },
        };
        var adam = new Adam();

        TrainingHistory history = net.Fit(x, labels, new FitOptions
        {
            Epochs = 10,
            BatchSize = 4,
            Optimizer = adam,
            Callbacks = [recorder],
            CancellationToken = cancellation.Token,
        });

        Assert.Equal(StopReason.Cancelled, history.StopReason);
        Assert.Equal(8 + 3, adam.Iterations);
        Assert.Equal(8 + 3, recorder.BatchParameters.Count);
        Assert.Equal(recorder.BatchParameters[^1], net.Parameters.ToArray());
        Assert.Equal("finish", recorder.Events[^1]);
    }
}
