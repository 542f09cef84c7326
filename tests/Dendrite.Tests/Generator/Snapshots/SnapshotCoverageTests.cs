using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Dendrite.Tests.Generator.Snapshots;

/// <summary>
/// The snapshots keep covering every layer kind (Dense, Conv2D, MaxPool2D and AveragePooling2D each with a stride
/// and Same padding, GlobalAveragePooling2D, Flatten, Dropout), every activation and loss, and compiled-in weights. The declarations are read
/// from the source of <see cref="GeneratedCodeSnapshotTests"/> (every raw string holding a [Network]), so a snapshot
/// added there counts here without being listed twice.
/// </summary>
public class SnapshotCoverageTests
{
    [Fact]
    public void The_snapshot_declarations_use_every_layer_kind_activation_and_loss_and_compiled_in_weights()
    {
        List<AttributeSyntax> attributes = SnapshotDeclarations().SelectMany(d => d.DescendantNodes().OfType<AttributeSyntax>()).ToList();
        Assert.True(attributes.Count > 0, "No [Network] declarations found in GeneratedCodeSnapshotTests.cs.");

        foreach (string layer in new[] { "Dense", "Flatten", "GlobalAveragePooling2D", "Dropout", "BatchNormalization" })
        {
            Assert.True(attributes.Any(a => Name(a) == layer), "No snapshot declares a " + layer + " layer.");
        }

        foreach (string window in new[] { "Conv2D", "MaxPool2D", "AveragePooling2D" })
        {
            Assert.True(
                attributes.Any(a => Name(a) == window && Argument(a, "Stride") is { } stride && int.Parse(stride, System.Globalization.CultureInfo.InvariantCulture) > 1
                    && Argument(a, "Padding") == "Padding.Same"),
                "No snapshot declares a " + window + " layer with Stride > 1 and Padding = Padding.Same.");
        }

        string text = string.Join("\n", attributes.Select(a => a.ToString()));
        foreach (string activation in Enum.GetNames<Activation>())
        {
            Assert.Contains("Activation." + activation, text, StringComparison.Ordinal);
        }

        foreach (string loss in Enum.GetNames<Loss>())
        {
            Assert.Contains("Loss." + loss, text, StringComparison.Ordinal);
        }

        Assert.True(attributes.Any(a => Name(a) == "Network" && Argument(a, "Weights") is not null), "No snapshot compiles in a weights file.");
    }

    private static IEnumerable<SyntaxNode> SnapshotDeclarations()
    {
        // Snapshot.SourceDirectory, not [CallerFilePath] alone: a CI build maps source paths to "/_/...".
        string path = Path.Combine(Snapshot.SourceDirectory(), nameof(GeneratedCodeSnapshotTests) + ".cs");
        SyntaxNode tests = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot();
        return tests.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && t.ValueText.Contains("[Network", StringComparison.Ordinal))
            .Select(t => CSharpSyntaxTree.ParseText(t.ValueText).GetRoot());
    }

    private static string Name(AttributeSyntax attribute) => attribute.Name.ToString();

    /// <summary>The text of the named argument <paramref name="name"/> = value, or null when the attribute does not set it.</summary>
    private static string? Argument(AttributeSyntax attribute, string name) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression.ToString().Trim('"');
}
