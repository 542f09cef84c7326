using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The generator never throws: an exception inside a generator becomes warning CS8785 and silently drops every
/// generated file of the project. These tests feed malformed declarations (hand-picked, then a seeded random
/// mix of attribute lists) and require that the generator answers only with diagnostics, and that whatever it
/// does generate compiles (an error inside a generated file is the generator's fault, not the user's).
/// </summary>
public class GeneratorRobustnessTests
{
    /// <summary>Each entry is a whole file: the declarations users get wrong, and the extremes of every argument.</summary>
    public static readonly TheoryData<string, string> MalformedDeclarations = new()
    {
        { "missing units", "[Network] [Input(2)] [Dense] public partial class Net;" },
        { "missing input size", "[Network] [Input] [Dense(1)] public partial class Net;" },
        { "string units", "[Network] [Input(2)] [Dense(\"ten\")] public partial class Net;" },
        { "double units", "[Network] [Input(2)] [Dense(2.5)] public partial class Net;" },
        { "null units", "[Network] [Input(2)] [Dense(null)] public partial class Net;" },
        { "string activation", "[Network] [Input(2)] [Dense(1, \"relu\")] public partial class Net;" },
        { "too many arguments", "[Network] [Input(2)] [Dense(1, Activation.ReLU, 3)] public partial class Net;" },
        { "two-argument input", "[Network] [Input(2, 3)] [Dense(1)] public partial class Net;" },
        { "char units", "[Network] [Input('a')] [Dense('b')] public partial class Net;" },
        { "named arguments out of order", "[Network] [Input(size: 2)] [Dense(activation: Activation.Sigmoid, units: 1)] public partial class Net;" },
        { "negative sizes", "[Network] [Input(-2)] [Dense(-1)] public partial class Net;" },
        { "zero image", "[Network] [Input(0, 0, 0)] [Dense(0)] public partial class Net;" },
        { "undefined activation", "[Network] [Input(2)] [Dense(1, (Activation)99)] public partial class Net;" },
        { "negative activation", "[Network] [Input(2)] [Dense(1, (Activation)(-1))] public partial class Net;" },
        { "undefined loss", "[Network(Loss = (Loss)42)] [Input(2)] [Dense(1)] public partial class Net;" },
        { "undefined loss with logits", "[Network(Loss = (Loss)(-7), FromLogits = true)] [Input(2)] [Dense(3, (Activation)12)] public partial class Net;" },
        { "int loss", "[Network(Loss = 1)] [Input(2)] [Dense(1)] public partial class Net;" },
        { "int FromLogits", "[Network(FromLogits = 1)] [Input(2)] [Dense(1)] public partial class Net;" },
        { "unknown property", "[Network(Depth = 3)] [Input(2)] [Dense(1)] public partial class Net;" },
        { "weights null", "[Network(Weights = null)] [Input(2)] [Dense(1)] public partial class Net;" },
        { "network with constructor argument", "[Network(3)] [Input(2)] [Dense(1)] public partial class Net;" },
        { "struct", "[Network] [Input(2)] [Dense(1)] public partial struct Net;" },
        { "record", "[Network] [Input(2)] [Dense(1)] public partial record Net;" },
        { "record struct", "[Network] [Input(2)] [Dense(1)] public partial record struct Net;" },
        { "interface", "[Network] [Input(2)] [Dense(1)] public partial interface INet;" },
        { "enum", "[Network] [Input(2)] [Dense(1)] public enum Net { A }" },
        { "method", "public partial class Host { [Network] [Input(2)] [Dense(1)] public void Net() { } }" },
        { "property", "public partial class Host { [Network] public int Net { get; set; } }" },
        { "delegate", "[Network] [Input(2)] [Dense(1)] public delegate void Net();" },
        { "generic class", "[Network] [Input(2)] [Dense(1)] public partial class Net<T>;" },
        { "generic class with constraint", "[Network] [Input(2)] [Dense(1)] public partial class Net<T> where T : struct;" },
        { "nested in generic", "public partial class Outer<T> { [Network] [Input(2)] [Dense(1)] public partial class Net; }" },
        { "nested in generic nested", "public partial class A<T> { public partial class B { [Network] [Input(2)] [Dense(1)] public partial class Net; } }" },
        { "nested in non-partial", "public class Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }" },
        { "nested in struct", "public partial struct Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }" },
        { "nested in record", "public partial record Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }" },
        { "nested in interface", "public partial interface IOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }" },
        { "static class", "[Network] [Input(2)] [Dense(1)] public static partial class Net;" },
        { "abstract class", "[Network] [Input(2)] [Dense(1)] public abstract partial class Net;" },
        { "not partial", "[Network] [Input(2)] [Dense(1)] public class Net;" },
        { "duplicate input", "[Network] [Input(2)] [Input(3)] [Dense(1)] public partial class Net;" },
        { "duplicate network", "[Network] [Network] [Input(2)] [Dense(1)] public partial class Net;" },
        { "network on two declarations", "[Network] [Input(2)] [Dense(1)] public partial class Net; [Network] public partial class Net;" },
        { "layers on another declaration", "[Network] [Input(2)] public partial class Net; [Dense(4)] [Dense(1)] public partial class Net;" },
        { "input on another declaration", "[Network] [Dense(1)] public partial class Net; [Input(2)] public partial class Net;" },
        { "input after layers", "[Network] [Dense(3, Activation.ReLU)] [Dense(1)] [Input(2)] public partial class Net;" },
        { "empty class", "[Network] public partial class Net { }" },
        { "only input", "[Network] [Input(2)] public partial class Net;" },
        { "layers without network", "[Input(2)] [Dense(1)] public partial class Net;" },
        { "huge units", "[Network] [Input(784)] [Dense(int.MaxValue)] public partial class Net;" },
        { "huge input", "[Network] [Input(int.MaxValue)] [Dense(int.MaxValue)] public partial class Net;" },
        { "huge image", "[Network] [Input(int.MaxValue, int.MaxValue, int.MaxValue)] [Dense(1)] public partial class Net;" },
        { "min units", "[Network] [Input(int.MinValue)] [Dense(int.MinValue)] public partial class Net;" },
        { "wide hidden", "[Network] [Input(1)] [Dense(1 << 25, Activation.ReLU)] [Dense(1)] public partial class Net;" },
        { "keyword class name", "[Network] [Input(2)] [Dense(1)] public partial class @event;" },
        { "keyword namespace", "namespace @class.@if { [Network] [Input(2)] [Dense(1)] public partial class Net; }" },
        { "file-local class", "[Network] [Input(2)] [Dense(1)] file partial class Net;" },
        { "fully qualified attributes", "[Dendrite.Network(Loss = Dendrite.Loss.BinaryCrossentropy)] [Dendrite.Input(2)] [Dendrite.Dense(1, Dendrite.Activation.Sigmoid)] public partial class Net;" },
        { "attribute list with several attributes", "[Network, Input(2), Dense(4, Activation.ReLU), Dense(1)] public partial class Net;" },
        { "unterminated attribute", "[Network] [Input(2)] [Dense(1 public partial class Net;" },
        { "unicode identifier part", "namespace Réseaux { [Network] [Input(2)] [Dense(1)] public partial class Net‿a; }" },
        { "names equal after hint-name sanitising", "[Network] [Input(2)] [Dense(1)] public partial class Net\u203Fa; [Network] [Input(2)] [Dense(1)] public partial class Net_a;" },
        { "look-alike attribute classes", "namespace Dendrite { public sealed class DenseAttribute : System.Attribute { public DenseAttribute() { } public DenseAttribute(string units) { } } public sealed class InputAttribute : System.Attribute { public InputAttribute(long a, long b) { } } } [Network] [Input(1L, 2L)] [Dense] [Dense(\"4\")] public partial class Net;" },
        { "no class body", "[Network] [Input(2)] [Dense(1)] public partial class" },
    };

