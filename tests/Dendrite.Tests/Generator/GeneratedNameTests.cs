using System.Text;
using Dendrite.Generator.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Generated code compiles wherever the user's code does: it names every type through global::, has no using
/// directives, and its locals, parameters and members cannot be captured by a name the user chose. The name lists
/// are read from the generated code of <see cref="NameTestNetworks"/>, so a new emitter line is covered the day it
/// is written.
/// </summary>
public class GeneratedNameTests
{
    private static readonly Lazy<GeneratorRun> Representative = new(() => NameTestNetworks.Run(NameTestNetworks.AllDeclarations()));

    [Fact]
    public void The_representative_networks_generate_clean_code()
    {
        GeneratorRun run = Representative.Value;
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationProblems().Count == 0, GeneratorRun.Describe(run.CompilationProblems()));
        // Two files per network (readable and plumbing), the Pretrained network's weights file and the shared kernels.
        Assert.Equal((2 * NameTestNetworks.Architectures.Count) + 2, run.GeneratedTrees.Count);
    }

    [Fact]
    public void Generated_code_names_every_type_through_global_and_has_no_usings()
    {
        GeneratorRun run = Representative.Value;
        var problems = new List<string>();
        foreach (SyntaxTree tree in run.GeneratedTrees)
        {
            SyntaxNode root = tree.GetRoot();
            problems.AddRange(root.DescendantNodes().OfType<UsingDirectiveSyntax>().Select(u => "using directive " + NameTestNetworks.Describe(u)));
            // Contextual keywords bind to a user type or member of that name when one is in scope.
            problems.AddRange(root.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText is "var" or "nint" or "nuint" or "dynamic" or "nameof")
                .Select(n => "contextual keyword " + NameTestNetworks.Describe(n.Parent!)));
        }

        problems.AddRange(NameTestNetworks.ForeignTypeNames(run)
            .Where(found => NameTestNetworks.IsUnqualified(found.Name))
            .Select(found => "unqualified " + found.Symbol.ToDisplayString() + " at " + NameTestNetworks.Describe(found.Name.Parent!)));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Fact]
    public void Every_name_of_a_type_or_namespace_in_generated_code_can_also_be_a_user_type()
    {
        GeneratorRun representative = Representative.Value;
        // Each name with the first (smallest) network whose generated code uses it.
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var arities = new SortedSet<(string Name, int Arity)>();
        foreach ((SimpleNameSyntax name, INamespaceOrTypeSymbol symbol) in NameTestNetworks.ForeignTypeNames(representative))
        {
            string label = NamespaceLabel(name);
            names.TryAdd(name.Identifier.ValueText, label);
            names.TryAdd(symbol.Name, label); // [MethodImpl] is MethodImplAttribute
            // A generic user type captures only names of its own arity: Span<T> captures Span<float>, Span does not.
            arities.Add((name.Identifier.ValueText, name.Arity));
            arities.Add((symbol.Name, name.Arity));
        }

        foreach (string name in names.Keys)
        {
            arities.Add((name, 0));
        }

        Assert.Contains("Vector", names.Keys);
        Assert.Contains("Math", names.Keys);
        Assert.Contains("Unsafe", names.Keys);
        Assert.Contains("Dendrite", names.Keys);
        Assert.Contains("System", names.Keys);

        string userTypes = string.Concat(arities.Select(n => "public class " + n.Name
            + (n.Arity == 0 ? string.Empty : "<" + string.Join(", ", Enumerable.Range(0, n.Arity).Select(i => "T" + i)) + ">") + " { } "));
        var source = new StringBuilder();
        foreach ((string label, string attributes) in NameTestNetworks.Architectures)
        {
            // The names as types of the user's namespace and as types nested in the network class.
            source.Append("namespace Everywhere.").Append(label).Append(" { ").Append(userTypes)
                .Append(attributes).Append(" public partial class Net { ").Append(userTypes).Append("} }\n");
            // ... and as namespaces beside the network class.
            source.Append("namespace Beside.").Append(label).Append(" { ")
                .Append(string.Concat(names.Keys.Select(n => "namespace " + n + " { public class Marker { } } ")))
                .Append(attributes).Append(" public partial class Net { } }\n");
        }

        // Each name as the network class, in a network whose generated code uses the name.
        foreach ((string name, string label) in names)
        {
            string attributes = NameTestNetworks.Architectures.Single(a => a.Label == label).Attributes;
            source.Append("namespace AsClass.").Append(name).Append('.').Append(label).Append(" { ")
                .Append(attributes).Append(" public partial class ").Append(name).Append(" { } }\n");
        }

        GeneratorRun run = NameTestNetworks.Run(source.ToString());
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        IReadOnlyList<Diagnostic> problems = run.CompilationProblems();
        Assert.True(problems.Count == 0, problems.Count + " problems, the first:\n" + GeneratorRun.Describe(problems.Take(30)));
        Assert.Equal((2 * ((2 * NameTestNetworks.Architectures.Count) + names.Count)) + 1, run.Result.Results.Sum(r => r.GeneratedSources.Count(s => !s.HintName.EndsWith(".Pretrained.g.cs", StringComparison.Ordinal))));
    }

    [Fact]
    public void Every_local_and_parameter_name_in_generated_code_can_name_the_class_and_the_types_around_it()
    {
        GeneratorRun representative = Representative.Value;
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in representative.GeneratedTrees)
        {
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                SyntaxToken identifier = node switch
                {
                    VariableDeclaratorSyntax v => v.Identifier,
                    ParameterSyntax p => p.Identifier,
                    SingleVariableDesignationSyntax d => d.Identifier,
                    TypeParameterSyntax t => t.Identifier,
                    _ => default,
                };
                if (identifier.ValueText.Length > 0 && !GeneratedMemberNames.IsReserved(identifier.ValueText))
                {
                    names.TryAdd(identifier.ValueText, NamespaceLabel(node));
                }
            }
        }

        Assert.Contains("input", names.Keys);
        Assert.Contains("w", names.Keys);
        Assert.Contains("network", names.Keys);

        // Each name once as the network class (in a network whose generated code declares that local) and once as the
        // type the next network is nested in: network k is class names[k] inside class names[k + 1].
        var source = new StringBuilder();
        var list = names.ToList();
        for (int k = 0; k < list.Count; k++)
        {
            (string name, string label) = list[k];
            string attributes = NameTestNetworks.Architectures.Single(a => a.Label == label).Attributes;
            source.Append("namespace Local_").Append(name).Append(" { public partial class ").Append(Escaped(list[(k + 1) % list.Count].Key))
                .Append(" { ").Append(attributes).Append(" public partial class ").Append(Escaped(name)).Append(" { } } }\n");
        }

        // The lower-case names are legal class names that the compiler warns may become keywords (CS8981).
        GeneratorRun run = NameTestNetworks.Run("#pragma warning disable CS8981\n" + source);
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        IReadOnlyList<Diagnostic> problems = run.CompilationProblems();
        Assert.True(problems.Count == 0, problems.Count + " problems, the first:\n" + GeneratorRun.Describe(problems.Take(30)));
    }

    [Fact]
    public void Every_member_the_generator_declares_is_reserved()
    {
        GeneratorRun run = Representative.Value;
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in run.GeneratedTrees)
        {
            foreach (TypeDeclarationSyntax network in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.Identifier.ValueText == "Net"))
            {
                foreach (MemberDeclarationSyntax member in network.Members)
                {
                    IEnumerable<string> memberNames = member switch
                    {
                        FieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.ValueText),
                        MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } m => [m.Identifier.ValueText],
                        PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } p => [p.Identifier.ValueText, "get_" + p.Identifier.ValueText],
                        BaseTypeDeclarationSyntax t => [t.Identifier.ValueText],
                        _ => [],
                    };
                    declared.UnionWith(memberNames);
                }
            }
        }

        Assert.Contains("Predict", declared);
        Assert.Contains("Dense1Forward", declared);
        Assert.Contains("t_Conv2D5TransposedWeights", declared);
        Assert.Contains("PretrainedHolder", declared);
        string[] unreserved = declared.Where(name => !GeneratedMemberNames.IsReserved(name)).ToArray();
        Assert.True(unreserved.Length == 0, "Generated but not reserved in GeneratedMemberNames: " + string.Join(", ", unreserved));
    }

    [Fact]
    public void A_layer_of_sixteen_million_units_generates_a_file_whose_size_follows_the_layers_not_the_units()
    {
        GeneratorRun run = NameTestNetworks.Run("""
            [global::Dendrite.Network(Loss = global::Dendrite.Loss.MeanSquaredError)]
            [global::Dendrite.Input(1)]
            [global::Dendrite.Dense(16777216)]
            public partial class Huge { }
            """);
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        int length = run.GeneratedTrees.Sum(tree => tree.Length);
        Assert.True(length < 1_000_000, "Generated " + length + " characters for one Dense layer.");
    }

    private static string Escaped(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    /// <summary>
    /// Why the generated code writes global:: everywhere instead of declaring short aliases: with a type of the same
    /// name in the user's namespace (declared in any file), an alias at the top of the generated file is shadowed by it
    /// (CS0117: the user's Vec has no Count), and one inside the file's namespace declaration conflicts with it (CS0576).
    /// </summary>
    [Theory]
    [InlineData("using Vec = global::System.Numerics.Vector<float>;\nnamespace N { partial class Net { int Lanes => Vec.Count; } }", "CS0117")]
    [InlineData("namespace N { using Vec = global::System.Numerics.Vector<float>; partial class Net { int Lanes => Vec.Count; } }", "CS0576")]
    public void A_using_alias_in_the_generated_file_would_be_captured_by_a_user_type(string generatedWithAlias, string error)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("namespace N { public class Vec { } public partial class Net { } }", generatedWithAlias);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.Equal(error, Assert.Single(errors).Id);
        Assert.Equal("Network1.cs", errors[0].Location.GetLineSpan().Path);
    }

    /// <summary>"Cnn" for a node in namespace Names.Cnn: which representative network a name came from.</summary>
    /// <summary>
    /// The architecture whose generated code holds <paramref name="node"/>: the last part of its namespace. The shared
    /// kernels (namespace Dendrite.Generated) serve every network, so their names go with the first architecture.
    /// </summary>
    private static string NamespaceLabel(SyntaxNode node)
    {
        string label = node.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().First().Name.ToString().Split('.').Last();
        return NameTestNetworks.Architectures.Any(a => a.Label == label) ? label : NameTestNetworks.Architectures[0].Label;
    }
}
