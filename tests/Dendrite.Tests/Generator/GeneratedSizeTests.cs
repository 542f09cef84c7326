using Dendrite.Generator.Planning;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Generated code grows by a bounded amount per layer, and a network has at most
/// <see cref="GeneratedNumberLimits.MaxLayers"/> layers (DN0018), so every accepted declaration generates a bounded
/// file. The largest declarations the limits accept, of every layer kind, must stay under the documented size
/// (docs/diagnostics.md, DN0018) and compile cleanly.
/// </summary>
public class GeneratedSizeTests(ITestOutputHelper output)
{
    /// <summary>The documented bound on one generated file (docs/diagnostics.md#dn0018).</summary>
    private const int MaxGeneratedBytes = 4_000_000;

    public static readonly TheoryData<string, string> LargestDeclarations = new()
    {
        { "64 wide Dense layers", "[Input(784)]\n" + Repeat("[Dense(4096, Activation.ReLU)]", 63) + "[Dense(10)]" },
        { "64 Dense layers of odd widths", "[Input(33)]\n" + Repeat("[Dense(4099, Activation.Tanh)]", 63) + "[Dense(7)]" },
        { "62 Conv2D layers", "[Input(32, 32, 3)]\n" + Repeat("[Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)]", 62) + "[Flatten]\n[Dense(10)]" },
        { "every layer kind, 64 in all", "[Input(64, 64, 3)]\n" + Repeat("[Conv2D(4, 3, Activation.ReLU, Padding = Padding.Same)]\n[MaxPool2D(1, Padding = Padding.Same)]", 30) + "[Flatten]\n" + Repeat("[Dense(33, Activation.Sigmoid)]", 2) + "[Dense(10)]" },
    };

    [Theory]
    [MemberData(nameof(LargestDeclarations))]
    public void The_largest_accepted_declarations_generate_a_bounded_file_that_compiles(string what, string attributes)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n\n[Network]\n" + attributes + "\npublic partial class Net;\n");

        Assert.True(run.GeneratorDiagnostics.IsEmpty, what + ":\n" + GeneratorRun.Describe(run.GeneratorDiagnostics));
        int bytes = run.Sources.Sum(s => System.Text.Encoding.UTF8.GetByteCount(s.SourceText.ToString()));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<Diagnostic> problems = run.CompilationProblems();
        output.WriteLine(what + ": " + bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes, checked in " + clock.ElapsedMilliseconds + " ms");
        Assert.True(bytes < MaxGeneratedBytes, what + ": " + bytes + " bytes");
        Assert.True(problems.Count == 0, what + ":\n" + GeneratorRun.Describe(problems.Take(10)));
    }

    [Fact]
    public void One_layer_more_than_the_limit_is_DN0018_on_that_layer()
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n\n[Network]\n[Input(4)]\n" + Repeat("[Dense(4, Activation.ReLU)]", GeneratedNumberLimits.MaxLayers) + "[Dense(1)]\npublic partial class Net;\n");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0018", diagnostic.Id);
        Assert.Equal(4 + GeneratedNumberLimits.MaxLayers, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        run.AssertOnlyStubsGenerated();
    }

    private static string Repeat(string line, int count) => string.Concat(Enumerable.Repeat(line + "\n", count));
}
