using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.CodeFixes;

/// <summary>
/// DN0031: inserts [Flatten] directly before the Dense layer that follows an image layer: as its own attribute
/// list on the line above when the Dense layer has one to itself, else inside the shared list before it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFix)), Shared]
public sealed class InsertFlattenCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticIds.DenseAfterSpatialWithoutFlatten];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            AttributeSyntax? dense = await NetworkSyntax.FindAsync<AttributeSyntax>(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            if (dense?.Parent is not AttributeListSyntax list || list.Parent is not TypeDeclarationSyntax)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create("Insert [Flatten] before " + dense.Name, ct => InsertAsync(document, dense, list, ct), nameof(InsertFlattenCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> InsertAsync(Document document, AttributeSyntax dense, AttributeListSyntax list, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        // Written as the Dense attribute is: [Flatten], [Dendrite.Flatten], [global::Dendrite.FlattenAttribute].
        string denseName = dense.Name.ToString();
        int simple = denseName.LastIndexOf("Dense", System.StringComparison.Ordinal);
        AttributeSyntax flatten = SyntaxFactory.Attribute(SyntaxFactory.ParseName(denseName.Substring(0, simple) + "Flatten" + denseName.Substring(simple + "Dense".Length)));

        SyntaxNode updated;
        if (list.Attributes.Count == 1)
        {
            // A list of its own, on a line of its own with the Dense list's indentation.
            SyntaxTriviaList indentation = SyntaxFactory.TriviaList(list.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            AttributeListSyntax own = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(flatten))
                .WithLeadingTrivia(list.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            updated = root.ReplaceNode(list, new[] { own, list.WithLeadingTrivia(indentation) });
        }
        else
        {
            updated = root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(dense), flatten)));
        }

        return document.WithSyntaxRoot(updated);
    }
}
