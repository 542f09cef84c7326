using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Dropout;

/// <summary>
/// What a generated Dropout layer does in a network: nothing at all outside training (Predict, PredictBatch,
/// ComputeLoss and Evaluate give the bits of the same network without Dropout, and Predict still allocates nothing),
/// exactly nothing with rate 0 even in training, and while training it drops values at the declared rate, moves on one
/// step per ComputeGradients call and allocates nothing per step. A loaded network starts seed 0's stream at step 0.
/// </summary>
public sealed class DropoutNetworkTests
{
    [Fact]
    public void Inference_is_the_network_without_dropout_bit_for_bit()
    {
        var network = new DropoutMlp(seed: 3);
        var twin = new DropoutMlpTwin(seed: 0);
        network.Parameters.CopyTo(twin.Parameters);
        float[] inputs = Values(70 * DropoutMlp.InputSize, seed: 1); // more than one inference chunk
        int[] labels = Enumerable.Range(0, 70).Select(s => s % 3).ToArray();

        var outputs = new float[70 * DropoutMlp.OutputSize];
        var expected = new float[70 * DropoutMlp.OutputSize];
        network.PredictBatch(inputs, outputs);
        twin.PredictBatch(inputs, expected);
        Assert.Equal(expected, outputs);

        var one = new float[DropoutMlp.OutputSize];
        network.Predict(inputs.AsSpan(0, DropoutMlp.InputSize), one);
        Assert.Equal(expected.AsSpan(0, DropoutMlp.OutputSize).ToArray(), one);

        Assert.Equal(
            twin.ComputeLoss(inputs, TargetBatch.FromLabels(labels), new float[outputs.Length]),
            network.ComputeLoss(inputs, TargetBatch.FromLabels(labels), outputs));
        Assert.Equal(expected, outputs);
        Assert.Equal(twin.Evaluate(inputs, labels), network.Evaluate(inputs, labels));
        Assert.Equal(0, network.DropoutStep); // inference takes no training step
    }

