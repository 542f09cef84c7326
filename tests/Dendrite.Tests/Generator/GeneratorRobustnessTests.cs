using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The generator never throws: an exception inside a generator becomes warning CS8785 and silently drops every
/// generated file of the project. These tests feed hand-picked malformed declarations (each must get its expected
/// diagnostic, located in the user's file), unusual valid ones (each must generate code that compiles clean), and a
/// seeded random mix of attribute lists with broken arguments, and require that whatever the generator does
/// generate compiles (an error inside a generated file is the generator's fault, not the user's). The broader
/// random valid and invalid networks are in <see cref="GeneratorFuzzTests"/>.
/// </summary>
public class GeneratorRobustnessTests
{
    /// <summary>
    /// Each entry is a whole file the generator or the compiler must refuse, and the diagnostic that says so: a DN
    /// diagnostic when the C# is fine but the network is not, a CS error in the user's own file when the compiler
    /// rejects the C# itself (binding the attribute fails before the generator sees a value).
    /// </summary>
    public static readonly TheoryData<string, string, string> MalformedDeclarations = new()
    {
        { "missing units", "[Network] [Input(2)] [Dense] public partial class Net;", "CS7036" },
        { "missing input size", "[Network] [Input] [Dense(1)] public partial class Net;", "CS1729" },
        { "string units", "[Network] [Input(2)] [Dense(\"ten\")] public partial class Net;", "CS1503" },
        { "double units", "[Network] [Input(2)] [Dense(2.5)] public partial class Net;", "CS1503" },
        { "null units", "[Network] [Input(2)] [Dense(null)] public partial class Net;", "CS1503" },
        { "string activation", "[Network] [Input(2)] [Dense(1, \"relu\")] public partial class Net;", "CS1503" },
        { "too many arguments", "[Network] [Input(2)] [Dense(1, Activation.ReLU, 3)] public partial class Net;", "CS1729" },
        { "two-argument input", "[Network] [Input(2, 3)] [Dense(1)] public partial class Net;", "CS7036" },
        { "negative sizes", "[Network] [Input(-2)] [Dense(-1)] public partial class Net;", "DN0004" },
        { "zero image", "[Network] [Input(0, 0, 0)] [Dense(0)] public partial class Net;", "DN0004" },
        { "undefined activation", "[Network] [Input(2)] [Dense(1, (Activation)99)] public partial class Net;", "DN0010" },
        { "negative activation", "[Network] [Input(2)] [Dense(1, (Activation)(-1))] public partial class Net;", "DN0010" },
        { "undefined loss", "[Network(Loss = (Loss)42)] [Input(2)] [Dense(1)] public partial class Net;", "DN0010" },
        { "undefined loss with logits", "[Network(Loss = (Loss)(-7), FromLogits = true)] [Input(2)] [Dense(3, (Activation)12)] public partial class Net;", "DN0010" },
        { "int loss", "[Network(Loss = 1)] [Input(2)] [Dense(1)] public partial class Net;", "CS0266" },
        { "int FromLogits", "[Network(FromLogits = 1)] [Input(2)] [Dense(1)] public partial class Net;", "CS0029" },
        { "unknown property", "[Network(Depth = 3)] [Input(2)] [Dense(1)] public partial class Net;", "CS0246" },
        { "network with constructor argument", "[Network(3)] [Input(2)] [Dense(1)] public partial class Net;", "CS1729" },
        { "struct", "[Network] [Input(2)] [Dense(1)] public partial struct Net;", "DN0009" },
        { "record", "[Network] [Input(2)] [Dense(1)] public partial record Net;", "DN0009" },
        { "record struct", "[Network] [Input(2)] [Dense(1)] public partial record struct Net;", "DN0009" },
        { "interface", "[Network] [Input(2)] [Dense(1)] public partial interface INet;", "DN0009" },
        { "enum", "[Network] [Input(2)] [Dense(1)] public enum Net { A }", "CS0592" },
        { "method", "public partial class Host { [Network] [Input(2)] [Dense(1)] public void Net() { } }", "CS0592" },
        { "property", "public partial class Host { [Network] public int Net { get; set; } }", "CS0592" },
        { "delegate", "[Network] [Input(2)] [Dense(1)] public delegate void Net();", "CS0592" },
        { "generic class", "[Network] [Input(2)] [Dense(1)] public partial class Net<T>;", "DN0009" },
        { "generic class with constraint", "[Network] [Input(2)] [Dense(1)] public partial class Net<T> where T : struct;", "DN0009" },
        { "nested in generic", "public partial class Outer<T> { [Network] [Input(2)] [Dense(1)] public partial class Net; }", "DN0009" },
        { "nested in generic nested", "public partial class A<T> { public partial class B { [Network] [Input(2)] [Dense(1)] public partial class Net; } }", "DN0009" },
        { "nested in non-partial", "public class Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }", "DN0001" },
        { "static class", "[Network] [Input(2)] [Dense(1)] public static partial class Net;", "DN0009" },
        { "abstract class", "[Network] [Input(2)] [Dense(1)] public abstract partial class Net;", "DN0009" },
        { "not partial", "[Network] [Input(2)] [Dense(1)] public class Net;", "DN0001" },
        { "duplicate input", "[Network] [Input(2)] [Input(3)] [Dense(1)] public partial class Net;", "CS0579" },
        { "duplicate network", "[Network] [Network] [Input(2)] [Dense(1)] public partial class Net;", "CS0579" },
        { "network on two declarations", "[Network] [Input(2)] [Dense(1)] public partial class Net; [Network] public partial class Net;", "CS0579" },
        { "layers on another declaration", "[Network] [Input(2)] public partial class Net; [Dense(4)] [Dense(1)] public partial class Net;", "DN0011" },
        { "input on another declaration", "[Network] [Dense(1)] public partial class Net; [Input(2)] public partial class Net;", "DN0011" },
        { "input after layers", "[Network] [Dense(3, Activation.ReLU)] [Dense(1)] [Input(2)] public partial class Net;", "DN0015" },
        { "layers without network", "[Input(2)] [Dense(1)] public partial class Net;", "DN0019" },
        { "empty class", "[Network] public partial class Net { }", "DN0002" },
        { "only input", "[Network] [Input(2)] public partial class Net;", "DN0003" },
        { "huge units", "[Network] [Input(784)] [Dense(int.MaxValue)] public partial class Net;", "DN0013" },
        { "huge input", "[Network] [Input(int.MaxValue)] [Dense(int.MaxValue)] public partial class Net;", "DN0013" },
        { "huge image", "[Network] [Input(int.MaxValue, int.MaxValue, int.MaxValue)] [Dense(1)] public partial class Net;", "DN0013" },
        { "min units", "[Network] [Input(int.MinValue)] [Dense(int.MinValue)] public partial class Net;", "DN0004" },
        { "wide hidden", "[Network] [Input(1)] [Dense(1 << 25, Activation.ReLU)] [Dense(1)] public partial class Net;", "DN0013" },
        { "file-local class", "[Network] [Input(2)] [Dense(1)] file partial class Net;", "DN0009" },
        { "unterminated attribute", "[Network] [Input(2)] [Dense(1 public partial class Net;", "CS1026" },
        { "look-alike attribute classes", "namespace Dendrite { public sealed class DenseAttribute : System.Attribute { public DenseAttribute() { } public DenseAttribute(string units) { } } public sealed class InputAttribute : System.Attribute { public InputAttribute(long a, long b) { } } } [Network] [Input(1L, 2L)] [Dense] [Dense(\"4\")] public partial class Net;", "DN0014" },
        { "no class body", "[Network] [Input(2)] [Dense(1)] public partial class", "CS1001" },
    };

