using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Emitting;
using Dendrite.Generator.Model;
using Dendrite.Generator.Onnx;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// The parse stage of [Network(Onnx = "model.onnx")]: the file supplies the input and the layers, so [Input] or a layer
/// attribute beside it is DN0088 (Weights beside it is reported by <see cref="NetworkAttributeReader"/>). A clean
/// declaration becomes an <see cref="OnnxRequest"/>; one with errors gets the stand-in surface, as a declared network does.
/// </summary>
internal static class OnnxDeclaration
{
    public static ParseResult Parse(INamedTypeSymbol type, NetworkArguments arguments, IReadOnlyList<AttributeData> attributes, bool declarationOk, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics)
    {
        List<AttributeData> layers = attributes.Where(a => AttributeNames.IsLayerOrInput(a.AttributeClass?.ToDisplayString())).ToList();
        if (layers.Count > 0)
        {
            string found = LayerAttributeReader.Text(layers[0]) + (layers.Count > 1 ? " and " + (layers.Count - 1) + " more layer attribute" + (layers.Count > 2 ? "s" : string.Empty) : string.Empty);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OnnxWithLayers, LocationInfo.From(layers[0].ApplicationSyntaxReference?.GetSyntax()), type.Name, arguments.Onnx!, found));
        }

        string? @namespace = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
        EquatableArray<ContainingType> containing = NetworkParser.ContainingTypes(type);
        bool canTakeStub = declarationOk && StubSurfaceCheck.CanTakeStub(type);
        if (declarationOk && arguments.Ok && diagnostics.Count == 0)
        {
            var request = new OnnxRequest(@namespace, type.Name, containing, arguments.Loss, arguments.FromLogits, arguments.Onnx!, arguments.OnnxLocation, nameLocation, canTakeStub);
            return new ParseResult(null, diagnostics.ToEquatableArray(), Onnx: request);
        }

        NetworkSurface? surface = canTakeStub
            ? NetworkSurface.Describe(@namespace, type.Name, containing, arguments.Loss, null, new List<LayerSpec>(), arguments.Onnx, diagnostics.Select(SurfaceStubEmitter.Describe).ToEquatableArray())
            : null;
        return new ParseResult(null, diagnostics.ToEquatableArray(), surface);
    }
}
