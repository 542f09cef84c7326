using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// One test (at least) per diagnostic ID: the declaration marks with [|...|] the token the diagnostic must point at,
/// and the test checks the ID, the exact span (file, line and column) and the full message, which must say what
/// was expected and what was found. Each also checks that nothing is generated for the broken declaration.
/// </summary>
public class DiagnosticTests
{
    [Fact]
    public void DN0001_ClassNotPartial() => AssertDiagnostic("DN0001", """
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public class [|Plain|];
        """,
        "'Plain' must be declared partial so Dendrite can add the generated network code to it (expected 'partial class Plain', found 'public class Plain')");

    [Fact]
    public void DN0001_ContainingClassNotPartial() => AssertDiagnostic("DN0001", """
        using Dendrite;

        public class [|Outer|]
        {
            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Inner;
        }
        """,
        "'Outer' must be declared partial so Dendrite can add the generated network code to it (expected 'partial class Outer', found 'public class Outer')");

    [Fact]
    public void DN0002_NoInput() => AssertDiagnostic("DN0002", """
        using Dendrite;

        [Network]
        [Dense(1)]
        public partial class [|NoInput|];
        """,
        "Network 'NoInput' has no [Input] attribute: expected one [Input(size)] declaring the values per sample, found none");

    [Fact]
    public void DN0003_NoLayers() => AssertDiagnostic("DN0003", """
        using Dendrite;

        [Network]
        [Input(2)]
        public partial class [|NoLayers|];
        """,
        "Network 'NoLayers' has no layers: expected at least one layer attribute such as [Dense(10, Activation.Linear)] after [Input], found none");

    [Fact]
    public void DN0004_NonPositiveUnits_PointsAtTheArgument() => AssertDiagnostic("DN0004", """
        using Dendrite;

        [Network]
        [Input(2)]
        [Dense(4, Activation.ReLU)]
        [Dense([|-3|], Activation.ReLU)]
        [Dense(1)]
        public partial class Net;
        """,
        "Layer 2, Dense(-3, ReLU): expected the number of units to be a positive integer, found -3");

    [Fact]
    public void DN0004_ZeroInputSize() => AssertDiagnostic("DN0004", """
        using Dendrite;

        [Network]
        [Input([|0|])]
        [Dense(1)]
        public partial class Net;
        """,
        "[Input] on 'Net': expected the input size to be a positive integer, found 0");

    [Fact]
    public void DN0004_ImageInputWidth() => AssertDiagnostic("DN0004", """
        using Dendrite;

        [Network]
        [Input(28, [|-28|], 1)]
        [Dense(1)]
        public partial class Net;
        """,
        "[Input] on 'Net': expected the image width to be a positive integer, found -28");

    [Fact]
    public void DN0005_SoftmaxOnHiddenLayer() => AssertDiagnostic("DN0005", """
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(4)]
        [[|Dense(8, Activation.Softmax)|]]
        [Dense(3)]
        public partial class Net;
        """,
        "Hidden layer 1, Dense(8, Softmax) uses Activation.Softmax: expected softmax only on the output layer (use ReLU for hidden layers), found it on layer 1 of 2");

    [Fact]
    public void DN0006_SoftmaxOutputWithFromLogits() => AssertDiagnostic("DN0006", """
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(4)]
        [Dense(8, Activation.ReLU)]
        [[|Dense(3, Activation.Softmax)|]]
        public partial class Net;
        """,
        "The output layer (layer 2, Dense(3, Softmax)) applies Activation.Softmax and the loss has FromLogits = true, so Softmax would be applied twice: expected Activation.Linear on the output layer with FromLogits = true, or FromLogits = false with Activation.Softmax");

