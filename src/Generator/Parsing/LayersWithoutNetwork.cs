using System.Linq;
using System.Threading;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// [Input] and layer attributes on a class without [Network] would otherwise do nothing at all, silently: the
/// network pipeline starts from [Network]. Each attribute kind gets a small pipeline of its own
/// (ForAttributeWithMetadataName, so only declarations carrying it are looked at) that reports DN0019 once per
/// declaration, on its first Dendrite attribute. Tests: ParserDiagnosticTests.DN0019_*.
/// </summary>
internal static class LayersWithoutNetwork
{
    /// <summary>Tracking name of the check, for incremental-caching tests.</summary>
    public const string Step = "LayersWithoutNetwork";

    private static readonly string[] Names = { AttributeNames.Input, AttributeNames.Dense, AttributeNames.Conv2D, AttributeNames.MaxPool2D, AttributeNames.Flatten, AttributeNames.AveragePooling2D, AttributeNames.GlobalAveragePooling2D, AttributeNames.Dropout, AttributeNames.BatchNormalization };

    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<string?> help)
    {
        foreach (string name in Names)
        {
            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> found = context.SyntaxProvider
                .ForAttributeWithMetadataName(name, static (node, _) => node is TypeDeclarationSyntax, static (ctx, ct) => Check(ctx, ct))
                .WithTrackingName(Step);
            context.RegisterSourceOutput(found.Combine(help), static (spc, pair) =>
            {
                foreach (DiagnosticInfo diagnostic in pair.Left)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
                }
            });
        }
    }

    private static EquatableArray<DiagnosticInfo> Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration
            || type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network))
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Once per declaration: only the pipeline of the declaration's first Dendrite attribute reports.
        AttributeData? first = type.GetAttributes()
            .Where(a => a.ApplicationSyntaxReference is { } r && r.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(r.Span)
                && AttributeNames.IsLayerOrInput(a.AttributeClass?.ToDisplayString()))
            .OrderBy(a => a.ApplicationSyntaxReference!.Span.Start)
            .FirstOrDefault();
        if (first is null || !context.Attributes.Any(a => a.ApplicationSyntaxReference?.Span == first.ApplicationSyntaxReference!.Span))
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        DiagnosticInfo diagnostic = DiagnosticInfo.Create(
            DiagnosticDescriptors.LayersWithoutNetwork,
            LocationInfo.From(first.ApplicationSyntaxReference!.GetSyntax(cancellationToken)),
            type.Name,
            LayerAttributeReader.Text(first));
        return new[] { diagnostic }.ToEquatableArray();
    }
}
