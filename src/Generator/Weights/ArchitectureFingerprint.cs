using System.Collections.Generic;
using System.Text;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;
using Dendrite.Generator.Weights.Format;

namespace Dendrite.Generator.Weights;

/// <summary>
/// The generator's copy of Dendrite.NetworkArchitecture.Fingerprint and the layer shapes a weights file records.
/// They must match the runtime's text exactly (a test compares them), or compiled-in weights would be refused.
/// </summary>
internal static class ArchitectureFingerprint
{
    public static string Of(NetworkPlan plan)
    {
        InputSpec input = plan.Spec.Input;
        var text = new StringBuilder("Input(");
        text.Append(input.IsImage
            ? Emitting.CodeWriter.Int(input.Height) + "×" + Emitting.CodeWriter.Int(input.Width) + "×" + Emitting.CodeWriter.Int(input.Channels)
            : Emitting.CodeWriter.Int(input.Size));
        text.Append(')');
        foreach (LayerPlan layer in plan.Layers)
        {
            text.Append(" → ").Append(Describe(layer));
        }

        return text.ToString();
    }

    public static IReadOnlyList<WeightsLayerShape> Shapes(NetworkPlan plan)
    {
        var shapes = new List<WeightsLayerShape>(plan.Layers.Count);
        foreach (LayerPlan layer in plan.Layers)
        {
            shapes.Add(new WeightsLayerShape(layer.InputSize, layer.OutputSize, layer.WeightCount, layer.BiasCount));
        }

        return shapes;
    }

    private static string Describe(LayerPlan layer) => layer.Type switch
    {
        LayerType.Dense => "Dense(" + Emitting.CodeWriter.Int(layer.OutputSize) + ", " + layer.Activation + ")",
        _ => layer.Type.ToString(),
    };
}
