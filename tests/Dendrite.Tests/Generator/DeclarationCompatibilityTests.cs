using System.Globalization;
using System.Text;
using Dendrite.Generator.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Declarations the user's own code accepts but the generated half of the class could not compile beside: a class or
/// member named like a generated member, a primary constructor, a conflicting constructor or base class, a C# version
/// below 11. Each is one DN diagnostic on the user's code, and never a CS error or warning in generated code.
/// </summary>
public class DeclarationCompatibilityTests
{
    private const string Layers = "[Network]\n[Input(4)]\n[Dense(1)]\n";

    [Fact]
    public void DN0040_ClassNamedLikeAGeneratedMember() => AssertDiagnostic("DN0040", "using Dendrite;\n" + Layers + "public partial class [|Predict|];",
        "The network class 'Predict' has the name of a member Dendrite generates in it, and a member cannot have the name of its class (CS0542): expected a class name other than "
        + GeneratedMemberNames.Description + ", found 'Predict'");

    [Fact]
    public void DN0041_MethodNamedLikeAGeneratedMember() => AssertDiagnostic("DN0041", "using Dendrite;\n" + Layers + "public partial class Net\n{\n    public float [|Predict|](float[] input) => 0f;\n}",
        "Network 'Net' declares a member named 'Predict', a name Dendrite generates in the network class: expected no member named 'Predict' (rename it; the generated names are "
        + GeneratedMemberNames.Description + "), found the method Net.Predict(float[])");

    [Fact]
    public void DN0041_FieldNamedLikeAGeneratedField() => AssertDiagnostic("DN0041", "using Dendrite;\n" + Layers + "public partial class Net\n{\n    public float[] [|_parameters|] = new float[1];\n}",
        "Network 'Net' declares a member named '_parameters', a name Dendrite generates in the network class: expected no member named '_parameters' (rename it; the generated names are "
        + GeneratedMemberNames.Description + "), found the field Net._parameters");

    [Fact]
    public void DN0041_InheritedMember() => AssertDiagnostic("DN0041", "using Dendrite;\npublic class Trainer\n{\n    public void Fit() { }\n}\n\n" + Layers + "public partial class [|Net|] : Trainer;",
        "Network 'Net' inherits a member named 'Fit', a name Dendrite generates in the network class: expected no member named 'Fit' (rename it; the generated names are "
        + GeneratedMemberNames.Description + "), found the method Trainer.Fit() of base class 'Trainer'");

    [Fact]
    public void DN0042_PrimaryConstructor() => AssertDiagnostic("DN0042", "using Dendrite;\n" + Layers + "public partial class Net[|(int width)|]\n{\n    public int Width => width;\n}",
        "Network 'Net' has the primary constructor parameters '(int width)', which the generated constructors could not chain to (CS8862): expected 'partial class Net' without a parameter list (remove it; keep state in fields), found 'partial class Net(int width)'");

    [Fact]
    public void DN0042_PrimaryConstructorOnAnotherPartialDeclaration() => AssertDiagnostic("DN0042", "using Dendrite;\n" + Layers + "public partial class Net;\n\npublic partial class Net[|()|];",
        "Network 'Net' has the primary constructor parameters '()', which the generated constructors could not chain to (CS8862): expected 'partial class Net' without a parameter list (remove it; keep state in fields), found 'partial class Net()'");

    [Fact]
    public void DN0044_ConstructorWithTheSeedConstructorsParameters() => AssertDiagnostic("DN0044", "using Dendrite;\n" + Layers + "public partial class Net\n{\n    public [|Net|](int epochs) { }\n}",
        "Network 'Net' declares a constructor with the parameters of a generated one (Net(int seed = 0) and a private Net(ReadOnlySpan<float>)): expected no constructor taking (int) or (ReadOnlySpan<float>) (construct with new Net(seed) or give yours other parameters), found the constructor Net.Net(int)");

