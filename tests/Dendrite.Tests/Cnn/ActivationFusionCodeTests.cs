using Dendrite.Tests.Generator;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>
/// Where ActivationFusion applies, as the generated code shows it: a ReLU Conv2D straight into a MaxPool2D loses both
/// ReLU passes (the pool gates what it routes); other activations, and a ReLU convolution not followed by max-pooling,
/// keep the passes their layers need. ActivationFusionTests shows the fused code gives the bits of the passes.
/// </summary>
public class ActivationFusionCodeTests
{
    private static GeneratorRun Generate(string conv, string next) => GeneratorHarness.Run($$"""
        using Dendrite;
        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(8, 8, 2)]
        [Conv2D(4, kernel: 3, {{conv}})]
        [{{next}}]
        [Flatten]
        [Dense(3)]
        partial class Net;
        """);

    [Fact]
    public void ReLUConvolutionIntoMaxPool_HasNoReLUPasses()
    {
        GeneratorRun run = Generate("Activation.ReLU", "MaxPool2D(2)");
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource(), kernels = run.KernelsSource();

        Assert.Contains("public static bool StoresReLU => true;", network, StringComparison.Ordinal);
        Assert.Contains("ReLU' of layer 1 folded in", network, StringComparison.Ordinal);
        Assert.DoesNotContain("ReLUForward(", network, StringComparison.Ordinal);
        Assert.DoesNotContain("ReLUBackward(", network, StringComparison.Ordinal);
        Assert.DoesNotContain("ReLUForward(", kernels, StringComparison.Ordinal);
        Assert.DoesNotContain("ReLUBackward(", kernels, StringComparison.Ordinal);
    }

    [Fact]
    public void ReLUConvolutionIntoAveragePool_StoresReLUButKeepsReLUBackward()
    {
        GeneratorRun run = Generate("Activation.ReLU", "AveragePooling2D(2)");
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource();

        Assert.Contains("public static bool StoresReLU => true;", network, StringComparison.Ordinal);
        Assert.DoesNotContain("ReLUForward(", network, StringComparison.Ordinal);
        Assert.Contains("ReLUBackward(a, delta,", network, StringComparison.Ordinal);
        Assert.DoesNotContain("folded in", network, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Activation.LeakyReLU, Slope = 0.1f", "LeakyReLU")]
    [InlineData("Activation.GELU", "GELU")]
    [InlineData("Activation.Sigmoid", "Sigmoid")]
    public void OtherActivationsIntoMaxPool_KeepTheirPasses(string conv, string kernel)
    {
        GeneratorRun run = Generate(conv, "MaxPool2D(2)");
        Assert.Empty(run.CompilationProblems());
        string network = run.NetworkSource();

        Assert.Contains("public static bool StoresReLU => false;", network, StringComparison.Ordinal);
        Assert.Contains(kernel + "Forward(", network, StringComparison.Ordinal);
        Assert.Contains(kernel + "Backward(", network, StringComparison.Ordinal);
        Assert.DoesNotContain("folded in", network, StringComparison.Ordinal);
    }
}
