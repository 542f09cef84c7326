using Dendrite.CodeFixes;
using Dendrite.Tests.Generator;
using Dendrite.Tests.Weights;
using Microsoft.CodeAnalysis;
using Xunit;
using static Dendrite.Tests.CodeFixes.CodeFixHarness;
using static Dendrite.Tests.Generator.AdditionalFiles;
using static Dendrite.Tests.Weights.WeightsTestSource;

namespace Dendrite.Tests.CodeFixes;

/// <summary>DN0020's did-you-mean: in the message, on the string, and as a fix that makes the weights compile in.</summary>
public class WeightsFileNameCodeFixTests
{
    private static GeneratorOptions Files(params AdditionalText[] files) => GeneratorOptions.WithAdditionalFiles(files);

    private static byte[] ValidFile() => WeightsFile.Serialize(new WeightsTestNet(seed: 4));

    [Fact]
    public void A_misspelled_name_gets_the_closest_item_in_the_message_on_the_string()
    {
        GeneratorRun run = GeneratorHarness.Run(Files(WeightsCopy("digits.weights", ValidFile()), InMemory("/project/notes.txt", "")), Network("digit.weights"));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0020", diagnostic.Id);
        Assert.Equal(
            "Network 'Net' names the weights file 'digit.weights', but no AdditionalFiles item has that name: expected <AdditionalFiles Include=\"digit.weights\" /> in the project file, found none (did you mean 'digits.weights'?)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        string source = Network("digit.weights");
        Assert.Equal("\"digit.weights\"", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void The_fix_replaces_the_string_and_the_weights_compile_in()
    {
        GeneratorOptions options = Files(WeightsCopy("digits.weights", ValidFile()));

        AppliedFix fix = SingleFix(new WeightsFileNameCodeFix(), "DN0020", Network("digit.weights"), options);

        Assert.Equal("Use \"digits.weights\" (an AdditionalFiles item)", fix.Title);
        Assert.Equal(Network("digits.weights"), fix.Source);
        AssertRepaired(fix.Source, options);
    }

    [Fact]
    public void A_folder_in_the_name_is_kept_when_the_item_is_in_that_folder()
    {
        GeneratorOptions options = Files(InMemory("/project/models/Digits.weights", ""));

        AppliedFix fix = SingleFix(new WeightsFileNameCodeFix(), "DN0020", Network("models/digit.weights"), options);

        Assert.Equal(Network("models/Digits.weights"), fix.Source);
    }

    [Fact]
    public void A_name_far_from_every_item_gets_no_suggestion_and_no_fix()
    {
        GeneratorOptions options = Files(WeightsCopy("other.weights", ValidFile()));

        Assert.Empty(Fixes(new WeightsFileNameCodeFix(), "DN0020", Network("missing.weights"), options));
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(options, Network("missing.weights")).GeneratorDiagnostics);
        Assert.EndsWith("found none", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("digit.weights", "digits.weights", 1)]
    [InlineData("DIGITS.weights", "digits.weights", 0)]
    [InlineData("model.weights", "modle.weights", 2)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_is_case_insensitive_Levenshtein(string a, string b, int expected) =>
        Assert.Equal(expected, Dendrite.Generator.Weights.WeightsNameSuggestion.Distance(a, b));
}
