using System.Globalization;
using Dendrite.Tests.Generator.Fuzz;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Seeded random declarations through the generator (see <see cref="FuzzSeed"/> to try other seeds). Valid ones
/// cover every layer kind, stride and padding, every activation, every valid loss and FromLogits pair, image and
/// flat inputs, and every place a class can be declared; they must generate code that compiles with no error and no
/// warning. Invalid ones are valid ones with one mistake; each must get a DN diagnostic on its own declaration.
/// Networks are compiled many to a compilation, as one project, which keeps the run to about a minute; a failure
/// names the unit that fails alone and prints it, ready to paste into a test.
/// </summary>
public sealed class GeneratorFuzzTests
{
    private const int ValidNetworks = 2000;

    /// <summary>
    /// Networks compiled together. Most of the time goes into binding the generated code (about 60 KB a network, and
    /// one shared kernels file of about 120 KB per batch: SharedKernelsEmitter), which no batching saves; larger
    /// batches save the per-compilation set-up and share more kernels.
    /// </summary>
    private const int NetworksPerCompilation = 100;

    private const int InvalidNetworksPerMutation = 40;

    [Fact]
    public void Random_valid_networks_generate_code_that_compiles_with_no_error_and_no_warning()
    {
        // Drawn in order from one seed, so the declarations do not depend on how the batches are then scheduled.
        var random = new Random(FuzzSeed.Value);
        var layout = new FuzzLayout(random, "Valid", hostile: true, reachable: true);
        List<FuzzBatch> batches = Enumerable.Range(0, ValidNetworks / NetworksPerCompilation)
            .Select(_ => layout.Batch(Enumerable.Range(0, NetworksPerCompilation).Select(_ => ValidNetworkWriter.Write(random)).ToList(), files: 4))
            .ToList();

        List<string> failures = CheckInParallel(batches, (batch, i) => FuzzRunner.CheckValid(batch, "Valid batch " + i));

        AssertNoFailures(failures, ValidNetworks + " valid networks");
    }

    [Fact]
    public void Random_invalid_networks_each_get_a_diagnostic_on_their_declaration()
    {
        var random = new Random(FuzzSeed.Value + 1);
        var layout = new FuzzLayout(random, "Invalid", hostile: false, reachable: false);
        List<NetworkDraft> drafts = DraftMutator.Mutations
            .SelectMany(mutation => Enumerable.Range(0, InvalidNetworksPerMutation).Select(_ => DraftMutator.Mutate(ValidNetworkWriter.Write(random), mutation, random)))
            .OrderBy(_ => random.Next())
            .ToList();
        List<FuzzBatch> batches = drafts.Chunk(NetworksPerCompilation).Select(some => layout.Batch(some, files: 3)).ToList();

        List<string> failures = CheckInParallel(batches, (batch, i) => FuzzRunner.CheckInvalid(batch, "Invalid batch " + i, []));

        AssertNoFailures(failures, drafts.Count + " invalid networks");
    }

    [Fact]
    public void Look_alike_attributes_with_other_signatures_each_get_a_diagnostic_on_the_declaration()
    {
        var random = new Random(FuzzSeed.Value + 2);
        var layout = new FuzzLayout(random, "LookAlike", hostile: false, reachable: false);
        var failures = new List<string>();
        foreach (LookAlikeAttribute lookAlike in LookAlikeAttribute.All)
        {
            // A look-alike replaces the real attribute for the whole compilation: one compilation per look-alike.
            List<NetworkDraft> drafts = Enumerable.Range(0, 4).Select(_ => lookAlike.Apply(ValidNetworkWriter.Write(random))).ToList();
            failures.AddRange(FuzzRunner.CheckInvalid(layout.Batch(drafts, files: 1), "Look-alike " + lookAlike.Usage, [lookAlike.Declaration()]));
        }

        AssertNoFailures(failures, LookAlikeAttribute.All.Length + " look-alike attributes");
    }

