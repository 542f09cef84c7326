using Dendrite.CodeFixes;
using Xunit;
using static Dendrite.Tests.CodeFixes.CodeFixHarness;

namespace Dendrite.Tests.CodeFixes;

/// <summary>DN0006 and DN0007 each offer both repairs, and each repair gives a network that generates and compiles.</summary>
public class OutputActivationCodeFixTests
{
    private static string Network(string network, string output) => $$"""
        using Dendrite;

        {{network}}
        [Input(4)]
        [Dense(8, Activation.ReLU)]
        {{output}}
        public partial class Net;
        """;

    [Fact]
    public void DN0006_offers_a_linear_output_or_FromLogits_false()
    {
        IReadOnlyList<AppliedFix> fixes = Fixes(new OutputActivationCodeFix(), "DN0006",
            Network("[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]", "[Dense(3, Activation.Softmax)]"));

        Assert.Equal(2, fixes.Count);
        Assert.Equal(
            Network("[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]", "[Dense(3, Activation.Linear)]"),
            fixes[0].Source);
        Assert.Equal(
            Network("[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = false)]", "[Dense(3, Activation.Softmax)]"),
            fixes[1].Source);
        Assert.All(fixes, fix => AssertRepaired(fix.Source));
    }

    [Fact]
    public void DN0006_with_a_named_activation_argument_and_binary_cross_entropy()
    {
        IReadOnlyList<AppliedFix> fixes = Fixes(new OutputActivationCodeFix(), "DN0006",
            Network("[Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)]", "[Dense(1, activation: Activation.Sigmoid)]"));

        Assert.Contains("[Dense(1, activation: Activation.Linear)]", fixes[0].Source, StringComparison.Ordinal);
        Assert.Contains("FromLogits = false)]", fixes[1].Source, StringComparison.Ordinal);
        Assert.All(fixes, fix => AssertRepaired(fix.Source));
    }

    [Fact]
    public void DN0007_offers_FromLogits_true_first_or_the_softmax_output()
    {
        IReadOnlyList<AppliedFix> fixes = Fixes(new OutputActivationCodeFix(), "DN0007",
            Network("[Network(Loss = Loss.SparseCategoricalCrossentropy)]", "[Dense(3)]"));

        Assert.Equal(2, fixes.Count);
        Assert.Equal("Set FromLogits = true (the loss reads logits, numerically stable)", fixes[0].Title);
        Assert.Equal(Network("[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]", "[Dense(3)]"), fixes[0].Source);
        Assert.Equal("Use Activation.Softmax on the output layer", fixes[1].Title);
        Assert.Equal(Network("[Network(Loss = Loss.SparseCategoricalCrossentropy)]", "[Dense(3, Activation.Softmax)]"), fixes[1].Source);
        Assert.All(fixes, fix => AssertRepaired(fix.Source));
    }

    [Fact]
    public void DN0007_with_binary_cross_entropy_offers_a_sigmoid_output_and_flips_an_explicit_FromLogits()
    {
        IReadOnlyList<AppliedFix> fixes = Fixes(new OutputActivationCodeFix(), "DN0007",
            Network("[Network(Loss = Loss.BinaryCrossentropy, FromLogits = false)]", "[Dense(1, Activation.Linear)]"));

        Assert.Equal(Network("[Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)]", "[Dense(1, Activation.Linear)]"), fixes[0].Source);
        Assert.Equal(Network("[Network(Loss = Loss.BinaryCrossentropy, FromLogits = false)]", "[Dense(1, Activation.Sigmoid)]"), fixes[1].Source);
        Assert.All(fixes, fix => AssertRepaired(fix.Source));
    }
}
