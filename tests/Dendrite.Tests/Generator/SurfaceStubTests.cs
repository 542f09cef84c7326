using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// A declaration with errors is reported once, by its DN diagnostics: the generator still writes the type's public
/// members (bodies that throw InvalidOperationException quoting the errors), so code that uses the network compiles
/// instead of failing at every call site with CS1739, CS0117 or CS1061.
/// </summary>
public class SurfaceStubTests
{
    /// <summary>How the network's targets and predictions look to user code; picks the usage code to compile.</summary>
    public enum Form
    {
        /// <summary>Sparse categorical cross-entropy: Fit(inputs, int labels), int Classify.</summary>
        Labels,

        /// <summary>Categorical cross-entropy: Fit(inputs, float targets), int Classify.</summary>
        Softmax,

        /// <summary>Binary cross-entropy with one output: bool Classify.</summary>
        Binary,

        /// <summary>Binary cross-entropy with several outputs: Classify(input, labels).</summary>
        MultiLabel,

        /// <summary>Mean squared error: no Classify, no PredictProbabilities.</summary>
        Regression,

        /// <summary>An undefined loss: both kinds of targets, int Classify and Classify(input, labels).</summary>
        UnknownLoss,
    }

    private const string Scce = "[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]";

    /// <summary>Every DN error a partial, non-generic, instantiable class can have, with the usage its loss allows.</summary>
    public static TheoryData<string, string, Form> InvalidDeclarations => new()
    {
        { "DN0002", Scce + " [Dense(3)]", Form.Labels },
        { "DN0003", Scce + " [Input(4)]", Form.Labels },
        { "DN0004", Scce + " [Input(4)] [Dense(0, Activation.ReLU)] [Dense(3)]", Form.Labels },
        { "DN0004", "[Network(Loss = Loss.BinaryCrossentropy)] [Input(-4)] [Dense(1, Activation.Sigmoid)]", Form.Binary },
        { "DN0005", "[Network(Loss = Loss.CategoricalCrossentropy)] [Input(4)] [Dense(5, Activation.Softmax)] [Dense(3, Activation.Softmax)]", Form.Softmax },
        { "DN0006", "[Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)] [Input(4)] [Dense(3, Activation.Sigmoid)]", Form.MultiLabel },
        { "DN0007", "[Network(Loss = Loss.BinaryCrossentropy)] [Input(4)] [Dense(1)]", Form.Binary },
        { "DN0008", Scce + " [Input(4)] [Dense(1)]", Form.Labels },
        { "DN0010", "[Network(Loss = (Loss)42)] [Input(4)] [Dense(2)]", Form.UnknownLoss },
        { "DN0010", "[Network] [Input(4)] [Dense(2, (Activation)99)]", Form.Regression },
        // The layers on a second partial declaration; the class gets a third part here too.
        { "DN0011", Scce + " [Input(4)] public partial class Net; [Dense(3)]", Form.Labels },
        { "DN0012", "[Network(FromLogits = true)] [Input(4)] [Dense(2)]", Form.Regression },
        { "DN0013", "[Network] [Input(100000)] [Dense(100000)]", Form.Regression },
        { "DN0030", "[Network] [Input(2, 2, 1)] [Conv2D(3, kernel: 3)] [Flatten] [Dense(1)]", Form.Regression },
        { "DN0031", Scce + " [Input(6, 6, 1)] [Conv2D(3, kernel: 3)] [Dense(3)]", Form.Labels },
        { "DN0032", Scce + " [Input(36)] [MaxPool2D(2)] [Flatten] [Dense(3)]", Form.Labels },
        { "DN0033", "[Network] [Input(6, 6, 1)] [Conv2D(3, kernel: 3)]", Form.Regression },
        { "DN0050", "[Network] [Input(4)] [Dense(2, Activation.LeakyReLU, Slope = -1f)]", Form.Regression },
        { "DN0051", "[Network] [Input(4)] [Dense(2, Activation.ReLU, Slope = 0.1f)]", Form.Regression },
        // With a weights file named: Pretrained and CreatePretrained are part of the surface.
        { "DN0004", Scce.Replace(")]", ", Weights = \"net.weights\")]", StringComparison.Ordinal) + " [Input(0)] [Dense(3)]", Form.Labels },
    };