    /// <summary>
    /// Sizes at the edge of what fits: the generator may support them or refuse them with DN0013, but it may not
    /// throw, generate code with errors, or drop a network without saying why.
    /// </summary>
    [Fact]
    public void Extreme_sizes_generate_code_that_compiles_or_get_a_diagnostic_on_the_declaration()
    {
        string[][] extremes =
        [
            ["Network", "Input(8, 8, 1)", "Conv2D(2, 3, Stride = 1 << 30)", "Flatten", "Dense(1)"],
            ["Network", "Input(8, 8, 1)", "Conv2D(2, 3, Stride = int.MaxValue, Padding = Padding.Same)", "Flatten", "Dense(1)"],
            ["Network", "Input(8, 8, 1)", "MaxPool2D(int.MaxValue, Padding = Padding.Same)", "Flatten", "Dense(1)"],
            ["Network", "Input(8, 8, 1)", "MaxPool2D(2, Stride = int.MaxValue)", "Flatten", "Dense(1)"],
            ["Network", "Input(8, 8, 1)", "MaxPool2D(1 << 30, Stride = 1 << 30, Padding = Padding.Same)", "Flatten", "Dense(1)"],
            ["Network", "Input(5, 5, 1)", "Conv2D(1, int.MaxValue, Padding = Padding.Same)", "Flatten", "Dense(1)"],
            ["Network", "Input(5, 5, 1)", "Conv2D(1, 46341, Padding = Padding.Same)", "Flatten", "Dense(1)"],
            ["Network", "Input(int.MaxValue - 1, 1, 1)", "Conv2D(1, 1, Stride = int.MaxValue, Padding = Padding.Same)", "Flatten", "Dense(1)"],
            ["Network", "Input(715_827_883)", "Dense(1)"],
            ["Network", "Input(536_870_911, 1, 1)", "MaxPool2D(536_870_911)", "Flatten", "Dense(1)"],
            ["Network", "Input(1 << 20, 1, 1)", "Conv2D(1, 3, Stride = 1 << 19)", "Flatten", "Dense(2, Activation.Softmax)"],
            ["Network", "Input(46340, 46340, 1)", "MaxPool2D(46340)", "Flatten", "Dense(1)"],
            ["Network", "Input(46340, 46340, 1)", "Dense(1)"],
            ["Network", "Input(8, 8, 1)", "AveragePooling2D(int.MaxValue, Padding = Padding.Same)", "Flatten", "Dense(1)"],
            ["Network", "Input(8, 8, 1)", "AveragePooling2D(1 << 30, Stride = 1 << 30, Padding = Padding.Same)", "GlobalAveragePooling2D", "Dense(1)"],
            ["Network", "Input(46340, 46340, 1)", "GlobalAveragePooling2D", "Dense(1)"],
            ["Network", "Input(1, 1, 715_827_882)", "GlobalAveragePooling2D", "Dense(1)"],
            ["Network", "Input(16_777_216)", "Dense(64)", "Dense(1)"],
        ];
        var random = new Random(FuzzSeed.Value + 3);
        var layout = new FuzzLayout(random, "Extreme", hostile: false, reachable: false);
        List<NetworkDraft> drafts = extremes.Select(attributes =>
        {
            var draft = new NetworkDraft { Summary = string.Join(" ", attributes.Select(a => "[" + a + "]")) };
            draft.Attributes.AddRange(attributes.Select(a => new AttributeDraft(a, 0)));
            draft.Mutation = "extreme size";
            return draft;
        }).ToList();

        List<string> failures = FuzzRunner.CheckInvalid(layout.Batch(drafts, files: 2), "Extreme sizes", [], mayBeValid: true);

        AssertNoFailures(failures, extremes.Length + " extreme sizes");
    }

    /// <summary>The valid writer is only worth its run time if it reaches every kind of declaration: count them.</summary>
    [Fact]
    public void The_valid_writer_reaches_every_layer_kind_activation_padding_and_loss_pair()
    {
        var random = new Random(FuzzSeed.Value);
        var layout = new FuzzLayout(random, "Valid", hostile: true, reachable: true);
        NetworkDraft[] drafts = Enumerable.Range(0, NetworksPerCompilation * 5).Select(_ => ValidNetworkWriter.Write(random)).ToArray();
        string declarations = string.Concat(Enumerable.Range(0, 5).Select(b => string.Concat(layout.Batch(drafts.Skip(b * NetworksPerCompilation).Take(NetworksPerCompilation).ToList(), files: 4).Sources())));
        string summaries = string.Join("\n", drafts.Select(d => d.Summary + " |"));

        string[] expected =
        [
            "image ", "flat ", "Conv2D(", "MaxPool2D(", "AveragePooling2D(", "GlobalAveragePooling2D", "Flatten", "Dense(", "Stride = 2", "Stride = 3", "Stride = 0", "Padding.Same", "Padding.Valid",
            "Activation.Linear", "Activation.ReLU", "Activation.Sigmoid", "Activation.Softmax", "Activation.Tanh",
            "Loss.MeanSquaredError |", "Loss.BinaryCrossentropy |", "Loss.BinaryCrossentropy, FromLogits", "Loss.SparseCategoricalCrossentropy |",
            "Loss.SparseCategoricalCrossentropy, FromLogits", "Loss.CategoricalCrossentropy |", "Loss.CategoricalCrossentropy, FromLogits",
        ];
        Assert.All(expected, e => Assert.Contains(e, summaries, StringComparison.Ordinal));

        string[] places =
        [
            "namespace Valid", ";\n\n", ".@class.@if", "namespace Deep", "partial struct ", "partial record ", "partial record struct ", "partial interface ",
            "static partial class ", "private partial class", "partial class @", "class Math", "class NET", ".a.B", ".A.B", "[Network, ", "global::Dendrite.",
            "Attribute(", "units: ", "(Activation)",
        ];
        Assert.All(places, p => Assert.Contains(p, declarations, StringComparison.Ordinal));
    }

    /// <summary>Checks the batches on every core (compilations are independent) and lists the failures in batch order.</summary>
    private static List<string> CheckInParallel(List<FuzzBatch> batches, Func<FuzzBatch, int, List<string>> check)
    {
        var failures = new List<string>[batches.Count];
        Parallel.For(0, batches.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => failures[i] = check(batches[i], i));
        return failures.SelectMany(f => f).ToList();
    }

    private static void AssertNoFailures(List<string> failures, string what)
    {
        if (failures.Count == 0)
        {
            return;
        }

        // Every failure in one line (to see the pattern), then the first few in full (to reproduce them).
        string index = string.Join("\n", failures.Take(300).Select(f => "- " + f.Split('\n')[0]));
        string shown = string.Join("\n\n", failures.Take(6));
        Assert.Fail(
            failures.Count.ToString(CultureInfo.InvariantCulture) + " failure(s) among " + what + ", " + FuzzSeed.Describe() + ":\n" + index + "\n\n" +
            (shown.Length > 60_000 ? shown[..60_000] + "…" : shown));
    }
}