    [Fact]
    public void Image_dropout_is_the_identity_in_inference()
    {
        var network = new DropoutCnn(seed: 2);
        float[] inputs = Values(3 * DropoutCnn.InputSize, seed: 2);
        var outputs = new float[3 * DropoutCnn.OutputSize];
        network.PredictBatch(inputs, outputs);
        double[] parameters = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int s = 0; s < 3; s++)
        {
            double[] expected = Reference.ReferenceNetwork.Forward(DropoutCnn.Architecture, parameters, inputs.AsSpan(s * DropoutCnn.InputSize, DropoutCnn.InputSize));
            for (int j = 0; j < DropoutCnn.OutputSize; j++)
            {
                Assert.Equal(expected[j], outputs[(s * DropoutCnn.OutputSize) + j], 1e-5);
            }
        }
    }

    [Fact]
    public void Rate_zero_trains_exactly_as_the_network_without_it()
    {
        var network = new ZeroRateDropout(seed: 4);
        var twin = new ZeroRateDropoutTwin(seed: 4);
        Assert.Equal(twin.Parameters.ToArray(), network.Parameters.ToArray()); // the dropout stream leaves the weights alone
        float[] inputs = Values(9 * ZeroRateDropout.InputSize, seed: 3);
        float[] targets = Values(9 * ZeroRateDropout.OutputSize, seed: 4);

        var gradients = new float[ZeroRateDropout.ParameterCount];
        var expected = new float[ZeroRateDropout.ParameterCount];
        var outputs = new float[targets.Length];
        var expectedOutputs = new float[targets.Length];
        float loss = network.ComputeGradients(inputs, TargetBatch.FromValues(targets), gradients, outputs);
        float expectedLoss = twin.ComputeGradients(inputs, TargetBatch.FromValues(targets), expected, expectedOutputs);

        Assert.Equal(expectedLoss, loss);
        Assert.Equal(expected, gradients);
        Assert.Equal(expectedOutputs, outputs);
    }

    [Fact]
    public void Training_drops_inputs_at_the_rate_and_takes_one_step_per_call()
    {
        // Layer 1 of DropoutMlp drops 20 % of the input. Its training activations are not visible, but the training
        // outputs are: with the other Dropouts they differ from Predict's, and from one step to the next.
        var network = new DropoutMlp(seed: 5);
        float[] inputs = Values(40 * DropoutMlp.InputSize, seed: 5);
        int[] labels = Enumerable.Range(0, 40).Select(s => s % 3).ToArray();
        var gradients = new float[DropoutMlp.ParameterCount];
        var first = new float[40 * DropoutMlp.OutputSize];
        var second = new float[first.Length];
        var predicted = new float[first.Length];

        network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, first);
        Assert.Equal(1, network.DropoutStep);
        network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, second);
        Assert.Equal(2, network.DropoutStep);
        network.PredictBatch(inputs, predicted);

        Assert.NotEqual(first, second);
        Assert.NotEqual(predicted, first);

        // Replaying step 0 gives step 0's outputs again.
        network.DropoutStep = 0;
        var replay = new float[first.Length];
        network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, replay);
        Assert.Equal(first, replay);
    }

    [Fact]
    public void The_training_forward_pass_drops_the_declared_fraction()
    {
        // ZeroRateDropout's twin cannot show a rate, so measure DropoutMlp's input layer through the gradient of the
        // first Dense layer's weights: ∂cost/∂W[j, i] = Σ_s dZ[s, j]·A1[s, i], and A1[s, i] = 0 exactly where input i of
        // sample s was dropped. With one sample per call, column i of dW is all zero exactly when input i was dropped.
        var network = new DropoutMlp(seed: 6);
        var random = new Random(6);
        var gradients = new float[DropoutMlp.ParameterCount];
        var outputs = new float[DropoutMlp.OutputSize];
        int dropped = 0, total = 0;
        for (int call = 0; call < 600; call++)
        {
            float[] input = Enumerable.Range(0, DropoutMlp.InputSize).Select(_ => (float)(random.NextDouble() + 0.5)).ToArray();
            network.ComputeGradients(input, TargetBatch.FromLabels([call % 3]), gradients, outputs);
            for (int i = 0; i < DropoutMlp.InputSize; i++)
            {
                bool zeroColumn = true;
                for (int j = 0; j < 33; j++)
                {
                    zeroColumn &= gradients[(j * DropoutMlp.InputSize) + i] == 0f;
                }

                dropped += zeroColumn ? 1 : 0;
                total++;
            }
        }

        // 4,200 inputs at rate 0.2: 840 expected, standard deviation 26. A column can also be zero when every unit's dZ
        // is zero (all 33 ReLUs dead for that sample), which the positive inputs make rare.
        Assert.InRange(dropped, 840 - 130, 840 + 130);
    }

    [Fact]
    public void A_loaded_network_draws_the_masks_of_seed_zero_from_step_zero()
    {
        var trained = new DropoutMlp(seed: 7);
        float[] inputs = Values(8 * DropoutMlp.InputSize, seed: 7);
        int[] labels = Enumerable.Range(0, 8).Select(s => s % 3).ToArray();
        trained.ComputeGradients(inputs, TargetBatch.FromLabels(labels), new float[DropoutMlp.ParameterCount], new float[8 * DropoutMlp.OutputSize]);

        using var file = new MemoryStream();
        trained.Save(file);
        file.Position = 0;
        DropoutMlp loaded = DropoutMlp.Load(file);
        var seedZero = new DropoutMlp(seed: 0);
        trained.Parameters.CopyTo(seedZero.Parameters);
        Assert.Equal(0, loaded.DropoutStep);

        var fromLoaded = new float[DropoutMlp.ParameterCount];
        var fromSeedZero = new float[DropoutMlp.ParameterCount];
        loaded.ComputeGradients(inputs, TargetBatch.FromLabels(labels), fromLoaded, new float[8 * DropoutMlp.OutputSize]);
        seedZero.ComputeGradients(inputs, TargetBatch.FromLabels(labels), fromSeedZero, new float[8 * DropoutMlp.OutputSize]);
        Assert.Equal(fromSeedZero, fromLoaded);
    }

    [Fact]
    public void Predict_and_a_training_step_allocate_nothing()
    {
        var network = new DropoutMlp(seed: 8);
        float[] input = Values(DropoutMlp.InputSize, seed: 8);
        var output = new float[DropoutMlp.OutputSize];
        network.Predict(input, output);
        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(200, () =>
        {
            network.Predict(input, output);
        }));

        float[] inputs = Values(33 * DropoutCnn.InputSize, seed: 9);
        float[] targets = Values(33 * DropoutCnn.OutputSize, seed: 10).Select(Math.Abs).ToArray();
        var session = new TrainingSession<DropoutCnn>(new DropoutCnn(seed: 1), new Adam(), maxThreads: 1);
        session.Step(inputs, TargetBatch.FromValues(targets));
        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(20, () =>
        {
            session.Step(inputs, TargetBatch.FromValues(targets));
        }));
        Assert.Equal(1 + (3 * 20), session.Optimizer.Iterations);
    }

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
