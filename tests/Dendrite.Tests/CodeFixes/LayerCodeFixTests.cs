using Dendrite.CodeFixes;
using Xunit;
using static Dendrite.Tests.CodeFixes.CodeFixHarness;

namespace Dendrite.Tests.CodeFixes;

/// <summary>The layer fixes: [Flatten] inserted (DN0031), a negated size made positive (DN0004), [Input] moved first (DN0015).</summary>
public class LayerCodeFixTests
{
    [Fact]
    public void DN0031_inserts_Flatten_on_its_own_line_before_the_Dense_layer()
    {
        AppliedFix fix = SingleFix(new InsertFlattenCodeFix(), "DN0031", """
            using Dendrite;

            [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
            [Input(8, 8, 1)]
            [Conv2D(4, kernel: 3, Activation.ReLU)]
            [Dense(10)]
            public partial class Cnn;
            """);

        Assert.Equal("""
            using Dendrite;

            [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
            [Input(8, 8, 1)]
            [Conv2D(4, kernel: 3, Activation.ReLU)]
            [Flatten]
            [Dense(10)]
            public partial class Cnn;
            """.ReplaceLineEndings(), fix.Source.ReplaceLineEndings());
        AssertRepaired(fix.Source);
    }

    [Fact]
    public void DN0031_inserts_Flatten_inside_a_shared_attribute_list_as_the_Dense_layer_is_written()
    {
        AppliedFix fix = SingleFix(new InsertFlattenCodeFix(), "DN0031", """
            [Dendrite.Network(Loss = Dendrite.Loss.SparseCategoricalCrossentropy, FromLogits = true)]
            [Dendrite.Input(8, 8, 1), Dendrite.MaxPool2D(2), Dendrite.Dense(10)]
            public partial class Cnn;
            """);

        Assert.Contains("[Dendrite.Input(8, 8, 1), Dendrite.MaxPool2D(2), Dendrite.Flatten, Dendrite.Dense(10)]", fix.Source, StringComparison.Ordinal);
        AssertRepaired(fix.Source);
    }

    [Fact]
    public void DN0004_a_negated_size_becomes_its_magnitude()
    {
        AppliedFix fix = SingleFix(new PositiveSizeCodeFix(), "DN0004", """
            using Dendrite;

            [Network(Loss = Loss.MeanSquaredError)]
            [Input(4)]
            [Dense(-8, Activation.ReLU)]
            [Dense(1)]
            public partial class Net;
            """);

        Assert.Equal("Use 8 instead of -8", fix.Title);
        Assert.Contains("[Dense(8, Activation.ReLU)]", fix.Source, StringComparison.Ordinal);
        AssertRepaired(fix.Source);
    }

    [Fact]
    public void DN0004_a_zero_size_has_no_obvious_repair_and_gets_no_fix()
    {
        Assert.Empty(Fixes(new PositiveSizeCodeFix(), "DN0004", """
            using Dendrite;

            [Network(Loss = Loss.MeanSquaredError)]
            [Input(4)]
            [Dense(0, Activation.ReLU)]
            [Dense(1)]
            public partial class Net;
            """));
    }

    [Fact]
    public void DN0015_moves_Input_before_the_first_layer_keeping_the_lines_and_comments()
    {
        AppliedFix fix = SingleFix(new InputFirstCodeFix(), "DN0015", """
            using Dendrite;

            /// <summary>A regression network.</summary>
            [Network(Loss = Loss.MeanSquaredError)]
            [Dense(8, Activation.ReLU)]   // hidden
            [Input(4)]
            [Dense(1)]
            public partial class Net;
            """);

        Assert.Equal("""
            using Dendrite;

            /// <summary>A regression network.</summary>
            [Network(Loss = Loss.MeanSquaredError)]
            [Input(4)]
            [Dense(8, Activation.ReLU)]   // hidden
            [Dense(1)]
            public partial class Net;
            """.ReplaceLineEndings(), fix.Source.ReplaceLineEndings());
        AssertRepaired(fix.Source);
    }

    [Fact]
    public void DN0015_in_one_attribute_list()
    {
        AppliedFix fix = SingleFix(new InputFirstCodeFix(), "DN0015", """
            using Dendrite;

            [Network(Loss = Loss.MeanSquaredError)]
            [Dense(8, Activation.ReLU), Input(4), Dense(1)]
            public partial class Net;
            """);

        Assert.Contains("[Input(4), Dense(8, Activation.ReLU), Dense(1)]", fix.Source, StringComparison.Ordinal);
        AssertRepaired(fix.Source);
    }
}
