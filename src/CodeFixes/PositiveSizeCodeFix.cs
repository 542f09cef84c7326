using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.CodeFixes;

/// <summary>
/// DN0004 where the repair is obvious: a negative literal size (<c>[Dense(-10)]</c>) becomes its magnitude
/// (<c>[Dense(10)]</c>). A zero, or a size computed by an expression, has no single right value: no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PositiveSizeCodeFix)), Shared]
public sealed class PositiveSizeCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticIds.NonPositiveSize];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode? node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is AttributeArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            if (node is not PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression, Token.Value: int magnitude } literal } negative
                || magnitude <= 0)
            {
                continue;
            }

            Document document = context.Document;
            string text = magnitude.ToString(CultureInfo.InvariantCulture);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use " + text + " instead of -" + text,
                    _ => Task.FromResult(document.WithSyntaxRoot(root!.ReplaceNode(negative, literal.WithTriviaFrom(negative)))),
                    nameof(PositiveSizeCodeFix)),
                diagnostic);
        }
    }
}
