using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Dendrite.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.CodeFixes;

/// <summary>
/// DN0006 and DN0007, where the output activation and FromLogits disagree, each with both repairs:
/// DN0006 (Softmax/Sigmoid output, FromLogits = true): make the output Linear, or set FromLogits = false;
/// DN0007 (Linear output, FromLogits = false): set FromLogits = true, or give the output the activation the loss
/// expects. The stable form (logits, FromLogits = true) is offered first in both (Softmax, or Sigmoid for binary cross-entropy: the diagnostic's ProbabilityActivation property).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutputActivationCodeFix)), Shared]
public sealed class OutputActivationCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticIds.ActivationAppliedTwice, DiagnosticIds.LinearOutputWithoutLogits];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            AttributeSyntax? output = await NetworkSyntax.FindAsync<AttributeSyntax>(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            if (output is null || NetworkSyntax.SimpleName(output) != "Dense")
            {
                continue;
            }

            AttributeSyntax? network = NetworkSyntax.NetworkAttribute(output);
            Document document = context.Document;
            bool twice = diagnostic.Id == DiagnosticIds.ActivationAppliedTwice;
            string activation = twice
                ? "Linear"
                : diagnostic.Properties.TryGetValue(DiagnosticProperties.ProbabilityActivation, out string? probability) && probability is not null ? probability : "Softmax";

            CodeAction activationFix = CodeAction.Create(
                twice ? "Make the output layer linear (the loss applies the activation itself)" : "Use Activation." + activation + " on the output layer",
                ct => SetActivationAsync(document, output, activation, ct),
                nameof(OutputActivationCodeFix) + ".Activation." + activation);
            CodeAction? fromLogitsFix = network is null ? null : CodeAction.Create(
                twice ? "Set FromLogits = false (the loss reads the output's probabilities)" : "Set FromLogits = true (the loss reads logits, numerically stable)",
                ct => ReplaceAsync(document, network, NetworkSyntax.WithProperty(network, "FromLogits", NetworkSyntax.Bool(!twice)), ct),
                nameof(OutputActivationCodeFix) + ".FromLogits");

            // The recommended repair first: logits into a loss that applies softmax/sigmoid itself (the stable form).
            context.RegisterCodeFix(twice ? activationFix : fromLogitsFix ?? activationFix, diagnostic);
            if (fromLogitsFix is not null)
            {
                context.RegisterCodeFix(twice ? fromLogitsFix : activationFix, diagnostic);
            }
        }
    }

    /// <summary>Replaces Dense's activation argument, or adds it after the units when it was omitted (Linear).</summary>
    private static Task<Document> SetActivationAsync(Document document, AttributeSyntax dense, string activation, CancellationToken cancellationToken)
    {
        ExpressionSyntax? existing = NetworkSyntax.Argument(dense, "activation", 1);
        ExpressionSyntax value = NetworkSyntax.EnumMember(existing, "Activation", activation);
        AttributeSyntax updated;
        if (existing is not null)
        {
            updated = dense.ReplaceNode(existing, value.WithTriviaFrom(existing));
        }
        else
        {
            updated = NetworkSyntax.InsertArgument(dense, 1, SyntaxFactory.AttributeArgument(value));
        }

        return ReplaceAsync(document, dense, updated, cancellationToken);
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode old, SyntaxNode updated, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(old, updated));
    }
}