    [Fact]
    public void DN0006_SigmoidOutputWithFromLogits() => AssertDiagnostic("DN0006", """
        using Dendrite;

        [Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)]
        [Input(2)]
        [[|Dense(1, Activation.Sigmoid)|]]
        public partial class Net;
        """,
        "The output layer (layer 1, Dense(1, Sigmoid)) applies Activation.Sigmoid and the loss has FromLogits = true, so Sigmoid would be applied twice: expected Activation.Linear on the output layer with FromLogits = true, or FromLogits = false with Activation.Sigmoid");

    [Fact]
    public void DN0007_LinearOutputWithoutFromLogits() => AssertDiagnostic("DN0007", """
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy)]
        [Input(784)]
        [Dense(25, Activation.ReLU)]
        [[|Dense(10, Activation.Linear)|]]
        public partial class Net;
        """,
        "The output layer (layer 2, Dense(10, Linear)) is linear but Loss.SparseCategoricalCrossentropy has FromLogits = false, so the loss would take the log of unbounded scores and training will not converge: expected FromLogits = true (the numerically stable form), found FromLogits = false");

    [Fact]
    public void DN0008_BinaryCrossEntropyOnTanhOutput() => AssertDiagnostic("DN0008", """
        using Dendrite;

        [Network(Loss = Loss.BinaryCrossentropy)]
        [Input(2)]
        [[|Dense(1, Activation.Tanh)|]]
        public partial class Net;
        """,
        "Loss.BinaryCrossentropy does not fit the output layer (layer 1, Dense(1, Tanh)): expected Activation.Sigmoid (probabilities), or Activation.Linear with FromLogits = true, found Activation.Tanh");

    [Fact]
    public void DN0008_SparseCrossEntropyWithOneOutput() => AssertDiagnostic("DN0008", """
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(2)]
        [[|Dense(1)|]]
        public partial class Net;
        """,
        "Loss.SparseCategoricalCrossentropy does not fit the output layer (layer 1, Dense(1, Linear)): expected at least 2 output units (one per class; for two classes with one output use Loss.BinaryCrossentropy), found 1 unit");

    [Fact]
    public void DN0009_GenericClass() => AssertDiagnostic("DN0009", """
        using Dendrite;

        [Network]
        [Input(2)]
        [Dense(1)]
        public partial class [|Net|]<T>;
        """,
        "'Net' cannot be a network: expected a non-generic class, found type parameters <T>");

    [Fact]
    public void DN0009_NestedInGenericType() => AssertDiagnostic("DN0009", """
        using Dendrite;

        public partial class Outer<T>
        {
            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class [|Net|];
        }
        """,
        "'Net' cannot be a network: expected a class nested only in non-generic types, found one nested in generic type 'Outer<T>'");

    [Fact]
    public void DN0009_Record() => AssertDiagnostic("DN0009", """
        using Dendrite;

        [Network]
        [Input(2)]
        [Dense(1)]
        public partial record [|Net|];
        """,
        "'Net' cannot be a network: expected a class, found a record declaration");

    [Fact]
    public void DN0009_StaticClass() => AssertDiagnostic("DN0009", """
        using Dendrite;

        [Network]
        [Input(2)]
        [Dense(1)]
        public static partial class [|Net|];
        """,
        "'Net' cannot be a network: expected a class that can be instantiated, found a static class");

    [Fact]
    public void DN0009_FileLocalClass() => AssertDiagnostic("DN0009", """
        using Dendrite;

        [Network]
        [Input(2)]
        [Dense(1)]
        file partial class [|Net|];
        """,
        "'Net' cannot be a network: expected a class visible outside its file (its generated part lives in another file), found a file-local class");

    [Fact]
    public void DN0010_UndefinedActivation_PointsAtTheArgument() => AssertDiagnostic("DN0010", """
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(4)]
        [Dense(4, Activation.ReLU)]
        [Dense(3, [|(Activation)99|])]
        public partial class Net;
        """,
        "Layer 2, Dense(3, (Activation)99): expected a defined Activation value (Linear, ReLU, Sigmoid, Softmax, Tanh, LeakyReLU, ELU, GELU, GELUTanh, SiLU, Softplus), found 99");

