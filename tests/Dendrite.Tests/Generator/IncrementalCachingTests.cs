using Dendrite.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The generator runs on every keystroke in the IDE, so an edit that does not touch a network must not re-plan or
/// re-emit it. These tests run the driver twice with step tracking on and read the reason recorded for each
/// output of each named step (NetworkGenerator.Steps): Cached or Unchanged after an unrelated edit, Modified after
/// a change to the network.
/// </summary>
public class IncrementalCachingTests
{
    private const string Network = """
        using Dendrite;

        namespace Caching;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(784)]
        [Dense(25, Activation.ReLU)]
        [Dense(15, Activation.ReLU)]
        [Dense(10, Activation.Linear)]
        public partial class DigitClassifier;

        """;

    private const string OtherFile = """
        namespace Caching;

        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    private static readonly string[] PipelineSteps = { NetworkGenerator.Steps.Parse, NetworkGenerator.Steps.Plan, NetworkGenerator.Steps.Emit };

    /// <summary>Every step, including the project-wide ones (the kernels class name and the shared kernels file).</summary>
    private static readonly string[] AllSteps = [.. PipelineSteps, NetworkGenerator.Steps.KernelsClass, NetworkGenerator.Steps.Kernels];

    [Fact]
    public void EditInAnotherFile_LeavesEveryStepCached()
    {
        GeneratorDriverRunResult second = RunTwice(
            new[] { Network, OtherFile },
            new[] { Network, OtherFile.Replace("2 * x", "x + x", StringComparison.Ordinal) + "\n// edited\n" });

        AssertEveryOutput(second, AllSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void NewFileAdded_LeavesEveryStepCached()
    {
        GeneratorDriverRunResult second = RunTwice(new[] { Network }, new[] { Network, OtherFile });

        AssertEveryOutput(second, AllSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void MethodAndCommentAddedBelowTheNetworkInTheSameFile_LeaveEveryStepCachedOrUnchanged()
    {
        GeneratorDriverRunResult second = RunTwice(
            new[] { Network },
            new[] { Network + "// A comment.\npublic static class Extra\n{\n    public static int Three() => 3;\n}\n" });

        AssertEveryOutput(second, AllSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void CommentAddedAboveTheNetwork_DoesNotReEmit()
    {
        // Moving the declaration changes the locations the parse result carries for its diagnostics, so Parse
        // reports Modified; what it plans from has not changed, so the plan compares equal and nothing is re-emitted.
        GeneratorDriverRunResult second = RunTwice(
            new[] { Network },
            new[] { Network.Replace("namespace Caching;", "namespace Caching;\n\n// A comment that moves the class down.\n", StringComparison.Ordinal) });

        AssertEveryOutput(second, new[] { NetworkGenerator.Steps.Plan, NetworkGenerator.Steps.Emit, NetworkGenerator.Steps.Kernels }, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void ChangingALayerSize_RegeneratesTheNetwork()
    {
        string changed = Network.Replace("[Dense(15, Activation.ReLU)]", "[Dense(16, Activation.ReLU)]", StringComparison.Ordinal);
        GeneratorDriverRunResult second = RunTwice(new[] { Network }, new[] { changed });

        AssertEveryOutput(second, PipelineSteps, IncrementalStepRunReason.Modified);
        // The network's files are regenerated (the readable one, checked here, and its plumbing), and the shared kernels
        // file with them: a Dense layer of 16 units runs through other unit blocks than one of 15.
        AssertEveryOutput(second, [NetworkGenerator.Steps.Kernels], IncrementalStepRunReason.Modified);
        Assert.Equal(3, second.Results.Single().GeneratedSources.Length);
        string source = second.Results.Single().GeneratedSources.Single(s => s.HintName.StartsWith("Caching.DigitClassifier.", StringComparison.Ordinal) && !s.HintName.EndsWith(".Plumbing.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("public const int ParameterCount = 20211;", source, StringComparison.Ordinal); // 784·25+25 + 25·16+16 + 16·10+10
    }

    [Fact]
    public void ChangingOneNetwork_LeavesTheOtherCached()
    {
        const string Other = """
            using Dendrite;

            namespace Caching;

            [Network(Loss = Loss.BinaryCrossentropy)]
            [Input(2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Logistic;
            """;
        string changed = Network.Replace("[Dense(25, Activation.ReLU)]", "[Dense(24, Activation.ReLU)]", StringComparison.Ordinal);
        GeneratorDriverRunResult second = RunTwice(new[] { Network, Other }, new[] { changed, Other });

        foreach (string step in PipelineSteps)
        {
            IncrementalStepRunReason[] reasons = Outputs(second, step).ToArray();
            Assert.Equal(2, reasons.Length);
            Assert.Contains(IncrementalStepRunReason.Modified, reasons);
            Assert.Contains(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        }
    }

    [Fact]
    public void A_second_network_needing_no_new_kernel_leaves_the_kernels_file_unchanged()
    {
        // The same layers under another name: its own two files are new, the shared kernels already hold all it calls.
        string twin = Network.Replace("partial class DigitClassifier", "partial class Twin", StringComparison.Ordinal);
        GeneratorDriverRunResult second = RunTwice(new[] { Network }, new[] { Network, twin });

        AssertEveryOutput(second, [NetworkGenerator.Steps.Kernels], IncrementalStepRunReason.Unchanged);
    }

    /// <summary>Runs the driver on the first sources, then on the second (replacing trees file by file), and returns the second run.</summary>
    private static GeneratorDriverRunResult RunTwice(string[] before, string[] after)
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(before);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation next = first;
        for (int i = 0; i < after.Length; i++)
        {
            SyntaxTree tree = GeneratorHarness.Parse(after[i], i);
            if (i < before.Length)
            {
                if (before[i] != after[i])
                {
                    next = next.ReplaceSyntaxTree(next.SyntaxTrees.ElementAt(i), tree);
                }
            }
            else
            {
                next = next.AddSyntaxTrees(tree);
            }
        }

        GeneratorDriverRunResult result = driver.RunGenerators(next).GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return result;
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorDriverRunResult result, string step)
    {
        GeneratorRunResult run = result.Results.Single();
        Assert.True(run.TrackedSteps.ContainsKey(step), "No tracked step named '" + step + "'.");
        return run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);
    }

    private static void AssertEveryOutput(GeneratorDriverRunResult result, string[] steps, params IncrementalStepRunReason[] allowed)
    {
        foreach (string step in steps)
        {
            IncrementalStepRunReason[] reasons = Outputs(result, step).ToArray();
            Assert.True(reasons.Length > 0, "Step '" + step + "' recorded no outputs.");
            Assert.True(
                reasons.All(allowed.Contains),
                "Step '" + step + "': expected every output " + string.Join(" or ", allowed) + " but found " + string.Join(", ", reasons) + ".");
        }
    }
}
