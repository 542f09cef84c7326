using Dendrite.CodeFixes;
using Xunit;
using static Dendrite.Tests.CodeFixes.CodeFixHarness;

namespace Dendrite.Tests.CodeFixes;

/// <summary>DN0001: the fix adds <c>partial</c> where C# wants it, and the network then generates and compiles.</summary>
public class MakePartialCodeFixTests
{
    [Fact]
    public void Adds_partial_after_the_other_modifiers()
    {
        AppliedFix fix = SingleFix(new MakePartialCodeFix(), "DN0001", """
            using Dendrite;

            [Network(Loss = Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public sealed class Plain;
            """);

        Assert.Equal("Make 'Plain' partial", fix.Title);
        Assert.Contains("public sealed partial class Plain;", fix.Source, StringComparison.Ordinal);
        AssertRepaired(fix.Source);
    }

    [Fact]
    public void Adds_partial_to_a_class_with_no_modifiers_keeping_its_indentation()
    {
        AppliedFix fix = SingleFix(new MakePartialCodeFix(), "DN0001", """
            using Dendrite;

            namespace Sample
            {
                [Network(Loss = Loss.MeanSquaredError)]
                [Input(2)]
                [Dense(1)]
                class Plain { }
            }
            """);

        Assert.Contains("\n    partial class Plain { }", fix.Source, StringComparison.Ordinal);
        AssertRepaired(fix.Source);
    }

    [Fact]
    public void Adds_partial_to_the_containing_class_the_diagnostic_names()
    {
        AppliedFix fix = SingleFix(new MakePartialCodeFix(), "DN0001", """
            using Dendrite;

            public class Outer
            {
                [Network(Loss = Loss.MeanSquaredError)]
                [Input(2)]
                [Dense(1)]
                public partial class Inner;
            }
            """);

        Assert.Equal("Make 'Outer' partial", fix.Title);
        Assert.Contains("public partial class Outer", fix.Source, StringComparison.Ordinal);
        AssertRepaired(fix.Source);
    }
}
