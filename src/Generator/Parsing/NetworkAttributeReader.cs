using System.Collections.Generic;
using System.Collections.Immutable;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Reads [Network(Loss = ..., FromLogits = ..., Weights = ...)] through the same signature guard as the layers
/// (<see cref="AttributeSignatures"/>), reporting a second [Network] on the declaration (DN0016), an undefined loss
/// (DN0010), FromLogits with mean squared error (DN0012) and a Weights name no file can have (DN0017).
/// </summary>
internal static class NetworkAttributeReader
{
    /// <summary>
    /// The first [Network] of the class (by file path, then position) when it is not on <paramref name="declaration"/>;
    /// null when this declaration holds the first one.
    /// </summary>
    public static AttributeData? FirstOnAnotherDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        AttributeData? first = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != AttributeNames.Network || attribute.ApplicationSyntaxReference is not { } reference)
            {
                continue;
            }

            if (first is null || Compare(reference, first.ApplicationSyntaxReference!) < 0)
            {
                first = attribute;
            }
        }

        SyntaxReference? at = first?.ApplicationSyntaxReference;
        bool here = at is not null && at.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(at.Span);
        return first is null || here ? null : first;
    }

    private static int Compare(SyntaxReference a, SyntaxReference b)
    {
        int byFile = string.CompareOrdinal(a.SyntaxTree.FilePath, b.SyntaxTree.FilePath);
        return byFile != 0 ? byFile : a.Span.Start.CompareTo(b.Span.Start);
    }

    public static NetworkArguments Read(ImmutableArray<AttributeData> attributes, string typeName, List<DiagnosticInfo> diagnostics)
    {
        var loss = LossKind.MeanSquaredError;
        bool fromLogits = false;
        string? weights = null;
        if (attributes.Length == 0)
        {
            return new NetworkArguments(loss, fromLogits, weights, null, null, null, false);
        }

        AttributeData network = attributes[0];
        bool ok = true;
        for (int i = 1; i < attributes.Length; i++)
        {
            // The real [Network] allows one (CS0579); a look-alike may not, and which one counts would be a guess.
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DuplicateAttribute,
                LocationInfo.From(attributes[i].ApplicationSyntaxReference?.GetSyntax()),
                typeName,
                "[Network]",
                LayerAttributeReader.Text(network) + " and then " + LayerAttributeReader.Text(attributes[i])));
            ok = false;
        }

        AttributeArguments args = AttributeSignatures.Read(network, AttributeSignatures.Network);
        if (!args.Ok)
        {
            if (!args.IsCompilerError)
            {
                LayerAttributeReader.ReportMismatch(network, AttributeSignatures.Network, args, typeName, diagnostics);
            }

            return new NetworkArguments(loss, fromLogits, weights, null, null, null, false);
        }

        if (args.NamedInt("Loss") is int value)
        {
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
        }

        fromLogits = args.NamedBool("FromLogits") ?? false;
        weights = args.NamedString("Weights");
        if (args.Has("Weights") && weights is not null && WeightsNameProblem.Of(weights) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWeightsName, ArgumentLocations.Named(network, "Weights", valueOnly: true), typeName, problem));
            ok = false;
        }

        // Reported here rather than by the validator so it can point at the FromLogits = true setting itself.
        if (fromLogits && loss == LossKind.MeanSquaredError)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromLogitsWithoutCrossEntropy, ArgumentLocations.Named(network, "FromLogits", valueOnly: false), typeName, loss));
            ok = false;
        }

        string? onnx = args.NamedString("Onnx");
        LocationInfo? onnxLocation = args.Has("Onnx") ? ArgumentLocations.Named(network, "Onnx", valueOnly: true) : null;
        if (args.Has("Onnx") && onnx is not null && WeightsNameProblem.Of(onnx) is { } onnxProblem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOnnxName, onnxLocation, typeName, onnxProblem));
            ok = false;
        }

        if (onnx is not null && args.Has("Weights") && weights is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OnnxWithLayers, ArgumentLocations.Named(network, "Weights", valueOnly: false), typeName, onnx, "Weights = \"" + weights + "\" (the ONNX file's weights are compiled in)"));
            ok = false;
        }

        return new NetworkArguments(loss, fromLogits, weights, onnx, onnxLocation, network, ok);
    }
}

/// <summary>[Network]'s named arguments as read; <paramref name="Ok"/> when they are usable.</summary>
internal sealed record NetworkArguments(LossKind Loss, bool FromLogits, string? Weights, string? Onnx, LocationInfo? OnnxLocation, AttributeData? Attribute, bool Ok)
{
    public void Deconstruct(out LossKind loss, out bool fromLogits, out string? weights, out bool ok)
    {
        loss = Loss;
        fromLogits = FromLogits;
        weights = Weights;
        ok = Ok;
    }
}