    [Fact]
    public void DN0044_ConstructorWithTheLoadConstructorsParameters() => AssertDiagnostic("DN0044", "using System;\nusing Dendrite;\n" + Layers + "public partial class Net\n{\n    internal [|Net|](ReadOnlySpan<float> weights) { }\n}",
        "Network 'Net' declares a constructor with the parameters of a generated one (Net(int seed = 0) and a private Net(ReadOnlySpan<float>)): expected no constructor taking (int) or (ReadOnlySpan<float>) (construct with new Net(seed) or give yours other parameters), found the constructor Net.Net(ReadOnlySpan<float>)");

    [Fact]
    public void DN0044_BaseClassWithoutAParameterlessConstructor() => AssertDiagnostic("DN0044", "using Dendrite;\npublic class Named\n{\n    public Named(string name) { }\n}\n\n" + Layers + "public partial class [|Net|] : Named\n{\n    public Net() : base(\"net\") { }\n}",
        "Network 'Net' derives from 'Named', which has no constructor the generated constructors can call: expected a base class with an accessible constructor that takes no arguments, found the constructor Named.Named(string)");

    [Fact]
    public void DN0044_RequiredMember() => AssertDiagnostic("DN0044", "using Dendrite;\n" + Layers + "public partial class Net\n{\n    public required string [|Label|] { get; init; }\n}",
        "Network 'Net' declares the required member 'Label', which the generated Load and CreatePretrained cannot set when they construct the network: expected no required members (give the member a default value, or set it after construction), found the property Net.Label marked required");

    [Fact]
    public void DN0043_LanguageVersion10() => AssertDiagnostic("DN0043", "using Dendrite;\n" + Layers + "public partial class [|Net|] { }",
        "Network 'Net' needs C# 11.0 or later: its generated code implements static abstract interface members: expected <LangVersion> 11.0 or later, found C# 10.0",
        LanguageVersion.CSharp10);

    [Fact]
    public void Members_constructors_and_a_base_class_that_leave_the_generated_names_free_compile_cleanly()
    {
        GeneratorRun run = NameTestNetworks.Run("""
            using System;
            using Dendrite;

            public abstract class Model
            {
                protected Model() { }

                public string Describe() => GetType().Name;
            }

            [Network]
            [Input(4)]
            [Dense(1)]
            public sealed partial class Net : Model, IDisposable
            {
                public Net() : this(7) { }

                public Net(string name, int seed = 0) : this(seed) => Name = name;

                public string Name { get; init; } = "";

                public float PredictOne(float[] input)
                {
                    Span<float> output = stackalloc float[OutputSize];
                    Predict(input, output);
                    return output[0];
                }

                public void Dispose() { }

                public static Net operator +(Net a, Net b) => a;

                public class Options { }
            }
            """);

        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
    }

    [Fact]
    public void Containing_types_of_every_kind_and_modifier_compile_cleanly()
    {
        GeneratorRun run = NameTestNetworks.Run("""
            #pragma warning disable CS8981
            using Dendrite;

            namespace Kinds;

            public readonly partial struct ReadOnlyOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }
            public ref partial struct RefOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }
            public partial record struct RecordStructOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }
            public partial record RecordOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }
            public partial interface IOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }
            public static partial class StaticOuter { [Network] [Input(2)] [Dense(1)] internal sealed partial class Net; }
            public abstract partial class AbstractOuter { [Network] [Input(2)] [Dense(1)] protected internal partial class Net; }
            public partial class @event { [Network] [Input(2)] [Dense(1)] public partial class @class; }
            """);

        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
        Assert.Equal(17, run.GeneratedTrees.Count); // 8 networks × (readable file + plumbing file), and the shared kernels
    }

    [Fact]
    public void Every_generated_member_name_as_the_class_name_gives_DN0040_and_nothing_else() =>
        AssertOnePerNetwork("DN0040", GeneratedMemberNamesInUse().Select(name => (name, "public partial class " + name + " { }", name)));