    [Theory]
    [MemberData(nameof(MalformedDeclarations))]
    public void MalformedDeclaration_GetsTheExpectedDiagnosticInTheUsersFile_NeverAnException(string what, string declaration, string expected)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n" + declaration);

        AssertNoGeneratorFailure(run, what);
        AssertGeneratedFilesCompile(run, what);
        SyntaxTree userFile = run.Input.SyntaxTrees.Single();
        List<Diagnostic> all = run.GeneratorDiagnostics.Concat(run.Output.GetDiagnostics()).ToList();
        Assert.True(
            // A DN diagnostic marks what is wrong; a syntax error may sit between two tokens and have no width.
            all.Any(d => d.Id.StartsWith(expected, StringComparison.Ordinal) && Fuzz.FuzzRunner.IsIn(d.Location, userFile) && (d.Location.SourceSpan.Length > 0 || d.Id.StartsWith("CS", StringComparison.Ordinal))),
            what + ": expected " + expected + " located in the user's file, found:\n" + GeneratorRun.Describe(all));
    }

    /// <summary>Unusual but valid declarations, and how many networks each declares: generated, and compiling with no error and no warning.</summary>
    public static readonly TheoryData<string, string, int> UnusualValidDeclarations = new()
    {
        { "char sizes", "[Network] [Input('a')] [Dense('b')] public partial class Net;", 1 },
        { "named arguments out of order", "[Network] [Input(size: 2)] [Dense(activation: Activation.Sigmoid, units: 1)] public partial class Net;", 1 },
        { "weights null", "[Network(Weights = null)] [Input(2)] [Dense(1)] public partial class Net;", 1 },
        { "nested in struct", "public partial struct Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }", 1 },
        { "nested in record", "public partial record Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }", 1 },
        { "nested in interface", "public partial interface IOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }", 1 },
        { "keyword class name", "[Network] [Input(2)] [Dense(1)] public partial class @event;", 1 },
        { "keyword namespace", "namespace @class.@if { [Network] [Input(2)] [Dense(1)] public partial class Net; }", 1 },
        { "fully qualified attributes", "[Dendrite.Network(Loss = Dendrite.Loss.BinaryCrossentropy)] [Dendrite.Input(2)] [Dendrite.Dense(1, Dendrite.Activation.Sigmoid)] public partial class Net;", 1 },
        { "attribute list with several attributes", "[Network, Input(2), Dense(4, Activation.ReLU), Dense(1)] public partial class Net;", 1 },
        { "unicode identifier part", "namespace Réseaux { [Network] [Input(2)] [Dense(1)] public partial class Net‿a; }", 1 },
        { "names equal after hint-name sanitising", "[Network] [Input(2)] [Dense(1)] public partial class Net\u203Fa; [Network] [Input(2)] [Dense(1)] public partial class Net_a;", 2 },
        // Without [Network] the attributes are inert: nothing to generate and nothing to report.
    };

    [Theory]
    [MemberData(nameof(UnusualValidDeclarations))]
    public void UnusualValidDeclaration_GeneratesCodeThatCompilesWithNoErrorOrWarning(string what, string declaration, int networks)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n" + declaration);

        AssertNoGeneratorFailure(run, what);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, what + ": " + GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.Equal(networks, run.NetworkSources.Count);
        Assert.Equal((2 * networks) + 1, run.Sources.Count); // each with its plumbing file, and the shared kernels
        IReadOnlyList<Diagnostic> problems = run.CompilationProblems();
        Assert.True(problems.Count == 0, what + ": " + GeneratorRun.Describe(problems.Take(10)));
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

        AssertNoGeneratorFailure(run, "random declarations");
        AssertGeneratedFilesCompile(run, "random declarations");

        // The mix is meant to exercise both outcomes; if it generated nothing (or reported nothing) it tests little.
        // (Invalid ones also get a file, the throwing stand-ins of SurfaceStubEmitter: count network code only.)
        int networks = run.NetworkSources.Count(s => !s.SourceText.ToString().Contains(Dendrite.Generator.Emitting.SurfaceStubEmitter.HeaderMarker, StringComparison.Ordinal));
        Assert.True(networks >= 10, "Only " + networks + " of the random networks were valid.");
        Assert.True(run.GeneratorDiagnostics.Length >= 50, "Only " + run.GeneratorDiagnostics.Length + " generator diagnostics.");
    }

    /// <summary>
    /// No exception, and so no CS8785: the compiler reports a generator's exception among the driver's diagnostics
    /// (not the compilation's), so that is where to look for it.
    /// </summary>
    private static void AssertNoGeneratorFailure(GeneratorRun run, string what)
    {
        Assert.True(run.Exceptions.Count == 0, what + ": the generator threw " + string.Join("\n", run.Exceptions));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
    }

    /// <summary>Generated code never has an error or a warning, whatever the input (an error there is the generator's fault, not the user's).</summary>
    private static void AssertGeneratedFilesCompile(GeneratorRun run, string what)
    {
        HashSet<SyntaxTree> generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToHashSet();
        List<Diagnostic> problems = run.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree))
            .ToList();
        Assert.True(problems.Count == 0, what + ": the generated code has errors or warnings:\n" + GeneratorRun.Describe(problems.Take(10)));
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
