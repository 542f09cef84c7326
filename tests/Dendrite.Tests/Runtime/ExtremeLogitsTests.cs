using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// Whole networks driven to output logits of ±1e4 (by setting the output biases): the fused cross-entropy paths
/// must give the exact, finite loss and gradient, where a naive log(softmax) or log(σ) would give ∞ or NaN.
/// </summary>
public class ExtremeLogitsTests
{
    [Fact]
    public void Sparse_crossentropy_softmax_output_stays_finite()
    {
        var net = new GcSoftmaxRegression(seed: 1);
        Span<float> p = net.Parameters;
        LayerInfo output = GcSoftmaxRegression.Architecture.Layers[^1];
        p.Slice(output.WeightOffset, output.WeightCount).Clear();
        p.Slice(output.BiasOffset, output.BiasCount).Fill(-1e4f);
        p[output.BiasOffset] = 1e4f; // class 0 certain

        float[] x = new float[GcSoftmaxRegression.InputSize];
        float[] gradients = new float[GcSoftmaxRegression.ParameterCount];
        float[] outputs = new float[GcSoftmaxRegression.OutputSize];

        // Label 1: logits (1e4, −1e4, …): loss = log Σ e^z − z_1 = 1e4 − (−1e4) = 2e4, dZ = softmax − onehot = (1, −1, 0, …).
        float loss = net.ComputeGradients(x, TargetBatch.FromLabels([1]), gradients, outputs);

        Assert.Equal(2e4f, loss);
        Assert.Equal(1f, gradients[output.BiasOffset]);
        Assert.Equal(-1f, gradients[output.BiasOffset + 1]);
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(0f, net.ComputeLoss(x, TargetBatch.FromLabels([0]), outputs));
    }

    [Fact]
    public void Binary_crossentropy_sigmoid_output_stays_finite()
    {
        var net = new GcLogisticRegression(seed: 1);
        LayerInfo output = GcLogisticRegression.Architecture.Layers[^1];
        net.Parameters[output.WeightOffset] = 0f;
        float[] x = [0.5f];
        float[] gradients = new float[GcLogisticRegression.ParameterCount];
        float[] outputs = new float[1];

        foreach ((float bias, float target, float expectedLoss, float expectedDz) in new[] { (1e4f, 0f, 1e4f, 1f), (-1e4f, 1f, 1e4f, -1f), (1e4f, 1f, 0f, 0f) })
        {
            net.Parameters[output.BiasOffset] = bias;

            // σ(±1e4) rounds to exactly 1 or 0, where −log p would be ∞; the softplus form gives |z| exactly.
            float loss = net.ComputeGradients(x, TargetBatch.FromValues([target]), gradients, outputs);

            Assert.Equal(expectedLoss, loss);
            Assert.Equal(expectedDz, gradients[output.BiasOffset]); // db = σ(z) − y
            Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
        }
    }

    [Fact]
    public void Categorical_crossentropy_from_logits_through_a_deep_network_stays_finite()
    {
        var net = new GcCategoricalLogits(seed: 1);
        LayerInfo output = GcCategoricalLogits.Architecture.Layers[^1];
        net.Parameters.Slice(output.BiasOffset, output.BiasCount).Fill(1e4f);
        net.Parameters[output.BiasOffset + 2] = -1e4f;
        float[] x = Enumerable.Range(0, GcCategoricalLogits.InputSize).Select(i => 0.1f * i).ToArray();
        float[] y = new float[GcCategoricalLogits.OutputSize];
        y[2] = 1f; // the class the network is certain against
        float[] gradients = new float[GcCategoricalLogits.ParameterCount];
        float[] outputs = new float[GcCategoricalLogits.OutputSize];

        float loss = net.ComputeGradients(x, TargetBatch.FromValues(y), gradients, outputs);

        Assert.True(float.IsFinite(loss) && loss > 1.9e4f, $"loss {loss}");
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
    }
}
