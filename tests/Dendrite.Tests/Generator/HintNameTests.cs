using Dendrite.Generator.Emitting;
using Dendrite.Tests.Weights;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Roslyn compares hint names ignoring case, and one duplicate makes AddSource throw, which drops the generated code
/// of every network in the project (CS8785). Every network must get its own hint name whatever else the compilation
/// holds: names that differ only in case, that sanitise to the same text, or that are too long for a file name.
/// </summary>
public class HintNameTests
{
    private const string Layers = "[Network] [Input(4)] [Dense(1)]";

    /// <summary>Pairs (and triples) of networks whose names collide once case is ignored, characters are replaced or text is cut.</summary>
    public static readonly TheoryData<string, string, int> CollidingNames = new()
    {
        { "differ only in case", "namespace N { " + Layers + " partial class Net; " + Layers + " partial class NET; " + Layers + " partial class nEt; }", 3 },
        { "namespaces differ only in case", "namespace a.B { " + Layers + " partial class Net; } namespace A.B { " + Layers + " partial class Net; }", 2 },
        { "containing types differ only in case", "namespace N { partial class Outer { " + Layers + " partial class Net; } partial class OUTER { " + Layers + " partial class Net; } }", 2 },
        { "unicode names equal after sanitising", "namespace N { " + Layers + " partial class Net\u203Fa; " + Layers + " partial class Net_a; " + Layers + " partial class Net\u2040a; }", 3 },
        { "unicode letters differing only in case", "namespace N { " + Layers + " partial class \u00C9t\u00E9; " + Layers + " partial class \u00E9T\u00C9; }", 2 },
        { "escaped keyword namespace and its capitalised twin", "namespace @class { " + Layers + " partial class Net; } namespace Class { " + Layers + " partial class Net; } namespace CLASS { " + Layers + " partial class Net; }", 3 },
        { "long namespaces equal up to the cut", "namespace " + LongNamespace('x') + ".A { " + Layers + " partial class Net; } namespace " + LongNamespace('x') + ".B { " + Layers + " partial class Net; } namespace " + LongNamespace('X') + ".A { " + Layers + " partial class Net; }", 3 },
        { "long class names differing only in case at the end", "namespace N { " + Layers + " partial class " + new string('N', 500) + "a; " + Layers + " partial class " + new string('N', 500) + "A; }", 2 },
    };

    [Theory]
    [MemberData(nameof(CollidingNames))]
    public void Networks_whose_names_collide_each_get_their_own_file(string what, string source, int networks)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n" + source);

        Assert.True(run.Exceptions.Count == 0, what + ": the generator threw " + string.Join("\n", run.Exceptions));
        Assert.Empty(run.GeneratorDiagnostics);
        IReadOnlyList<string> hintNames = run.Sources.Select(s => s.HintName).ToList();
        // Two files per network, the readable one and its plumbing, and the project's one kernels file.
        Assert.Equal(2 * networks + 1, hintNames.Count);
        Assert.Equal(2 * networks + 1, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(networks, hintNames.Count(h => h.EndsWith(".Plumbing.g.cs", StringComparison.Ordinal)));
        Assert.Single(hintNames, h => h == Dendrite.Generator.Emitting.SharedKernelsEmitter.HintName);
        Assert.All(hintNames, name => Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 150, name + " is too long for a file name."));
        Assert.True(run.CompilationProblems().Count == 0, what + ":\n" + GeneratorRun.Describe(run.CompilationProblems().Take(10)));
    }

    [Fact]
    public void Invalid_networks_whose_names_differ_only_in_case_each_get_their_own_stub_file()
    {
        // An invalid declaration still gets its public surface (SurfaceStubTests); the stubs share the real
        // network's hint-name scheme, so two of them must not collide either.
        const string Invalid = "[Network] [Input(4)] [Dense(-1)]";
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\nnamespace N { " + Invalid + " partial class Net; " + Invalid + " partial class NET; " + Layers + " partial class nEt; }");

        Assert.True(run.Exceptions.Count == 0, "the generator threw " + string.Join("\n", run.Exceptions));
        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "DN0004"));
        IReadOnlyList<string> hintNames = run.Sources.Select(s => s.HintName).ToList();
        // Two stubs, the valid network's readable and plumbing files, and the kernels file.
        Assert.Equal(5, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(run.CompilationProblems(), d => d.Id != "DN0004");
    }

    [Fact]
    public void A_hint_name_is_readable_and_does_not_depend_on_the_other_networks()
    {
        string alone = GeneratorHarness.Run("using Dendrite;\nnamespace N { " + Layers + " partial class Net; }").NetworkSources.Select(s => s.HintName).Single();
        string withOthers = GeneratorHarness.Run("using Dendrite;\nnamespace N { " + Layers + " partial class Net; " + Layers + " partial class NET; }")
            .NetworkSources.Select(s => s.HintName).Single(h => h.StartsWith("N.Net.", StringComparison.Ordinal));

        Assert.Equal(alone, withOthers);
        Assert.Matches(@"^N\.Net\.[0-9a-f]{8}\.g\.cs$", alone);
    }

    [Fact]
    public void Hint_names_keep_letters_digits_dots_and_underscores_and_drop_the_keyword_escape()
    {
        Assert.Matches(@"^R\u00E9seaux\.Outer_Net_a\.[0-9a-f]{8}$", CodeWriter.HintName("R\u00E9seaux.Outer+Net\u203Fa"));
        Assert.Matches(@"^N\.event\.[0-9a-f]{8}$", CodeWriter.HintName("N.@event"));
        Assert.NotEqual(CodeWriter.HintName("N.Net"), CodeWriter.HintName("N.NET"));
        Assert.Equal(CodeWriter.HintName("N.Net"), CodeWriter.HintName("N.Net"));
    }

    [Fact]
    public void Compiled_in_weights_of_networks_differing_only_in_case_get_their_own_files()
    {
        string source = WeightsTestSource.Network("net.weights").Replace("public partial class Net;", """
            public partial class Net;

            [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "net.weights")]
            [Input(3)]
            [Dense(4, Activation.ReLU)]
            [Dense(2, Activation.Linear)]
            public partial class NET;
            """, StringComparison.Ordinal);
        byte[] file = WeightsFile.Serialize(new WeightsTestNet(seed: 4));

        GeneratorRun run = GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("net.weights", file)), source);

        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems());
        List<string> hintNames = run.Sources.Select(s => s.HintName).ToList();
        Assert.Equal(2, hintNames.Count(h => h.EndsWith(".Pretrained.g.cs", StringComparison.Ordinal)));
        // Per network: the readable file, the plumbing file and the compiled-in weights; and the shared kernels.
        Assert.Equal(7, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    /// <summary>A namespace of 20 segments of 30 characters: 619 characters, far past a file name's 255 bytes.</summary>
    private static string LongNamespace(char letter) => string.Join(".", Enumerable.Range(0, 20).Select(i => new string(letter, 29) + (char)('a' + i)));
}
