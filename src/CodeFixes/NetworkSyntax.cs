using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.CodeFixes;

/// <summary>Finding and rewriting the pieces of a network declaration that the fixes touch, by syntax alone.</summary>
internal static class NetworkSyntax
{
    /// <summary>The attribute names of Dendrite's layers, without the "Attribute" suffix.</summary>
    private static readonly string[] LayerNames =
    [
        "Dense", "Conv2D", "MaxPool2D", "AveragePooling2D", "GlobalAveragePooling2D", "Flatten", "Dropout", "BatchNormalization",
    ];

    /// <summary>"Dense" for [Dense], [DenseAttribute], [Dendrite.Dense] and [global::Dendrite.DenseAttribute].</summary>
    public static string SimpleName(AttributeSyntax attribute)
    {
        string name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    public static bool IsLayer(AttributeSyntax attribute) => LayerNames.Contains(SimpleName(attribute));

    /// <summary>The innermost node of type <typeparamref name="T"/> at or around the diagnostic's span.</summary>
    public static async Task<T?> FindAsync<T>(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
        where T : SyntaxNode
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root?.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<T>().FirstOrDefault();
    }

    /// <summary>The [Network] attribute on the class that carries <paramref name="attribute"/>.</summary>
    public static AttributeSyntax? NetworkAttribute(AttributeSyntax attribute) =>
        attribute.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.AttributeLists
            .SelectMany(list => list.Attributes)
            .FirstOrDefault(candidate => SimpleName(candidate) == "Network");

    /// <summary>The expression of the "Name = value" setting or of the constructor argument at <paramref name="position"/> (or named <paramref name="parameter"/>).</summary>
    public static ExpressionSyntax? Argument(AttributeSyntax attribute, string parameter, int position)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
        AttributeArgumentSyntax? named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter);
        if (named is not null)
        {
            return named.Expression;
        }

        return position < arguments.Count && arguments[position] is { NameColon: null, NameEquals: null } positional ? positional.Expression : null;
    }

    /// <summary><paramref name="attribute"/> with "<paramref name="property"/> = <paramref name="value"/>", replacing the setting if there is one.</summary>
    public static AttributeSyntax WithProperty(AttributeSyntax attribute, string property, ExpressionSyntax value)
    {
        AttributeArgumentSyntax? existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
        if (existing is not null)
        {
            return attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
        }

        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(property), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            null,
            value);
        return InsertArgument(attribute, attribute.ArgumentList?.Arguments.Count ?? 0, added);
    }

    /// <summary><paramref name="attribute"/> with <paramref name="argument"/> inserted at <paramref name="index"/>, separated by ", ".</summary>
    public static AttributeSyntax InsertArgument(AttributeSyntax attribute, int index, AttributeArgumentSyntax argument)
    {
        AttributeArgumentListSyntax list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var nodes = list.Arguments.ToList();
        index = Math.Min(index, nodes.Count);
        nodes.Insert(index, argument);
        var separators = list.Arguments.GetSeparators().ToList();
        separators.Insert(Math.Min(index, separators.Count), SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators.Take(nodes.Count - 1))));
    }

    /// <summary>"Activation.Linear" written as the existing value is written (Activation.X, Dendrite.Activation.X, …).</summary>
    public static ExpressionSyntax EnumMember(ExpressionSyntax? existing, string enumName, string member) =>
        existing is MemberAccessExpressionSyntax access
            ? access.WithName(SyntaxFactory.IdentifierName(member))
            : SyntaxFactory.ParseExpression(enumName + "." + member);

    public static LiteralExpressionSyntax Bool(bool value) =>
        SyntaxFactory.LiteralExpression(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
}
