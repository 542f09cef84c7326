using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// The parse stage: turns the [Network] class and its attributes into a <see cref="NetworkSpec"/> plus
/// diagnostics. The only code that touches Roslyn symbols and syntax.
/// </summary>
internal static class NetworkParser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        // A declaration with no name yet (mid-typing) is a syntax error the compiler reports; there is nothing to generate.
        if (declaration.Identifier.IsMissing)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        LocationInfo? nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        bool usable = CheckDeclaration(type, declaration, nameLocation, diagnostics);

        AttributeData? network = context.Attributes.FirstOrDefault();
        (LossKind loss, bool fromLogits, string? weights, bool networkOk) = ReadNetwork(network, type.Name, diagnostics);

        var reader = new LayerAttributeReader(type, diagnostics);
        IReadOnlyList<AttributeData> ordered = AttributesInSourceOrder(type, declaration, cancellationToken);
        foreach (AttributeData attribute in ordered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader.Read(attribute);
        }

        ReportAttributesOnOtherDeclarations(type, declaration, diagnostics);
        usable &= networkOk && reader.AllWellFormed;

        if (reader.Input is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, nameLocation, type.Name));
            usable = false;
        }

        if (reader.Layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, nameLocation, type.Name));
            usable = false;
        }

        NetworkSpec? spec = null;
        if (reader.Input is not null)
        {
            spec = new NetworkSpec(
                type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                type.Name,
                ContainingTypes(type),
                loss,
                fromLogits,
                reader.Input,
                reader.Layers.ToEquatableArray(),
                weights,
                nameLocation);
            usable &= NetworkValidator.Validate(spec, diagnostics);
        }

        return new ParseResult(usable && diagnostics.Count == 0 ? spec : null, diagnostics.ToEquatableArray());
    }

    private static bool CheckDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        bool ok = true;
        if (declaration is not ClassDeclarationSyntax)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, type.Name, "a class", "a " + declaration.Keyword.ValueText + " declaration"));
            ok = false;
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, type.Name, DeclarationHead(declaration)));
            ok = false;
        }

        // Arity, not IsGenericType: IsGenericType is also true for a class nested in a generic type, which would
        // report "type parameters <>" on top of the nested-in-generic diagnostic below.
        if (type.Arity > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, type.Name, "a non-generic class", "type parameters <" + string.Join(", ", type.TypeParameters.Select(t => t.Name)) + ">"));
            ok = false;
        }

        if (type.IsStatic || type.IsAbstract)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, type.Name, "a class that can be instantiated", type.IsStatic ? "a static class" : "an abstract class"));
            ok = false;
        }

        // A file-local class cannot have a part in the generated file: the generated 'partial class' would silently
        // become a second, unrelated type of the same name.
        if (type.IsFileLocal)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, type.Name, "a class visible outside its file (its generated part lives in another file)", "a file-local class"));
            ok = false;
        }

        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, type.Name, "a class nested only in non-generic types", "one nested in generic type '" + outer.ToDisplayString() + "'"));
                ok = false;
            }

            foreach (SyntaxReference reference in outer.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax outerSyntax && !outerSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, LocationInfo.From(outerSyntax.Identifier.GetLocation()), outer.Name, DeclarationHead(outerSyntax)));
                    ok = false;
                }
            }
        }

        // Language version, generated member names, constructors: what the generated part needs left free.
        ok &= DeclarationCompatibility.Check(type, declaration, location, diagnostics);
        return ok;
    }

    private static string DeclarationHead(TypeDeclarationSyntax declaration) =>
        string.Join(" ", declaration.Modifiers.Select(m => m.ValueText).Concat(new[] { declaration.Keyword.ValueText, declaration.Identifier.ValueText }));

    private static (LossKind Loss, bool FromLogits, string? Weights, bool Ok) ReadNetwork(AttributeData? network, string typeName, List<DiagnosticInfo> diagnostics)
    {
        var loss = LossKind.MeanSquaredError;
        bool fromLogits = false;
        string? weights = null;
        bool ok = network is not null && network.AttributeConstructor is not null;
        if (network is null)
        {
            return (loss, fromLogits, weights, false);
        }

        foreach (KeyValuePair<string, TypedConstant> argument in network.NamedArguments)
        {
            if (argument.Value.Kind == TypedConstantKind.Error || argument.Value.Value is null && argument.Key != "Weights")
            {
                ok = false;
                continue;
            }

            switch (argument.Key)
            {
                case "Loss" when argument.Value.Value is int value:
                    if (!EnumValues.IsDefined<LossKind>(value))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UndefinedEnumValue,
                            ArgumentLocations.Named(network, "Loss", valueOnly: true),
                            "[Network] on '" + typeName + "'",
                            "Loss",
                            EnumValues.List<LossKind>(),
                            value));
                        ok = false;
                    }

                    loss = (LossKind)value;
                    break;
                case "FromLogits" when argument.Value.Value is bool value:
                    fromLogits = value;
                    break;
                case "Weights":
                    weights = argument.Value.Value as string;
                    break;
            }
        }

        // Reported here rather than by the validator so it can point at the FromLogits = true setting itself.
        if (fromLogits && loss == LossKind.MeanSquaredError)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromLogitsWithoutCrossEntropy, ArgumentLocations.Named(network, "FromLogits", valueOnly: false), typeName, loss));
            ok = false;
        }

        return (loss, fromLogits, weights, ok);
    }

    /// <summary>
    /// The attributes of the declaration that carries [Network], in source order: layer order is attribute
    /// order, so it must come from the syntax, not from whatever order the symbol reports.
    /// </summary>
    private static IReadOnlyList<AttributeData> AttributesInSourceOrder(INamedTypeSymbol type, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var bySpan = new Dictionary<Microsoft.CodeAnalysis.Text.TextSpan, AttributeData>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            SyntaxReference? reference = attribute.ApplicationSyntaxReference;
            if (reference is not null && reference.SyntaxTree == declaration.SyntaxTree)
            {
                bySpan[reference.Span] = attribute;
            }
        }

        var ordered = new List<AttributeData>();
        foreach (AttributeListSyntax list in declaration.AttributeLists)
        {
            foreach (AttributeSyntax syntax in list.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (bySpan.TryGetValue(syntax.Span, out AttributeData? attribute))
                {
                    ordered.Add(attribute);
                }
            }
        }

        return ordered;
    }

    private static void ReportAttributesOnOtherDeclarations(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            SyntaxReference? reference = attribute.ApplicationSyntaxReference;
            if (reference is null || !AttributeNames.IsLayerOrInput(attribute.AttributeClass?.ToDisplayString()))
            {
                continue;
            }

            bool onNetworkDeclaration = reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span);
            if (!onNetworkDeclaration)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.LayersSplitAcrossDeclarations,
                    LocationInfo.From(reference.GetSyntax()),
                    type.Name,
                    "[" + attribute.AttributeClass!.Name.Replace("Attribute", string.Empty) + "]"));
            }
        }
    }

    private static EquatableArray<ContainingType> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingType>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer.IsRecord
                ? (outer.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : outer.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            chain.Insert(0, new ContainingType(keyword, outer.Name));
        }

        return chain.ToEquatableArray();
    }
}
