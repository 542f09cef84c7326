using Xunit;

namespace Dendrite.Tests.Normalization;

/// <summary>
/// A training step that is skipped (non-finite loss or gradient) or undone (an update that overflows) keeps the moving
/// statistics of the last good step, as it keeps the weights: the training forward moved them, and the session puts them back.
/// </summary>
public sealed class BatchNormalizationSkippedStepTests
{
    private static readonly float[] Inputs = Enumerable.Range(0, 4 * NormalizedDenseNet.InputSize).Select(i => MathF.Sin(0.7f * i)).ToArray();

    [Fact]
    public void A_step_skipped_for_a_NaN_input_keeps_the_moving_statistics()
    {
        var network = new NormalizedDenseNet(1);
        var session = new TrainingSession<NormalizedDenseNet>(network, new Adam());
        float[] targets = new float[4 * NormalizedDenseNet.OutputSize];
        session.Step(Inputs, TargetBatch.FromValues(targets)); // a good step moves them
        float[] statistics = network.NonTrainableParameters.ToArray();
        float[] parameters = network.Parameters.ToArray();
        Assert.NotEqual(new float[] { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 }, statistics);

        float[] poisoned = Inputs.ToArray();
        poisoned[3] = float.NaN;
        float loss = session.Step(poisoned, TargetBatch.FromValues(targets));

        Assert.True(float.IsNaN(loss));
        Assert.Equal(statistics, network.NonTrainableParameters.ToArray());
        Assert.Equal(parameters, network.Parameters.ToArray());

        session.Step(Inputs, TargetBatch.FromValues(targets)); // and the next good step moves them again
        Assert.NotEqual(statistics, network.NonTrainableParameters.ToArray());
    }

    [Fact]
    public void A_step_whose_update_overflows_is_undone_with_its_moving_statistics()
    {
        var network = new NormalizedDenseNet(1);
        var session = new TrainingSession<NormalizedDenseNet>(network, new Sgd(1e38f));
        float[] statistics = network.NonTrainableParameters.ToArray();
        float[] parameters = network.Parameters.ToArray();
        // Targets far from the outputs: the output bias gradient 2(ŷ − y)/n is about −667, and 1e38 times it overflows.
        float[] targets = Enumerable.Repeat(1000f, 4 * NormalizedDenseNet.OutputSize).ToArray();

        float loss = session.Step(Inputs, TargetBatch.FromValues(targets));

        Assert.True(float.IsNaN(loss), $"expected the update to overflow and be undone, found loss {loss}");
        Assert.Equal(1, session.CheckpointedSteps);
        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(statistics, network.NonTrainableParameters.ToArray());
    }

    [Fact]
    public void Fit_stopped_by_a_non_finite_batch_keeps_the_statistics_of_the_last_good_step()
    {
        float[] inputs = Enumerable.Range(0, 8 * NormalizedDenseNet.InputSize).Select(i => MathF.Cos(0.3f * i)).ToArray();
        float[] targets = new float[8 * NormalizedDenseNet.OutputSize];
        FitOptions options = new() { Epochs = 1, BatchSize = 4, Verbosity = Verbosity.Silent, Shuffle = false };

        var reference = new NormalizedDenseNet(2);
        reference.Fit(inputs.AsSpan(0, 4 * NormalizedDenseNet.InputSize), targets.AsSpan(0, 4 * NormalizedDenseNet.OutputSize), options);

        inputs[(4 * NormalizedDenseNet.InputSize) + 1] = float.PositiveInfinity; // the second batch
        var network = new NormalizedDenseNet(2);
        TrainingHistory history = network.Fit(inputs, targets, options);

        Assert.Equal(StopReason.NonFiniteLoss, history.StopReason);
        Assert.Equal(reference.NonTrainableParameters.ToArray(), network.NonTrainableParameters.ToArray());
        Assert.Equal(reference.Parameters.ToArray(), network.Parameters.ToArray());
    }
}
