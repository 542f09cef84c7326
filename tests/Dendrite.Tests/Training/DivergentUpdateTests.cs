using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>A 4-6-3 classifier: small enough that one huge step overflows some weights at once.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dense(3, Activation.Linear)]
public partial class DivergenceNet;

/// <summary>
/// "Stop on NaN/∞ keeping the last good weights" holds when the <em>update</em> overflows, not only when the loss
/// or a gradient does: the loss of the batch is finite, but θ − α·g is ±∞ for some parameters.
/// </summary>
public class DivergentUpdateTests
{
    private const float HugeRate = 1e38f;

    /// <summary>
    /// Twelve positive samples scaled ×10, each labelled with the class the untrained network finds least likely:
    /// confidently wrong, so p − onehot(y) is about ±1 and the first-layer gradients (∝ x) exceed
    /// float.MaxValue / 1e38 ≈ 3.4, which makes 1e38·g overflow.
    /// </summary>
    private static (float[] Inputs, int[] Labels) Data()
    {
        var inputs = new float[12 * DivergenceNet.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = 10f * (1.5f + MathF.Sin(1.7f * i));
        }

        var untrained = new DivergenceNet(seed: 1);
        int[] labels = new int[12];
        float[] output = new float[DivergenceNet.OutputSize];
        for (int s = 0; s < labels.Length; s++)
        {
            untrained.Predict(inputs.AsSpan(s * DivergenceNet.InputSize, DivergenceNet.InputSize), output);
            labels[s] = Array.IndexOf(output, output.Min());
        }

        return (inputs, labels);
    }

    [Fact]
    public void The_example_really_overflows_in_the_update_and_not_in_the_loss()
    {
        (float[] x, int[] labels) = Data();
        var net = new DivergenceNet(seed: 1);
        float[] gradients = new float[DivergenceNet.ParameterCount];

        float lossSum = net.ComputeGradients(x, TargetBatch.FromLabels(labels), gradients, new float[labels.Length * DivergenceNet.OutputSize]);

        Assert.True(float.IsFinite(lossSum));
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
        float[] stepped = net.Parameters.ToArray();
        new Sgd(HugeRate).Step(stepped, gradients);
        Assert.Contains(stepped, p => float.IsInfinity(p));
    }

    [Fact]
    public void Fit_stops_on_an_overflowing_update_and_keeps_the_last_good_weights()
    {
        (float[] x, int[] labels) = Data();
        var net = new DivergenceNet(seed: 1);
        float[] initial = net.Parameters.ToArray();
        var sgd = new Sgd(HugeRate);

        TrainingHistory history = net.Fit(x, labels, new FitOptions { Epochs = 5, BatchSize = 12, Optimizer = sgd });

        Assert.Equal(StopReason.NonFiniteLoss, history.StopReason);
        Assert.Single(history.Epochs); // the first step of the first epoch diverged
        Assert.Equal(initial, net.Parameters.ToArray());
        Assert.Equal(0, sgd.Iterations); // the undone step is not counted
    }

    [Fact]
    public void Fit_keeps_the_weights_of_the_last_good_batch_when_a_later_update_overflows()
    {
        (float[] x, int[] labels) = Data();
        var net = new DivergenceNet(seed: 1);
        float[] initial = net.Parameters.ToArray();
        var sgd = new Sgd(1e-5f);
        // Two small steps (whole-batch epochs) that change the weights but not the gradients much, then the rate is
        // raised so that the third update overflows as the first one would have.
        var recorder = new RecordingCallback<DivergenceNet>(net)
        {
            AfterBatch = progress => sgd.LearningRate = progress.Epoch == 2 ? HugeRate : sgd.LearningRate,
        };

        TrainingHistory history = net.Fit(x, labels, new FitOptions { Epochs = 5, BatchSize = 12, Optimizer = sgd, Callbacks = [recorder] });

        Assert.Equal(StopReason.NonFiniteLoss, history.StopReason);
        Assert.Equal(2, recorder.BatchParameters.Count);
        Assert.NotEqual(initial, recorder.BatchParameters[1]);
        Assert.Equal(recorder.BatchParameters[1], net.Parameters.ToArray());
        Assert.Equal(2, sgd.Iterations);
    }

    [Fact]
    public void A_session_step_whose_update_overflows_is_undone_with_the_optimizer_state()
    {
        (float[] x, int[] labels) = Data();
        var diverging = new DivergenceNet(seed: 1);
        var momentum = new Sgd(HugeRate, momentum: 0.9f);
        var session = new TrainingSession<DivergenceNet>(diverging, momentum);
        float[] initial = diverging.Parameters.ToArray();

        float loss = session.Step(x, TargetBatch.FromLabels(labels));

        Assert.True(float.IsNaN(loss));
        Assert.Equal(initial, diverging.Parameters.ToArray());
        Assert.Equal(0, momentum.Iterations);

        // The velocity was restored too: continuing at a sane rate matches a run that never took the bad step.
        momentum.LearningRate = 0.01f;
        var reference = new DivergenceNet(seed: 1);
        var referenceSession = new TrainingSession<DivergenceNet>(reference, new Sgd(0.01f, momentum: 0.9f));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(referenceSession.Step(x, TargetBatch.FromLabels(labels)), session.Step(x, TargetBatch.FromLabels(labels)));
        }

        Assert.Equal(reference.Parameters.ToArray(), diverging.Parameters.ToArray());
    }
}
