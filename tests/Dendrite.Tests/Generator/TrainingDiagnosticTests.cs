using Xunit;
using static Dendrite.Tests.Generator.DiagnosticTests;

namespace Dendrite.Tests.Generator;

/// <summary>DN0070: an L2 factor that is negative or not finite, on Dense and Conv2D, pointing at the value.</summary>
public class TrainingDiagnosticTests
{
    [Fact]
    public void DN0070_NegativeL2OnDense() => AssertDiagnostic("DN0070", """
        using Dendrite;

        [Network]
        [Input(2)]
        [Dense(4, Activation.ReLU, L2 = [|-1e-4f|])]
        [Dense(1)]
        public partial class Net;
        """,
        "Layer 1, Dense(4, ReLU): expected L2 (the factor λ of the penalty λ·ΣW² added to the loss) to be a finite number ≥ 0, found -0.0001");

    [Fact]
    public void DN0070_NaNL2OnConv2D() => AssertDiagnostic("DN0070", """
        using Dendrite;

        [Network]
        [Input(6, 6, 1)]
        [Conv2D(4, kernel: 3, Activation.ReLU, L2 = [|float.NaN|])]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        "Layer 1, Conv2D(4, kernel: 3): expected L2 (the factor λ of the penalty λ·ΣW² added to the loss) to be a finite number ≥ 0, found NaN");
}
