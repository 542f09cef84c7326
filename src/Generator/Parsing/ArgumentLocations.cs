using System.Linq;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Where one argument of an attribute is written, so a diagnostic about a bad value underlines that value
/// (the -3 in [Dense(-3)]) rather than the whole attribute. Falls back to the attribute when the argument
/// cannot be found in the syntax.
/// </summary>
internal static class ArgumentLocations
{
    /// <summary>The expression passed for constructor parameter <paramref name="index"/>, positionally or as "name: value".</summary>
    public static LocationInfo? Constructor(AttributeData attribute, int index)
    {
        SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax();
        if (syntax is not AttributeSyntax { ArgumentList: { } list } || attribute.AttributeConstructor is not { } constructor
            || index >= constructor.Parameters.Length)
        {
            return LocationInfo.From(syntax);
        }

        string name = constructor.Parameters[index].Name;
        AttributeArgumentSyntax? argument = list.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);
        if (argument is null && index < list.Arguments.Count && list.Arguments[index] is { NameColon: null, NameEquals: null } positional)
        {
            argument = positional;
        }

        return LocationInfo.From(argument?.Expression ?? syntax);
    }

    /// <summary>The "Name = value" property setting, or only its value.</summary>
    public static LocationInfo? Named(AttributeData attribute, string name, bool valueOnly)
    {
        SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax();
        AttributeArgumentSyntax? argument = (syntax as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return argument is null ? LocationInfo.From(syntax) : LocationInfo.From(valueOnly ? argument.Expression : argument);
    }
}
