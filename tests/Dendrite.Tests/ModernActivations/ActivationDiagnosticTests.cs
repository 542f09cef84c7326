using Dendrite.Tests.Generator;
using Xunit;

namespace Dendrite.Tests.ModernActivations;

/// <summary>DN0050 and DN0051 (LeakyReLU's Slope), and the loss rules applied to the new output activations.</summary>
public sealed class ActivationDiagnosticTests
{
    [Fact]
    public void DN0050_NegativeSlope_PointsAtTheValue() => DiagnosticTests.AssertDiagnostic("DN0050", """
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(4)]
        [Dense(16, Activation.LeakyReLU, Slope = [|-0.1f|])]
        [Dense(1)]
        public partial class Regressor;
        """,
        "Layer 1, Dense(16, LeakyReLU): expected Slope to be a finite number ≥ 0 (the negative side's slope; Keras' default is 0.2), found -0.1");

    [Fact]
    public void DN0050_NaNSlopeOnConv2D() => DiagnosticTests.AssertDiagnostic("DN0050", """
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(6, 6, 1)]
        [Conv2D(4, kernel: 3, Activation.LeakyReLU, Slope = [|float.NaN|])]
        [Flatten]
        [Dense(1)]
        public partial class Regressor;
        """,
        "Layer 1, Conv2D(4, kernel: 3): expected Slope to be a finite number ≥ 0 (the negative side's slope; Keras' default is 0.2), found float.NaN");

    [Fact]
    public void DN0050_InfiniteSlope() => DiagnosticTests.AssertDiagnostic("DN0050", """
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(4)]
        [Dense(16, Activation.LeakyReLU, Slope = [|float.PositiveInfinity|])]
        [Dense(1)]
        public partial class Regressor;
        """,
        "Layer 1, Dense(16, LeakyReLU): expected Slope to be a finite number ≥ 0 (the negative side's slope; Keras' default is 0.2), found float.PositiveInfinity");

    [Fact]
    public void DN0051_SlopeOnReLU_PointsAtTheSetting() => DiagnosticTests.AssertDiagnostic("DN0051", """
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(4)]
        [Dense(16, Activation.ReLU, [|Slope = 0.1f|])]
        [Dense(1)]
        public partial class Regressor;
        """,
        "Layer 1, Dense(16, ReLU) sets Slope = 0.1, but Activation.ReLU has no slope, so it would be ignored: expected Activation.LeakyReLU with Slope, or no Slope with Activation.ReLU");

    [Fact]
    public void DN0051_SlopeOnAConv2DWithTheDefaultLinearActivation() => DiagnosticTests.AssertDiagnostic("DN0051", """
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(6, 6, 1)]
        [Conv2D(4, kernel: 3, [|Slope = 0.3f|])]
        [Flatten]
        [Dense(1)]
        public partial class Regressor;
        """,
        "Layer 1, Conv2D(4, kernel: 3) sets Slope = 0.3, but Activation.Linear has no slope, so it would be ignored: expected Activation.LeakyReLU with Slope, or no Slope with Activation.Linear");

    [Fact]
    public void DN0008_GeluOutputWithACrossEntropyLoss() => DiagnosticTests.AssertDiagnostic("DN0008", """
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy)]
        [Input(4)]
        [Dense(8, Activation.GELU)]
        [[|Dense(3, Activation.GELU)|]]
        public partial class Classifier;
        """,
        "Loss.SparseCategoricalCrossentropy does not fit the output layer (layer 2, Dense(3, GELU)): expected Activation.Softmax (probabilities), or Activation.Linear with FromLogits = true, found Activation.GELU");

    [Fact]
    public void Every_new_activation_is_accepted_on_a_regression_output_and_a_zero_slope_is_valid()
    {
        foreach (string activation in new[] { "LeakyReLU, Slope = 0f", "LeakyReLU", "ELU", "GELU", "GELUTanh", "SiLU", "Softplus" })
        {
            GeneratorRun run = GeneratorHarness.Run($$"""
                using Dendrite;

                [Network(Loss = Loss.MeanSquaredError)]
                [Input(6, 6, 1)]
                [Conv2D(2, kernel: 3, Activation.{{activation}})]
                [Flatten]
                [Dense(4, Activation.{{activation}})]
                [Dense(2, Activation.{{activation}})]
                public partial class Regressor;
                """);
            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationProblems());
        }
    }
}
