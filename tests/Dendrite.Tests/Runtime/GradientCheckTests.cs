using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// The generated backward pass (<c>ComputeGradients</c>) against central finite differences of an independent
/// double-precision forward pass, for every allowed output activation × loss, with every hidden activation in
/// each network, on layer widths 1, 3, 7, 17 and 33. Tolerance: <see cref="GradientCheck.RelativeTolerance"/>.
/// </summary>
public class GradientCheckTests
{
    [Fact] public void Mse_linear_output() => GradientCheck.Run(new GcMseLinear(seed: 11), seed: 1);

    [Fact] public void Mse_sigmoid_output() => GradientCheck.Run(new GcMseSigmoid(seed: 12), seed: 2);

    [Fact] public void Mse_tanh_output() => GradientCheck.Run(new GcMseTanh(seed: 13), seed: 3);

    [Fact] public void Mse_relu_output() => GradientCheck.Run(new GcMseReLU(seed: 14), seed: 4);

    [Fact] public void Mse_softmax_output() => GradientCheck.Run(new GcMseSoftmax(seed: 15), seed: 5);

    [Fact] public void Binary_crossentropy_sigmoid_output() => GradientCheck.Run(new GcBceSigmoid(seed: 16), seed: 6);

    [Fact] public void Binary_crossentropy_from_logits() => GradientCheck.Run(new GcBceLogits(seed: 17), seed: 7);

    [Fact] public void Sparse_crossentropy_softmax_output() => GradientCheck.Run(new GcSparseSoftmax(seed: 18), seed: 8);

    [Fact] public void Sparse_crossentropy_from_logits() => GradientCheck.Run(new GcSparseLogits(seed: 19), seed: 9);

    [Fact] public void Categorical_crossentropy_softmax_output() => GradientCheck.Run(new GcCategoricalSoftmax(seed: 20), seed: 10);

    [Fact] public void Categorical_crossentropy_from_logits() => GradientCheck.Run(new GcCategoricalLogits(seed: 21), seed: 11);

    [Fact] public void Logistic_regression_without_hidden_layers() => GradientCheck.Run(new GcLogisticRegression(seed: 22), seed: 12);

    [Fact] public void Softmax_regression_without_hidden_layers() => GradientCheck.Run(new GcSoftmaxRegression(seed: 23), seed: 13);

    [Fact] public void Linear_regression_without_hidden_layers() => GradientCheck.Run(new GcLinearRegression(seed: 24), seed: 14);
}
