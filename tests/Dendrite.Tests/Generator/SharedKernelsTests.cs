using System.Text.RegularExpressions;
using Dendrite.Generator.Emitting;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The micro-kernels of all of a project's networks are written once, in one internal class named after the assembly
/// (SharedKernelsEmitter): the compiler binds each distinct kernel once however many networks call it, and two
/// projects that see each other's internals never meet two classes of the same name.
/// </summary>
public class SharedKernelsTests
{
    private const string Digit = """
        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(784)]
        [Dense(25, Activation.ReLU)]
        [Dense(15, Activation.ReLU)]
        [Dense(10)]
        """;

    private const string Cnn = """
        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(12, 12, 1)]
        [Conv2D(4, 3, Activation.ReLU)]
        [Conv2D(4, 3, Activation.ReLU)]
        [Flatten]
        [Dense(10)]
        """;

    [Fact]
    public void Networks_with_the_same_layers_share_one_definition_of_each_kernel()
    {
        string one = Kernels(GeneratorHarness.Run("using Dendrite;\n" + Digit + " partial class A;\n" + Cnn + " partial class C;"));
        string three = Kernels(GeneratorHarness.Run("using Dendrite;\n" + Digit + " partial class A;\n" + Digit + " partial class B;\n" + Cnn + " partial class C;\n" + Cnn + " partial class D;"));

        // Twice the networks, the same kernels: the file does not grow with the number of networks.
        Assert.Equal(one, three);
        // Each class defines each kernel once: the portable one, and the 512-bit twins of the Digit network's first layer
        // (784 inputs) in its nested class; no twin without its portable kernel, whose dispatch calls it.
        int nested = three.IndexOf("internal static class " + KernelFlavour.NestedClass, StringComparison.Ordinal);
        Assert.True(nested > 0, "the Digit network's 784-input layer has 512-bit kernels");
        List<string> portable = Definitions(three.Substring(0, nested));
        List<string> wide = Definitions(three.Substring(nested));
        Assert.Contains("DenseForward4x2", portable);
        Assert.Contains(portable, d => d.StartsWith("Conv2DForward", StringComparison.Ordinal));
        Assert.Contains("DenseForward6x4", wide);
        Assert.Equal(portable.Count, portable.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(wide.Count, wide.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(wide.Except(portable));
    }

    private static List<string> Definitions(string source) =>
        Regex.Matches(source, @"internal static \w+ (\w+)(<TShape>)?\(").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void Each_network_calls_the_kernels_by_their_global_name()
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n" + Digit + " partial class A;");

        Assert.Contains("global::Dendrite.Generated.Kernels_DendriteGeneratorTest.DenseForward4x2(", run.NetworkSource(), StringComparison.Ordinal);
        Assert.DoesNotContain("internal static void DenseForward", run.NetworkSource(), StringComparison.Ordinal);
        Assert.DoesNotContain("internal static void DenseForward", run.PlumbingSource(), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems());
    }

    [Theory]
    [InlineData("App", "Kernels_App")]
    [InlineData("My_App", "Kernels_My_App")]
    public void The_class_is_named_after_the_assembly(string assembly, string expected)
    {
        Assert.Equal("global::Dendrite.Generated." + expected, SharedKernelsEmitter.ClassFor(assembly));
    }

    [Fact]
    public void Assembly_names_that_sanitise_alike_still_get_different_classes()
    {
        string dotted = SharedKernelsEmitter.ClassFor("My.App");
        string dashed = SharedKernelsEmitter.ClassFor("My-App");

        Assert.Matches(@"^global::Dendrite\.Generated\.Kernels_My_App_[0-9a-f]{8}$", dotted);
        Assert.NotEqual(dotted, dashed);
        Assert.NotEqual(SharedKernelsEmitter.ClassFor("My_App"), dotted);
    }

    [Fact]
    public void A_project_seeing_another_projects_internals_compiles_both_kernels_classes_without_a_warning()
    {
        // The library lets its tests see its internals, and both declare networks: each has its own kernels class,
        // so the test project sees no second class of its own class's name (CS0436 would fail a warnings-as-errors build).
        GeneratorRun library = GeneratorHarness.Run(
            new GeneratorOptions { AssemblyName = "My.Library" },
            "using Dendrite;\n[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"My.Library.Tests\")]\nnamespace Lib;\n" + Digit + " public partial class LibraryNet;");
        Assert.Empty(library.CompilationProblems());

        GeneratorRun tests = GeneratorHarness.Run(
            new GeneratorOptions { AssemblyName = "My.Library.Tests", References = [library.Output.ToMetadataReference()] },
            "using Dendrite;\nnamespace Lib.Tests;\n" + Digit + " public partial class TestNet;\n" + Cnn + " public partial class TestCnn;\n" +
            "public static class Use { public static int Sizes() => Lib.LibraryNet.InputSize + TestNet.InputSize + TestCnn.InputSize; }");

        Assert.True(tests.CompilationProblems().Count == 0, GeneratorRun.Describe(tests.CompilationProblems()));
    }

    [Fact]
    public void User_members_named_like_kernels_no_longer_collide_with_generated_code()
    {
        // The kernels used to be members of the network class, so these names were reserved (DN0041); they live in the
        // shared class now and are called by their global:: name, so the user's own members cannot capture the calls.
        GeneratorRun run = GeneratorHarness.Run(
            "using Dendrite;\n" + Cnn + " partial class C\n{\n    private static void DenseForward4x2() { }\n    private static int ReLUForward => 1;\n" +
            "    private interface IConv2DShape { }\n    private static void Conv2DForward4x2() { }\n}\n" +
            "namespace Dendrite.Generated { public class Kernels { } }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
    }

    [Fact]
    public void A_project_without_a_valid_network_gets_no_kernels_file()
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n[Network][Input(4)][Dense(-1)] partial class Broken;");

        Assert.DoesNotContain(run.Sources, s => s.HintName == SharedKernelsEmitter.HintName);
    }

    private static string Kernels(GeneratorRun run)
    {
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
        return run.KernelsSource();
    }
}
