using Xunit;
using static Dendrite.Tests.Generator.DiagnosticTests;

namespace Dendrite.Tests.Generator;

/// <summary>
/// One test per parser diagnostic of DN0014–DN0019 (and the new DN0013 cases): ID, location and message. These are
/// things the generator used to accept silently or crash on: look-alike attributes, layers before [Input], a second
/// [Input] or [Network], a Weights value that names no file, and more layers than the documented limit.
/// </summary>
public class ParserDiagnosticTests
{
    [Fact]
    public void DN0014_LookAlikeConv2DWithAStringConstructor() => AssertDiagnostic("DN0014", """
        using Dendrite;

        namespace Dendrite
        {
            public sealed class Conv2DAttribute : System.Attribute
            {
                public Conv2DAttribute(string filters) { }
            }
        }

        [Network]
        [Input(8, 8, 1)]
        [[|Conv2D("four")|]]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        "[Conv2D] on 'Net' does not match Dendrite's Conv2DAttribute: expected Conv2D(int filters, int kernel[, Activation activation]) with optional Stride (int), Padding (Padding), Slope (float), L2 (float), found Dendrite.Conv2DAttribute(string)");

    [Fact]
    public void DN0014_LookAlikeMaxPool2DWithoutArguments() => AssertDiagnostic("DN0014", """
        using Dendrite;

        namespace Dendrite
        {
            public sealed class MaxPool2DAttribute : System.Attribute
            {
            }
        }

        [Network]
        [Input(8, 8, 1)]
        [[|MaxPool2D|]]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        "[MaxPool2D] on 'Net' does not match Dendrite's MaxPool2DAttribute: expected MaxPool2D(int poolSize) with optional Stride (int), Padding (Padding), found Dendrite.MaxPool2DAttribute()");

    [Fact]
    public void DN0014_LookAlikeNamedArgumentOfTheWrongType() => AssertDiagnostic("DN0014", """
        using Dendrite;

        namespace Dendrite
        {
            public sealed class NetworkAttribute : System.Attribute
            {
                public string? Loss { get; set; }
            }
        }

        [Network([|Loss = "mse"|])]
        [Input(4)]
        [Dense(1)]
        public partial class Net;
        """,
        "[Network] on 'Net' does not match Dendrite's NetworkAttribute: expected Network with optional Loss (Loss), FromLogits (bool), Weights (string), Onnx (string), found Dendrite.NetworkAttribute() with Loss of type string");

    [Fact]
    public void DN0015_LayerBeforeInput() => AssertDiagnostic("DN0015", """
        using Dendrite;

        [Network]
        [[|Dense(3)|]]
        [Input(4)]
        [Dense(1)]
        public partial class Net;
        """,
        "'Net' declares the layer [Dense(3)] before [Input(4)]: expected [Input] first and then the layers in order (layer order is attribute order), found [Dense(3)] before it");

    [Fact]
    public void DN0016_SecondInput() => AssertDiagnostic("DN0016", """
        using Dendrite;

        namespace Dendrite
        {
            [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)]
            public sealed class InputAttribute : System.Attribute
            {
                public InputAttribute(int size) { }
            }
        }

        [Network]
        [Input(4)]
        [[|Input(5)|]]
        [Dense(1)]
        public partial class Net;
        """,
        "'Net' has more than one [Input]: expected exactly one, found [Input(4)] and then [Input(5)]");

    [Fact]
    public void DN0016_SecondNetwork() => AssertDiagnostic("DN0016", """
        using Dendrite;

        namespace Dendrite
        {
            [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)]
            public sealed class NetworkAttribute : System.Attribute
            {
                public Loss Loss { get; set; }
            }
        }

        [Network]
        [[|Network(Loss = Loss.BinaryCrossentropy)|]]
        [Input(4)]
        [Dense(1)]
        public partial class Net;
        """,
        "'Net' has more than one [Network]: expected exactly one, found [Network] and then [Network(Loss = Loss.BinaryCrossentropy)]");

