using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>
/// The ReLU passes that ActivationFusion folds into the Conv2D kernels' stores and into the MaxPool2D backward give the
/// same bits as the separate passes (ReLUForward, ReLUBackward) they replace, on networks whose other layers do the same
/// operations (ActivationFusionNetworks).
/// </summary>
public class ActivationFusionTests
{
    private const int Batch = 5;

    [Fact]
    public void ReLUStoredByTheKernels_IsMaxOfZAndZero()
    {
        var linear = new LinearConvIdentityNet(seed: 3);
        var relu = new ReLUConvIdentityNet(seed: 3);
        const int ConvParameters = (3 * 3 * 3 * 37) + 37, Units = 740;
        Assert.Equal(ConvParameters + (Units * Units) + Units, ReLUConvIdentityNet.ParameterCount);
        linear.Parameters.Slice(ConvParameters).Clear();
        for (int i = 0; i < Units; i++)
        {
            linear.Parameters[ConvParameters + (i * Units) + i] = 1f; // W = I (symmetric, whichever way W is laid out), b = 0
        }

        linear.Parameters.CopyTo(relu.Parameters);
        float[] inputs = Inputs(Batch * ReLUConvIdentityNet.InputSize, seed: 11);
        float[] z = new float[Batch * Units], actual = new float[Batch * Units];
        linear.PredictBatch(inputs, z);
        relu.PredictBatch(inputs, actual);
        float[] expected = z.Select(v => MathF.Max(v, 0f)).ToArray(); // ReLUForward's scalar form

        Assert.Contains(z, v => v < 0f); // some units are cut by ReLU, some pass
        Assert.Contains(z, v => v > 0f);
        Assert.Equal(Bits(expected), Bits(actual));
        for (int s = 0; s < Batch; s++)
        {
            // Predict, one sample, gives the same bits as the batch.
            float[] one = new float[Units];
            relu.Predict(inputs.AsSpan(s * ReLUConvIdentityNet.InputSize, ReLUConvIdentityNet.InputSize), one);
            Assert.Equal(Bits(expected.AsSpan(s * Units, Units).ToArray()), Bits(one));
        }
    }

    [Fact]
    public void ReLUDerivativeAppliedByMaxPool_MatchesTheSeparatePass()
    {
        var fused = new ReLUPoolFusedNet(seed: 5);
        var separate = new ReLUPoolUnfusedNet(seed: 5);
        Assert.Equal(ReLUPoolFusedNet.ParameterCount, ReLUPoolUnfusedNet.ParameterCount);
        fused.Parameters.CopyTo(separate.Parameters);
        float[] inputs = Inputs(Batch * ReLUPoolFusedNet.InputSize, seed: 7);
        int[] labels = { 0, 3, 1, 2, 3 };
        float[] expected = Gradients(separate.ComputeGradients, inputs, labels, out float expectedLoss);
        float[] actual = Gradients(fused.ComputeGradients, inputs, labels, out float actualLoss);

        Assert.Contains(expected, v => v != 0f);
        Assert.Equal(Bits(expected), Bits(actual));
        Assert.Equal(expectedLoss, actualLoss);
    }

    private delegate float ComputeGradients(ReadOnlySpan<float> inputs, TargetBatch targets, Span<float> gradients, Span<float> outputs);

    private static float[] Gradients(ComputeGradients compute, float[] inputs, int[] labels, out float loss)
    {
        var gradients = new float[ReLUPoolFusedNet.ParameterCount];
        loss = compute(inputs, TargetBatch.FromLabels(labels), gradients, new float[Batch * ReLUPoolFusedNet.OutputSize]);
        return gradients;
    }

    /// <summary>Values in [−1, 1), about half of each convolution's outputs then negative.</summary>
    private static float[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