    [Theory]
    [MemberData(nameof(InvalidDeclarations))]
    public void Code_using_every_member_of_an_invalid_network_compiles_and_only_the_DN_errors_remain(string id, string attributes, Form form)
    {
        GeneratorRun run = GeneratorHarness.Run(Declaration(attributes), Usage(form, attributes.Contains("Weights", StringComparison.Ordinal)));

        Assert.Empty(run.Exceptions);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("DN", d.Id, StringComparison.Ordinal));
        IReadOnlyList<Diagnostic> problems = run.CompilationProblems();
        Assert.True(problems.Count == 0, "Expected only the DN errors but the compilation reports:\n" + GeneratorRun.Describe(problems));
    }

    [Theory]
    [MemberData(nameof(InvalidDeclarations))]
    public void Every_stub_member_throws_InvalidOperationException_naming_the_DN_error(string id, string attributes, Form form)
    {
        GeneratorRun run = GeneratorHarness.Run(Declaration(attributes), Usage(form, attributes.Contains("Weights", StringComparison.Ordinal)));
        using InMemoryAssembly assembly = InMemoryAssembly.Load(run.Output);

        MethodInfo[] uses = assembly.Type("Probe.Use").GetMethods(BindingFlags.Public | BindingFlags.Static);
        Assert.True(uses.Length >= 16, "Only " + uses.Length + " uses were compiled.");
        foreach (MethodInfo use in uses)
        {
            InvalidOperationException thrown = Assert.Throws<InvalidOperationException>(() => assembly.InvokeStatic("Probe.Use", use.Name));
            Assert.Contains("Net cannot be used", thrown.Message, StringComparison.Ordinal);
            Assert.Contains(id + ": ", thrown.Message, StringComparison.Ordinal);
        }

        // The constants stay usable, and keep the declared sizes where the declaration gives them.
        Assert.Equal(Expected(attributes, "[Input("), (int)assembly.InvokeStatic("Probe.CompileOnly", "InputSize")!);
    }

    [Fact]
    public void The_exception_quotes_every_error_with_its_message()
    {
        GeneratorRun run = GeneratorHarness.Run(Declaration("[Network] [Input(0)] [Dense(0)]"));
        string stub = run.SingleSource();

        Assert.Equal(2, run.GeneratorDiagnostics.Length);
        foreach (Diagnostic diagnostic in run.GeneratorDiagnostics)
        {
            Assert.Contains(diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), stub, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("public class Net;")] // DN0001: not partial
    [InlineData("public partial struct Net;")] // DN0009: not a class
    [InlineData("public static partial class Net;")] // DN0009: static
    [InlineData("public partial class Net<T>;")] // DN0009: generic
    [InlineData("public partial class Net(int size);")] // a primary constructor: the stub's Net(int seed) could not exist beside it
    [InlineData("public partial class Net { public int Predict(ReadOnlySpan<float> a, Span<float> b) => 0; }")] // would clash with Predict
    [InlineData("public partial class Net { public const int InputSize = 3; }")] // would clash with InputSize
    [InlineData("public partial class Net { public Net(int size) { } }")] // would clash with Net(int seed = 0)
    [InlineData("public partial class Net : Base; public class Base { protected static int Architecture => 0; }")] // would hide it (CS0108)
    [InlineData("public partial class Net : Base; public class Base { public void Save(string file) { } }")] // would hide it (CS0108)
    [InlineData("public partial class Net : Base; public class Base { public Base(int size) { } }")] // Net(int seed) could not call base() (CS7036)
    [InlineData("public partial class Net : Base; public class Base { public void Fit() { } }")] // an overload of a generated name: DN0041, strict on purpose
    [InlineData("public partial class Net : Base; public abstract class Base { public int Predict(float[] input) => 0; }")] // likewise
    public void A_class_that_cannot_take_the_stub_gets_no_generated_code(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing Dendrite;\nnamespace Probe;\n" + Scce + " [Input(0)] [Dense(3)]\n" + declaration);

        Assert.Empty(run.Exceptions);
        Assert.NotEmpty(run.GeneratorDiagnostics);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("public class Base { private void Save(string file) { } protected Base(int size = 1) { } public void Train() { } }")]
    [InlineData("public abstract class Base { public int Score(float[] input) => 0; private int Predict(float[] input) => 0; }")]
    public void A_base_class_whose_members_do_not_clash_keeps_the_stub(string baseClass)
    {
        GeneratorRun run = GeneratorHarness.Run(Declaration(Scce + " [Input(0)] [Dense(3)]").Replace("public partial class Net;", "public partial class Net : Base;", StringComparison.Ordinal) + baseClass);

        Assert.Contains(Dendrite.Generator.Emitting.SurfaceStubEmitter.HeaderMarker, run.SingleSource(), StringComparison.Ordinal);
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
    }

    [Fact]
    public void Below_CSharp_11_there_is_no_stub()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(
            new GeneratorOptions { LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10 }, Declaration(Scce + " [Input(0)] [Dense(3)]")).Result;

        Assert.NotEmpty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_nested_network_in_the_global_namespace_gets_its_stub_in_place()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Dendrite;
            public partial class Outer
            {
                public partial record struct Inner
                {
                    [Network] [Input(0)] [Dense(1)]
                    public partial class @event;
                }
            }

            public static class Use
            {
                public static float Run() => new Outer.Inner.@event(seed: 2).ComputeLoss(new float[Outer.Inner.@event.InputSize], default, new float[1]);
            }
            """);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "DN0004");
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
    }

    [Fact]
    public void Moving_an_invalid_network_does_not_re_emit_its_stub()
    {
        // The stub carries no locations (the messages quoted hold none), so moving the class leaves it Unchanged.
        string before = Declaration(Scce + " [Input(0)] [Dense(3)]");
        string after = before.Replace("namespace Probe;", "namespace Probe;\n\n// A comment that moves the class down.\n", StringComparison.Ordinal);
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation first = GeneratorHarness.CreateCompilation(before);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        Compilation second = first.ReplaceSyntaxTree(first.SyntaxTrees.Single(), GeneratorHarness.Parse(after, 0));

        GeneratorRunResult result = Assert.Single(driver.RunGenerators(second).GetRunResult().Results);

        IncrementalGeneratorRunStep step = Assert.Single(result.TrackedSteps[Dendrite.Generator.NetworkGenerator.Steps.Stub]);
        Assert.All(step.Outputs, output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Single(result.GeneratedSources);
    }

    private static string Declaration(string attributes) => "using Dendrite;\nnamespace Probe;\n" + attributes + "\npublic partial class Net;\n";

    /// <summary>The declared input size in the attributes, or 1 (the stand-in) when there is no positive one.</summary>
    private static int Expected(string attributes, string marker)
    {
        int start = attributes.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return 1;
        }

        string[] sizes = attributes[(start + marker.Length)..attributes.IndexOf(')', start)].Split(',');
        long size = sizes.Aggregate(1L, (product, text) => product * long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        return size is > 0 and <= int.MaxValue ? (int)size : 1;
    }

    /// <summary>
    /// User code touching every public member of Net: <c>Use</c> holds one method per member that must throw,
    /// <c>CompileOnly</c> the uses that must only compile (constants in constant expressions, the INetwork constraint).
    /// </summary>
    private static string Usage(Form form, bool pretrained)
    {
        var uses = new List<string>
        {
            "public static void Construct() => _ = new Net(seed: 1);",
            "public static void ConstructDefault() => _ = new Net();",
            "public static void Architecture() => _ = Net.Architecture;",
            "public static void GenericArchitecture() => _ = CompileOnly.Generic<Net>();",
            "public static void Parameters() => _ = Instance().Parameters.Length;",
            "public static void Predict() => Instance().Predict(X, Y);",
            "public static void PredictBatch() => Instance().PredictBatch(X, Y);",
            "public static void ComputeGradients() => _ = Instance().ComputeGradients(X, default, new float[Net.ParameterCount], Y);",
            "public static void ComputeLoss() => _ = Instance().ComputeLoss(X, default, Y);",
            "public static void SavePath() => Instance().Save(\"net.weights\");",
            "public static void SaveStream() => Instance().Save(Stream.Null);",
            "public static void LoadPath() => _ = Net.Load(\"net.weights\");",
            "public static void LoadStream() => _ = Net.Load(Stream.Null);",
            "public static void WeightsFileSave() => WeightsFile.Save(Instance(), Stream.Null);",
        };

        if (form is Form.Labels or Form.UnknownLoss)
        {
            uses.Add("public static void FitLabels() { TrainingHistory h = Instance().Fit(X, new int[1]); }");
            uses.Add("public static void FitLabelsWithOptions() => _ = Instance().Fit(X, new int[1], new FitOptions { Epochs = 2 });");
            uses.Add("public static void EvaluateLabels() { EvaluationResult e = Instance().Evaluate(X, new int[1]); }");
        }

        if (form is not Form.Labels)
        {
            uses.Add("public static void FitTargets() { TrainingHistory h = Instance().Fit(X, Y); }");
            uses.Add("public static void FitTargetsWithOptions() => _ = Instance().Fit(X, Y, options: null);");
            uses.Add("public static void EvaluateTargets() { EvaluationResult e = Instance().Evaluate(X, Y); }");
        }

        if (form is not Form.Regression)
        {
            uses.Add("public static void PredictProbabilities() => Instance().PredictProbabilities(X, Y);");
        }

        if (form is Form.Labels or Form.Softmax or Form.UnknownLoss)
        {
            uses.Add("public static void ClassifyIndex() { int c = Instance().Classify(X); }");
        }

        if (form is Form.Binary)
        {
            uses.Add("public static void ClassifyBool() { bool c = Instance().Classify(X); }");
        }

        if (form is Form.MultiLabel or Form.UnknownLoss)
        {
            uses.Add("public static void ClassifyLabels() => Instance().Classify(X, new bool[Net.OutputSize]);");
        }

        if (pretrained)
        {
            uses.Add("public static void Pretrained() => _ = Net.Pretrained;");
            uses.Add("public static void CreatePretrained() => _ = Net.CreatePretrained();");
        }

        return """
            using System;
            using System.IO;
            using System.Runtime.CompilerServices;
            using Dendrite;
            namespace Probe;

            public static class Use
            {
                private static readonly float[] X = new float[Net.InputSize];
                private static readonly float[] Y = new float[Net.OutputSize];

                private static Net Instance() => (Net)RuntimeHelpers.GetUninitializedObject(typeof(Net));

            """ + string.Join("\n", uses.Select(use => "    " + use)) + """

            }

            public static class CompileOnly
            {
                public const int Sizes = Net.InputSize + Net.OutputSize + Net.ParameterCount;

                public static int InputSize() => Net.InputSize;

                public static int Samples(float[] data) => data.Length / Net.InputSize + data.Length % Net.OutputSize;

                public static int Generic<T>() where T : class, INetwork<T> => T.InputSize + T.OutputSize + T.ParameterCount + T.Architecture.InputSize;

                public static TrainingSession<Net> Session(Net net) => new(net, new Adam());
            }
            """;
    }
}