    [Fact]
    public void Every_generated_member_name_as_a_user_member_gives_DN0041_and_nothing_else()
    {
        string[] kinds = ["public void {0}(bool flag) {{ }}", "public int {0} = 1;", "public int {0} {{ get; set; }}", "public class {0} {{ }}"];
        AssertOnePerNetwork("DN0041", GeneratedMemberNamesInUse().Select((name, i) =>
            (name, "public partial class Net { " + string.Format(CultureInfo.InvariantCulture, kinds[i % kinds.Length], name) + " }", name)));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.CSharp13)]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.Preview)]
    public void Every_language_version_gives_clean_generated_code_or_exactly_DN0043(LanguageVersion version)
    {
        GeneratorRun run = NameTestNetworks.Run(version, NameTestNetworks.AllDeclarations());

        Assert.Empty(run.Exceptions);
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
        if (version.MapSpecifiedToEffectiveVersion() >= LanguageVersion.CSharp11)
        {
            Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
            Assert.Equal((2 * NameTestNetworks.Architectures.Count) + 2, run.GeneratedTrees.Count); // + weights + kernels
            return;
        }

        Assert.Equal(NameTestNetworks.Architectures.Count, run.GeneratorDiagnostics.Length);
        Assert.All(run.GeneratorDiagnostics, d =>
        {
            Assert.Equal("DN0043", d.Id);
            Assert.Equal("Net", SourceOf(run, d).GetText().ToString(d.Location.SourceSpan));
            Assert.EndsWith("found C# " + version.ToDisplayString(), d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });
        Assert.Empty(run.GeneratedTrees);
    }

    /// <summary>The member names declared in the representative networks' generated code.</summary>
    private static IReadOnlyList<string> GeneratedMemberNamesInUse()
    {
        GeneratorRun run = NameTestNetworks.Run(NameTestNetworks.AllDeclarations());
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in run.GeneratedTrees)
        {
            foreach (TypeDeclarationSyntax network in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.Identifier.ValueText == "Net"))
            {
                foreach (MemberDeclarationSyntax member in network.Members)
                {
                    names.UnionWith(member switch
                    {
                        FieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.ValueText),
                        MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } m => [m.Identifier.ValueText],
                        PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } p => [p.Identifier.ValueText],
                        BaseTypeDeclarationSyntax t => [t.Identifier.ValueText],
                        _ => [],
                    });
                }
            }
        }

        Assert.True(names.Count > 60, "Only " + names.Count + " generated members found.");
        return names.ToList();
    }

    /// <summary>One network per case, each in its own namespace: exactly one <paramref name="id"/> each, on the named token.</summary>
    private static void AssertOnePerNetwork(string id, IEnumerable<(string Case, string Declaration, string Marked)> cases)
    {
        var source = new StringBuilder("using Dendrite;\n");
        var expected = new List<(string Case, string Marked)>();
        foreach ((string name, string declaration, string marked) in cases)
        {
            source.Append("namespace Case_").Append(name).Append(" { ").Append(Layers.Replace('\n', ' ')).Append(declaration).Append(" }\n");
            expected.Add((name, marked));
        }

        GeneratorRun run = NameTestNetworks.Run(source.ToString());
        Assert.Empty(run.Exceptions);
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems().Take(20)));
        Assert.Empty(run.GeneratedTrees);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(id, d.Id));
        var found = run.GeneratorDiagnostics
            .Select(d => (Namespace: SourceOf(run, d).GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().First().Name.ToString(),
                Text: SourceOf(run, d).GetText().ToString(d.Location.SourceSpan)))
            .OrderBy(d => d.Namespace, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Select(e => ("Case_" + e.Case, e.Marked)).OrderBy(e => e.Item1, StringComparer.Ordinal), found);
    }

    /// <summary>The input file a generator diagnostic points into (its location carries the path, not the tree).</summary>
    private static SyntaxTree SourceOf(GeneratorRun run, Diagnostic diagnostic) =>
        run.Input.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);

    private static void AssertDiagnostic(string id, string markup, string message, LanguageVersion version = LanguageVersion.Latest)
    {
        MarkedSource marked = MarkedSource.Parse(markup);
        GeneratorRun run = NameTestNetworks.Run(version, marked.Source);

        Assert.Empty(run.Exceptions);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Network0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(marked.LineSpan, diagnostic.Location.GetLineSpan().Span);

        // Nothing generated, and so nothing in generated code to fail: the user's code alone compiles cleanly.
        Assert.Empty(run.GeneratedTrees);
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
    }
}