    [Fact]
    public void DN0010_UndefinedLoss_PointsAtTheArgument() => AssertDiagnostic("DN0010", """
        using Dendrite;

        [Network(Loss = [|(Loss)42|])]
        [Input(4)]
        [Dense(1)]
        public partial class Net;
        """,
        "[Network] on 'Net': expected a defined Loss value (MeanSquaredError, BinaryCrossentropy, SparseCategoricalCrossentropy, CategoricalCrossentropy), found 42");

    [Fact]
    public void DN0011_LayerOnAnotherPartialDeclaration() => AssertDiagnostic("DN0011", """
        using Dendrite;

        [Network]
        [Input(2)]
        [Dense(1)]
        public partial class Net;

        [[|Dense(4, Activation.ReLU)|]]
        public partial class Net;
        """,
        "'Net' has layer attributes on more than one partial declaration, so their order is undefined: expected [Input] and every layer attribute on the declaration that carries [Network], found [Dense] on another declaration");

    [Fact]
    public void DN0012_FromLogitsWithMeanSquaredError_PointsAtTheArgument() => AssertDiagnostic("DN0012", """
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError, [|FromLogits = true|])]
        [Input(2)]
        [Dense(1)]
        public partial class Net;
        """,
        "Network 'Net' sets FromLogits = true with Loss.MeanSquaredError: expected a cross-entropy loss (FromLogits only says the loss applies sigmoid or softmax itself), found Loss.MeanSquaredError");

    [Fact]
    public void DN0013_TooManyParameters() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [Input(784)]
        [Dense(1000, Activation.ReLU)]
        [[|Dense(int.MaxValue)|]]
        public partial class Net;
        """,
        "Network 'Net' is too large at layer 2, Dense(2147483647, Linear): expected at most 2,147,483,576 parameters (the longest .NET array, less 15 values to align it), found 2,149,631,915,647");

    [Fact]
    public void DN0013_InputTooLarge() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [[|Input(65536, 65536, 3)|]]
        [Dense(1)]
        public partial class Net;
        """,
        "Network 'Net' is too large at [Input]: expected at most 2,147,483,591 values per input sample (the longest .NET array), found 12,884,901,888");

    [Fact]
    public void DN0013_HiddenLayersTooWideForTheInferenceScratch() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [Input(1)]
        [[|Dense(40000000, Activation.ReLU)|]]
        [Dense(1)]
        public partial class Net;
        """,
        "Network 'Net' is too large at layer 1, Dense(40000000, ReLU): expected at most 33,554,430 hidden units in total (inference keeps the hidden activations of 64 samples in one array), found 40,000,000");

    [Fact]
    public void EveryDiagnosticHasAHelpLinkToItsSection()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Dendrite;

            [Network]
            [Dense(1)]
            public class Net;
            """);

        Assert.NotEmpty(run.GeneratorDiagnostics);
        foreach (Diagnostic diagnostic in run.GeneratorDiagnostics)
        {
            Assert.Equal(
                "https://github.com/dendrite-nn/dendrite/blob/main/docs/diagnostics.md#" + diagnostic.Id.ToLowerInvariant(),
                diagnostic.Descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        }
    }

    internal static void AssertDiagnostic(string id, string markup, string message)
    {
        MarkedSource marked = MarkedSource.Parse(markup);
        GeneratorRun run = GeneratorHarness.Run(marked.Source);

        Assert.Empty(run.Exceptions);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        FileLinePositionSpan location = diagnostic.Location.GetLineSpan();
        Assert.Equal("Network0.cs", location.Path);
        Assert.True(
            marked.Span == diagnostic.Location.SourceSpan,
            $"Expected the diagnostic on '{marked.MarkedText}' at {marked.LineSpan} but it is on " +
            $"'{marked.Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}' at {location.Span}.");
        Assert.Equal(marked.LineSpan, location.Span);

        run.AssertOnlyStubsGenerated();
    }
}
