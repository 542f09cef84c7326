using Dendrite.Generator.Weights;
using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;
using static Dendrite.Tests.Generator.AdditionalFiles;

namespace Dendrite.Tests.Weights;

/// <summary>A large weights file must not be re-read, re-checked or re-emitted on edits that do not touch it.</summary>
public class CompiledWeightsIncrementalTests(ITestOutputHelper output)
{
    // Input(512) → Dense(511) → Dense(2): 263,167 parameters, a file of just over 1 MB.
    private const string LargeNetwork = """
        using Dendrite;
        namespace Sample;
        [Network(Weights = "large.weights")]
        [Input(512)]
        [Dense(511, Activation.ReLU)]
        [Dense(2, Activation.Linear)]
        public partial class Large;
        """;

    [Fact]
    public void An_unrelated_edit_leaves_the_weights_steps_cached()
    {
        byte[] file = WeightsFile.Serialize(new LargeTwin(seed: 1));
        Assert.True(file.Length > 1_000_000);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(LargeNetwork);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(GeneratorOptions.WithAdditionalFiles(WeightsCopy("large.weights", file))).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results[0];
        Assert.Null(first.Exception);
        Assert.Empty(first.Diagnostics);
        output.WriteLine($"first run with a {file.Length:N0}-byte weights file: {driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:0} ms");

        CSharpCompilation edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("class Unrelated { }", index: 1));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult second = driver.GetRunResult().Results[0];
        output.WriteLine($"run after an unrelated edit: {driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:0} ms");

        foreach (string step in new[] { CompiledWeightsPipeline.Steps.ReadWeights, CompiledWeightsPipeline.Steps.BindWeights })
        {
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.Contains(second.GeneratedSources, s => System.Text.RegularExpressions.Regex.IsMatch(s.HintName, @"^Sample\.Large\.[0-9a-f]{8}\.Pretrained\.g\.cs$"));
    }

    [Fact]
    public void Changing_the_weights_file_rereads_it()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(WeightsTestSource.Network("net.weights"));
        AdditionalText before = WeightsCopy("net.weights", WeightsFile.Serialize(new WeightsTestNet(seed: 1)));
        AdditionalText after = WeightsCopy("net.weights", WeightsFile.Serialize(new WeightsTestNet(seed: 2)));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(GeneratorOptions.WithAdditionalFiles(before)).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(before, after).RunGenerators(compilation);

        GeneratorRunResult result = driver.GetRunResult().Results[0];
        output.WriteLine(string.Join(", ", result.TrackedSteps[CompiledWeightsPipeline.Steps.ReadWeights].SelectMany(s => s.Outputs).Select(o => o.Reason)));
        Assert.Contains(result.TrackedSteps[CompiledWeightsPipeline.Steps.BindWeights].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }
}
