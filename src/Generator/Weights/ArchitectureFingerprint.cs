using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Model;
using Dendrite.Generator.Weights.Format;

namespace Dendrite.Generator.Weights;

/// <summary>
/// The architecture fingerprint and layer shapes a weights file records, computed from the plan. The text comes
/// from ArchitectureText, the runtime's own file linked into the generator, fed the same values the generated
/// <c>Architecture</c> hands the runtime (ArchitectureFingerprintTests compares the two for every layer kind and
/// option; CnnCompiledWeightsTests compiles in a CNN file the runtime saved).
/// </summary>
internal static class ArchitectureFingerprint
{
    public static string Of(NetworkPlan plan)
    {
        // The generated Architecture describes the input as new TensorShape(Height, Width, Channels): the same values.
        InputSpec input = plan.Spec.Input;
        return ArchitectureText.Fingerprint(input.Height, input.Width, input.Channels, plan.Layers.Select(Describe));
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

    /// <summary>What LayerInfo.Describe writes for the LayerInfo the generated Architecture builds from this layer.</summary>
    private static string Describe(LayerPlan layer) => layer switch
    {
        DenseLayerPlan dense => ArchitectureText.Dense(dense.Units, Activation(dense)),
        Conv2DLayerPlan conv => ArchitectureText.Conv2D(conv.Filters, conv.Window.Size, conv.Window.Stride, conv.Window.Padding.ToString(), Activation(conv)),
        MaxPool2DLayerPlan pool => ArchitectureText.MaxPool2D(pool.Window.Size, pool.Window.Stride, pool.Window.Padding.ToString()),
        AveragePooling2DLayerPlan average => ArchitectureText.AveragePooling2D(average.Window.Size, average.Window.Stride, average.Window.Padding.ToString()),
        GlobalAveragePooling2DLayerPlan => ArchitectureText.GlobalAveragePooling2D,
        FlattenLayerPlan => ArchitectureText.Flatten,
            DropoutLayerPlan dropout => ArchitectureText.Dropout(dropout.Rate),
            BatchNormalizationLayerPlan norm => ArchitectureText.BatchNormalization(Activation(norm)),
        _ => layer.Type.ToString(),
    };

    /// <summary>The activation with its LeakyReLU slope, as LayerInfo.Describe writes it from the generated <c>Slope:</c> argument.</summary>
    private static string Activation(LayerPlan layer) => ArchitectureText.Activation(layer.Activation.ToString(), layer.Slope);
}
