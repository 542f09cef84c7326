using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.CodeFixes;

/// <summary>
/// DN0015 (a layer before [Input]): moves [Input] up to just before the first layer, keeping every other attribute
/// where it is. Offered when [Input] and that layer each have an attribute list to themselves (the usual one
/// attribute per line) or share one list; other arrangements have no single obvious edit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InputFirstCodeFix)), Shared]
public sealed class InputFirstCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticIds.LayerBeforeInput];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            TypeDeclarationSyntax? type = root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type is null || Reorder(type) is not { } reordered)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create("Move [Input] before the first layer", _ => Task.FromResult(document.WithSyntaxRoot(root!.ReplaceNode(type, reordered))), nameof(InputFirstCodeFix)),
                diagnostic);
        }
    }

    private static TypeDeclarationSyntax? Reorder(TypeDeclarationSyntax type)
    {
        List<AttributeSyntax> attributes = type.AttributeLists.SelectMany(list => list.Attributes).ToList();
        AttributeSyntax? input = attributes.FirstOrDefault(a => NetworkSyntax.SimpleName(a) == "Input");
        AttributeSyntax? firstLayer = attributes.FirstOrDefault(NetworkSyntax.IsLayer);
        if (input is null || firstLayer is null || attributes.IndexOf(firstLayer) > attributes.IndexOf(input))
        {
            return null;
        }

        var inputList = (AttributeListSyntax)input.Parent!;
        var layerList = (AttributeListSyntax)firstLayer.Parent!;
        if (inputList == layerList)
        {
            // [Dense(10), Input(4)] → [Input(4), Dense(10)]: the attributes move, the commas and spaces stay.
            var nodes = inputList.Attributes.ToList();
            nodes.Remove(input);
            nodes.Insert(nodes.IndexOf(firstLayer), input);
            var separators = inputList.Attributes.GetSeparators();
            return type.ReplaceNode(inputList, inputList.WithAttributes(SyntaxFactory.SeparatedList(nodes.Select((n, i) => n.WithTriviaFrom(inputList.Attributes[i])), separators)));
        }

        if (inputList.Attributes.Count != 1 || layerList.Attributes.Count != 1)
        {
            return null;
        }

        // Lists move, layout stays: the list now at position i takes the leading trivia the list at i had (its indentation,
        // and for the first list the class's doc comments) and keeps its own trailing trivia (a comment on its line).
        List<AttributeListSyntax> lists = type.AttributeLists.ToList();
        List<AttributeListSyntax> order = lists.ToList();
        order.Remove(inputList);
        order.Insert(order.IndexOf(layerList), inputList);
        var moved = order.Select((list, i) => list.WithLeadingTrivia(lists[i].GetLeadingTrivia()));
        return type.WithAttributeLists(SyntaxFactory.List(moved));
    }
}
