using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Emitting;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;
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

        // [Network] on two partial declarations: each would be parsed as a network of its own. The first one (by file,
        // then position) is the network; every other gets DN0016 and nothing else.
        if (NetworkAttributeReader.FirstOnAnotherDeclaration(type, declaration) is { } first && context.Attributes.Length > 0)
        {
            AttributeData here = context.Attributes[0];
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DuplicateAttribute,
                LocationInfo.From(here.ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                type.Name,
                "[Network]",
                LayerAttributeReader.Text(first) + " on another partial declaration and then " + LayerAttributeReader.Text(here)));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        LocationInfo? nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        bool declarationOk = CheckDeclaration(type, declaration, nameLocation, diagnostics);
        bool usable = declarationOk;

        NetworkArguments arguments = NetworkAttributeReader.Read(context.Attributes, type.Name, diagnostics);
        (LossKind loss, bool fromLogits, string? weights, bool networkOk) = arguments;
        IReadOnlyList<AttributeData> ordered = AttributesInSourceOrder(type, declaration, cancellationToken);
        if (arguments.Onnx is not null)
        {
            return OnnxDeclaration.Parse(type, arguments, ordered, declarationOk, nameLocation, diagnostics);
        }

        var reader = new LayerAttributeReader(type, diagnostics);
        reader.ReadAll(ordered, cancellationToken);

        ReportAttributesOnOtherDeclarations(type, declaration, diagnostics);
        usable &= networkOk && reader.AllWellFormed;

        if (reader.Input is null)
        {
            // A malformed [Input] already has its error (the compiler's or DN0014); "no [Input]" would contradict it.
            if (!reader.InputDeclared)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, nameLocation, type.Name));
            }

            usable = false;
        }

        if (reader.Layers.Count == 0)
        {
            if (reader.LayersDeclared == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, nameLocation, type.Name));
            }

            usable = false;
        }

        NetworkSpec? spec = null;
        NetworkGeometry? geometry = null;
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
            // With an attribute dropped the layer list has a gap: its shapes and loss would give errors the user did not make.
            usable &= reader.Complete && NetworkValidator.Validate(spec, diagnostics, out geometry);
        }

        if (usable && diagnostics.Count == 0 && spec is not null && geometry is not null)
        {
            NetworkPlan plan = NetworkPlanner.Plan(spec.WithoutLocations(), geometry);
            return new ParseResult(spec, diagnostics.ToEquatableArray(), Plan: plan);
        }

        // The class can take a generated part but the network cannot be built: give it its public surface with
        // throwing bodies, so the DN errors are the only errors (SurfaceStubEmitter).
        NetworkSurface? surface = null;
        if (declarationOk && StubSurfaceCheck.CanTakeStub(type))
        {
            EquatableArray<string> errors = diagnostics.Select(SurfaceStubEmitter.Describe).ToEquatableArray();
            surface = spec is not null
                ? NetworkSurface.Of(spec, errors)
                : NetworkSurface.Describe(
                    type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                    type.Name,
                    ContainingTypes(type),
                    loss,
                    reader.Input,
                    reader.Layers,
                    weights,
                    errors);
        }

        return new ParseResult(null, diagnostics.ToEquatableArray(), surface);
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

    internal static EquatableArray<ContainingType> ContainingTypes(INamedTypeSymbol type)
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