    [Theory]
    [MemberData(nameof(MalformedDeclarations))]
    public void MalformedDeclaration_GivesDiagnosticsNeverAnException(string what, string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n" + declaration);

        Assert.True(run.Exceptions.Count == 0, what + ": the generator threw " + string.Join("\n", run.Exceptions));
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id == "CS8785");
        AssertGeneratedFilesCompile(run, what);
    }

    [Fact]
    public void SeededRandomAttributeLists_GiveDiagnosticsNeverAnException()
    {
        var random = new Random(20261123);
        string[] files = Enumerable.Range(0, 8).Select(file => RandomFile(random, file, classes: 25)).ToArray();

        GeneratorRun run = GeneratorHarness.Run(files);

        if (run.Exceptions.Count > 0)
        {
            // Name the file that makes it throw, so the failure can be reproduced on its own.
            string culprit = files.FirstOrDefault(f => GeneratorHarness.Run(f).Exceptions.Count > 0) ?? "(only together)";
            Assert.Fail("The generator threw " + run.Exceptions[0] + "\non this input:\n" + culprit);
        }

        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id == "CS8785");
        AssertGeneratedFilesCompile(run, "random declarations");

        // The mix is meant to exercise both outcomes; if it generated nothing (or reported nothing) it tests little.
        // (Invalid ones also get a file, the throwing stand-ins of SurfaceStubEmitter: count network code only.)
        int networks = run.Sources.Count(s => !s.SourceText.ToString().Contains(Dendrite.Generator.Emitting.SurfaceStubEmitter.HeaderMarker, StringComparison.Ordinal));
        Assert.True(networks >= 10, "Only " + networks + " of the random networks were valid.");
        Assert.True(run.GeneratorDiagnostics.Length >= 50, "Only " + run.GeneratorDiagnostics.Length + " generator diagnostics.");
    }

    private static void AssertGeneratedFilesCompile(GeneratorRun run, string what)
    {
        HashSet<SyntaxTree> generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToHashSet();
        List<Diagnostic> errors = run.Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree))
            .ToList();
        Assert.True(errors.Count == 0, what + ": the generated code has errors:\n" + GeneratorRun.Describe(errors.Take(10)));
    }

    // Each argument is drawn from well-formed values most of the time, so that a good share of the random
    // networks are valid and get generated (and compiled), and from broken ones the rest of the time.
    private static readonly string[] GoodSizes = { "1", "2", "3", "5", "7", "8", "16", "17", "33" };
    private static readonly string[] BadSizes = { "0", "-1", "int.MaxValue", "int.MinValue", "1 << 20", "\"x\"", "2.5", "null", "'a'" };
    private static readonly string[] GoodActivations = { "Activation.Linear", "Activation.ReLU", "Activation.Sigmoid", "Activation.Softmax", "Activation.Tanh" };
    private static readonly string[] BadActivations = { "(Activation)99", "(Activation)(-1)", "0", "\"relu\"", "null" };
    private static readonly string[] GoodLosses = { "Loss.MeanSquaredError", "Loss.BinaryCrossentropy", "Loss.SparseCategoricalCrossentropy", "Loss.CategoricalCrossentropy" };
    private static readonly string[] BadLosses = { "(Loss)42", "1", "\"mse\"" };
    private static readonly string[] GoodKinds = { "public partial class", "internal sealed partial class", "partial class" };
    private static readonly string[] BadKinds =
    {
        "public class", "public static partial class", "public abstract partial class", "public partial struct",
        "public partial record", "public partial record struct", "public partial interface",
    };

    private static string RandomFile(Random random, int file, int classes)
    {
        var text = new StringBuilder("using Dendrite;\n\nnamespace Fuzz" + file + ";\n\n");
        for (int i = 0; i < classes; i++)
        {
            string name = "Net" + i;
            string declaration = RandomAttributes(random) + "\n" + Pick(random, GoodKinds, BadKinds) + " " + name + (random.Next(15) == 0 ? "<T>" : string.Empty) + " { }\n";
            text.Append(random.Next(12) switch
            {
                0 or 2 => "public partial class Outer" + i + (random.Next(2) == 0 ? "<T>" : string.Empty) + "\n{\n" + declaration + "}\n",
                1 => "public class Plain" + i + "\n{\n" + declaration + "}\n",
                _ => declaration,
            });
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string RandomAttributes(Random random)
    {
        var attributes = new List<string>();
        if (random.Next(12) != 0)
        {
            attributes.Add(random.Next(4) switch
            {
                0 => "Network",
                1 => "Network(Loss = " + Pick(random, GoodLosses, BadLosses) + ")",
                _ => "Network(Loss = " + Pick(random, GoodLosses, BadLosses) + ", FromLogits = " + (random.Next(7) switch { 0 => "1", < 4 => "true", _ => "false" }) + ")",
            });
        }

        if (random.Next(12) != 0)
        {
            attributes.Add(random.Next(12) switch
            {
                0 => "Input(" + Pick(random, GoodSizes, BadSizes) + ", " + Pick(random, GoodSizes, BadSizes) + ", " + Pick(random, GoodSizes, BadSizes) + ")",
                1 => "Input()",
                2 => "Input(" + Pick(random, GoodSizes) + ", " + Pick(random, GoodSizes) + ", " + Pick(random, GoodSizes) + ")",
                _ => "Input(" + Pick(random, GoodSizes, BadSizes) + ")",
            });
        }

        int layers = random.Next(5);
        for (int l = 0; l < layers; l++)
        {
            attributes.Add(random.Next(12) switch
            {
                0 => "Dense(" + Pick(random, GoodSizes, BadSizes) + ")",
                1 => "Dense()",
                2 => "Dense(activation: " + Pick(random, GoodActivations, BadActivations) + ", units: " + Pick(random, GoodSizes, BadSizes) + ")",
                _ => "Dense(" + Pick(random, GoodSizes, BadSizes) + ", " + Pick(random, GoodActivations, BadActivations) + ")",
            });
        }

        // Mostly in the usual order; sometimes shuffled, sometimes several per list.
        if (random.Next(5) == 0)
        {
            attributes = attributes.OrderBy(_ => random.Next()).ToList();
        }

        return random.Next(4) == 0
            ? "[" + string.Join(", ", attributes) + "]"
            : string.Concat(attributes.Select(a => "[" + a + "]"));
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    /// <summary>A well-formed value five times in six, a broken one otherwise.</summary>
    private static string Pick(Random random, string[] good, string[] bad) => random.Next(6) == 0 ? Pick(random, bad) : Pick(random, good);
}
