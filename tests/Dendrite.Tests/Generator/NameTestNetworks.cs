using System.Text;
using Dendrite.Tests.Weights;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Representative networks whose generated code together uses every construct the emitters write (Dense with every
/// activation and loss, Conv2D with Valid and Same padding and strides, MaxPool2D, Flatten, compiled-in weights, a first
/// layer one Predict call splits between two threads),
/// and a generator run over any source with them, at any C# version. The attributes are written with global:: so the
/// declarations still bind when a test declares user types named Dendrite, Loss or Activation around them.
/// </summary>
internal static class NameTestNetworks
{
    /// <summary>The file the Pretrained network names, as an AdditionalFiles item (WeightsTestNet's architecture).</summary>
    public const string WeightsFileName = "names.weights";

    /// <summary>The attribute lists of each representative network, smallest first, keyed by a short label.</summary>
    public static readonly IReadOnlyList<(string Label, string Attributes)> Architectures =
    [
        ("Pretrained", Network("SparseCategoricalCrossentropy", fromLogits: true, weights: WeightsFileName) + "[global::Dendrite.Input(3)] [global::Dendrite.Dense(4, global::Dendrite.Activation.ReLU)] [global::Dendrite.Dense(2)]"),
        ("Mse", Network("MeanSquaredError") + "[global::Dendrite.Input(3)] [global::Dendrite.Dense(5, global::Dendrite.Activation.Tanh)] [global::Dendrite.Dense(2, global::Dendrite.Activation.Sigmoid)] [global::Dendrite.Dense(1)]"),
        ("Binary", Network("BinaryCrossentropy") + "[global::Dendrite.Input(2)] [global::Dendrite.Dense(1, global::Dendrite.Activation.Sigmoid)]"),
        ("MultiLabelLogits", Network("BinaryCrossentropy", fromLogits: true) + "[global::Dendrite.Input(17)] [global::Dendrite.Dense(3)]"),
        ("Softmax", Network("CategoricalCrossentropy") + "[global::Dendrite.Input(4)] [global::Dendrite.Dense(6, global::Dendrite.Activation.Softmax)]"),
        ("CategoricalLogits", Network("CategoricalCrossentropy", fromLogits: true) + "[global::Dendrite.Input(4)] [global::Dendrite.Dense(9, global::Dendrite.Activation.ReLU)] [global::Dendrite.Dense(3)]"),
        ("Cnn", Network("SparseCategoricalCrossentropy", fromLogits: true)
            + "[global::Dendrite.Input(7, 6, 2)] [global::Dendrite.Conv2D(3, kernel: 3, global::Dendrite.Activation.ReLU)] [global::Dendrite.MaxPool2D(2)]"
            + " [global::Dendrite.Conv2D(5, kernel: 3, global::Dendrite.Activation.Tanh, Stride = 2, Padding = global::Dendrite.Padding.Same)]"
            + " [global::Dendrite.MaxPool2D(2, Stride = 1, Padding = global::Dendrite.Padding.Same)] [global::Dendrite.Conv2D(2, kernel: 1, global::Dendrite.Activation.Sigmoid)]"
            + " [global::Dendrite.Flatten] [global::Dendrite.Dense(3)]"),
        ("PoolFirst", Network("MeanSquaredError") + "[global::Dendrite.Input(4, 4, 1)] [global::Dendrite.MaxPool2D(2)] [global::Dendrite.Flatten] [global::Dendrite.Dense(1)]"),
        // 65,536 weights in layer 1: Predict(input, output, maxThreads) splits it (FirstLayerParts, FirstLayerSharing).
        ("SharedFirstLayer", Network("MeanSquaredError") + "[global::Dendrite.Input(256)] [global::Dendrite.Dense(256, global::Dendrite.Activation.ReLU)] [global::Dendrite.Dense(2)]"),
    ];

    /// <summary>One declaration per representative network, each in its own namespace.</summary>
    public static string AllDeclarations() =>
        string.Concat(Architectures.Select(a => "namespace Names." + a.Label + " { " + a.Attributes + " public partial class Net { } }\n"));

    /// <summary>
    /// Runs the generator on <paramref name="sources"/> with the weights file available, as a project with
    /// <paramref name="version"/> builds: generated files are parsed at that version too.
    /// </summary>
    public static GeneratorRun Run(LanguageVersion version, params string[] sources) => GeneratorHarness.Run(
        new GeneratorOptions
        {
            LanguageVersion = version,
            AdditionalFiles = [AdditionalFiles.WeightsCopy(WeightsFileName, WeightsFile.Serialize(new WeightsTestNet(seed: 4)))],
            TrackSteps = false,
        },
        sources);

    public static GeneratorRun Run(params string[] sources) => Run(LanguageVersion.Latest, sources);

    /// <summary>Every name in generated code that binds to a namespace or a type the generator did not declare itself.</summary>
    public static IEnumerable<(SimpleNameSyntax Name, INamespaceOrTypeSymbol Symbol)> ForeignTypeNames(GeneratorRun run)
    {
        foreach (SyntaxTree tree in run.GeneratedTrees)
        {
            SemanticModel model = run.Output.GetSemanticModel(tree);
            foreach (SimpleNameSyntax name in tree.GetRoot().DescendantNodes(descendIntoTrivia: true).OfType<SimpleNameSyntax>())
            {
                if (name.Ancestors().Any(a => a is BaseNamespaceDeclarationSyntax ns && ns.Name.Span.Contains(name.Span)))
                {
                    continue; // "namespace Names.Cnn;" declares the user's namespace; it looks nothing up.
                }

                if (name.Parent is AliasQualifiedNameSyntax alias && alias.Alias == name)
                {
                    continue; // "global" in global::, which no declaration can capture.
                }

                SymbolInfo info = model.GetSymbolInfo(name);
                ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (symbol is INamespaceOrTypeSymbol type and not ITypeParameterSymbol && !DeclaredByTheNetwork(type))
                {
                    yield return (name, type);
                }
            }
        }
    }

    /// <summary>The network class, the types around it, and the types generated inside it (StepShards, PretrainedHolder).</summary>
    private static bool DeclaredByTheNetwork(INamespaceOrTypeSymbol symbol) =>
        symbol is INamedTypeSymbol type
        && (type.GetAttributes().Any(a => a.AttributeClass?.Name == "NetworkAttribute")
            || type.GetTypeMembers().Any(nested => DeclaredByTheNetwork(nested))
            || type.ContainingType is { } outer && outer.GetAttributes().Any(a => a.AttributeClass?.Name == "NetworkAttribute"));

    /// <summary>True when <paramref name="name"/> is written on its own, not after "global::", "X." or "x.".</summary>
    public static bool IsUnqualified(SimpleNameSyntax name) => name.Parent switch
    {
        QualifiedNameSyntax qualified => qualified.Left == name,
        AliasQualifiedNameSyntax => false,
        MemberAccessExpressionSyntax access => access.Expression == name,
        NameMemberCrefSyntax { Parent: QualifiedCrefSyntax } => false,
        _ => true,
    };

    public static string Describe(SyntaxNode node) => node.SyntaxTree.FilePath + "(" + (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + "): " + node;

    private static string Network(string loss, bool fromLogits = false, string? weights = null)
    {
        var text = new StringBuilder("[global::Dendrite.Network(Loss = global::Dendrite.Loss." + loss);
        if (fromLogits)
        {
            text.Append(", FromLogits = true");
        }

        if (weights is not null)
        {
            text.Append(", Weights = \"" + weights + "\"");
        }

        return text.Append(")] ").ToString();
    }
}