    [Fact]
    public void DN0016_NetworkOnTwoPartialDeclarations()
    {
        MarkedSource marked = MarkedSource.Parse("""
            using Dendrite;

            [Network]
            [Input(4)]
            [Dense(1)]
            public partial class Net;

            [[|Network(Loss = Loss.BinaryCrossentropy)|]]
            public partial class Net;
            """);
        GeneratorRun run = GeneratorHarness.Run(marked.Source);

        // The compiler also reports CS0579 (the attribute allows one); the generator says which one counts.
        Assert.Empty(run.Exceptions);
        Microsoft.CodeAnalysis.Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0016", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "'Net' has more than one [Network]: expected exactly one, found [Network] on another partial declaration and then [Network(Loss = Loss.BinaryCrossentropy)]",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DN0017_EmptyWeights() => AssertDiagnostic("DN0017", """
        using Dendrite;

        [Network(Weights = [|""|])]
        [Input(4)]
        [Dense(1)]
        public partial class Net;
        """,
        "Network 'Net' sets Weights to something that cannot name an AdditionalFiles item: expected a file name or relative path valid on every OS (or no Weights for no compiled-in weights), found an empty string");

    [Theory]
    [InlineData("\"   \"", "only white space")]
    [InlineData("\"\\t\"", "only white space")]
    [InlineData("\"net<1>.weights\"", "the character U+003C ('<'), which no Windows path may hold")]
    [InlineData("\"net\\0.weights\"", "the character U+0000 (a control character), which no Windows path may hold")]
    [InlineData("\"weights/\"", "'weights/', which ends in a folder separator")]
    [InlineData("\"./\"", "'./', which names a folder, not a file")]
    public void DN0017_WeightsThatCannotNameAFile(string literal, string found) => AssertDiagnostic("DN0017", """
        using Dendrite;

        [Network(Weights = [|
        """ + literal + """
        |])]
        [Input(4)]
        [Dense(1)]
        public partial class Net;
        """,
        "Network 'Net' sets Weights to something that cannot name an AdditionalFiles item: expected a file name or relative path valid on every OS (or no Weights for no compiled-in weights), found " + found);

    [Fact]
    public void DN0018_TooManyLayers()
    {
        string sixtyFourLayers = string.Concat(Enumerable.Repeat("[Dense(4, Activation.ReLU)]\n", 64));
        AssertDiagnostic(
            "DN0018",
            "using Dendrite;\n\n[Network]\n[Input(4)]\n" + sixtyFourLayers + "[[|Dense(1)|]]\n[Dense(1)]\npublic partial class Net;\n",
            "Network 'Net' has too many layers: expected at most 64 layers (generated code grows with every layer), found 66");
    }

    [Fact]
    public void DN0019_LayersWithoutNetwork() => AssertDiagnostic("DN0019", """
        using Dendrite;

        [[|Input(2)|]]
        [Dense(3, Activation.ReLU)]
        [Dense(1)]
        public partial class Net;
        """,
        "'Net' has [Input(2)] but no [Network], so nothing is generated for it: expected [Network] on the class (or no Dendrite layer attributes), found [Input(2)] without it");

    [Fact]
    public void DN0019_OnlyOnceForEveryLayerKind() => AssertDiagnostic("DN0019", """
        using Dendrite;

        [[|Conv2D(2, 3)|]]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        "'Net' has [Conv2D(2, 3)] but no [Network], so nothing is generated for it: expected [Network] on the class (or no Dendrite layer attributes), found [Conv2D(2, 3)] without it");

    [Fact]
    public void DN0013_InputsTimesTheKernelBlockOverflowAnInt() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [Input(715_827_883)]
        [[|Dense(1)|]]
        public partial class Net;
        """,
        "Network 'Net' is too large at layer 1, Dense(1, Linear): expected at most 2,147,483,647 for 4 × the inputs (the offsets in the 4-sample kernels are int constants), found 2,863,311,532");

    [Fact]
    public void DN0013_UnitsTimesTheWideForwardBlockOverflowAnInt() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [Input(1)]
        [[|Dense(400_000_000)|]]
        public partial class Net;
        """,
        "Network 'Net' is too large at layer 1, Dense(400000000, Linear): expected at most 2,147,483,647 for 6 × the units (the offsets in the 6-sample kernels of AVX-512 hardware are int constants), found 2,400,000,000");

    [Fact]
    public void DN0013_InputsTimesTheWideGradientBlockOverflowAnInt() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [Input(430_000_000)]
        [Dropout(0.5)]
        [[|Dense(4)|]]
        public partial class Net;
        """,
        "Network 'Net' is too large at layer 2, Dense(4, Linear): expected at most 2,147,483,647 for 6 × the inputs (the row offsets of the 6-row gradient blocks of AVX-512 hardware are int expressions), found 2,580,000,000");

    [Fact]
    public void DN0013_A_first_layer_of_four_units_has_no_wide_gradient_rows_to_bound()
    {
        // The first layer passes no gradient back and 4 units take no 6-unit dW blocks: 5 × the inputs is never computed.
        GeneratorRun run = GeneratorHarness.Run("""
            using Dendrite;

            [Network]
            [Input(430_000_000)]
            [Dense(4)]
            public partial class Net;
            """);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
    }

    [Fact]
    public void DN0013_StrideTooLargeForTheWindowArithmetic() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [Input(8, 8, 1)]
        [[|Conv2D(1, 3, Stride = 1 << 30)|]]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        "Network 'Net' is too large at layer 1, Conv2D(1, kernel: 3, Linear): expected at most 2,147,483,647 for the window rows (input height + top padding + 4 × stride + kernel), found 4,294,967,307");

    [Fact]
    public void DN0013_SizesThatPassEvenSixtyFourBits() => AssertDiagnostic("DN0013", """
        using Dendrite;

        [Network]
        [[|Input(int.MaxValue, int.MaxValue, int.MaxValue)|]]
        [Dense(1)]
        public partial class Net;
        """,
        "Network 'Net' is too large at [Input]: expected at most 2,147,483,591 values per input sample (the longest .NET array), found more than 9,223,372,036,854,775,806");
}
