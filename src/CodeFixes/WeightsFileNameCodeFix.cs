using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Dendrite.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.CodeFixes;

/// <summary>
/// DN0020 with a did-you-mean: replaces the Weights string with the name of the closest AdditionalFiles item, which
/// the generator found and put in the diagnostic's SuggestedWeightsName property (the fix cannot see the project's
/// additional files through the syntax alone).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeightsFileNameCodeFix)), Shared]
public sealed class WeightsFileNameCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticIds.WeightsFileNotFound];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SuggestedWeightsName, out string? suggestion) || suggestion is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
            {
                continue;
            }

            Document document = context.Document;
            LiteralExpressionSyntax replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggestion)).WithTriviaFrom(literal);
            context.RegisterCodeFix(
                CodeAction.Create("Use \"" + suggestion + "\" (an AdditionalFiles item)", _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(literal, replacement))), nameof(WeightsFileNameCodeFix)),
                diagnostic);
        }
    }
}
