using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// The plan stage: turns the 64-bit <see cref="NetworkGeometry"/> the validator already walked and accepted into the
/// typed, int plan the emitters read, one record per layer kind, and makes every choice the emitters would otherwise
/// make: how the loss meets the output layer, the inference chunk and each layer's kernel shapes. It does no shape
/// arithmetic of its own; <see cref="GeneratedNumberLimits"/> has already checked that every number fits an int.
/// </summary>
internal static class NetworkPlanner
{
    /// <param name="spec">The validated spec without locations (so the plan, and the code, do not depend on where the class sits).</param>
    /// <param name="geometry">The geometry the validator computed from the same declaration and accepted.</param>
    public static NetworkPlan Plan(NetworkSpec spec, NetworkGeometry geometry) => new(
        spec,
        Plans(geometry),
        (int)geometry.ParameterCount,
        (int)geometry.LogitsOffset,
        (int)geometry.WorkspacePerSample,
        ChooseOutputGradient(spec),
        (int)geometry.HiddenValues,
        geometry.HiddenValues > 0 ? KernelBlocks.InferenceChunk : 0,
        KernelBlocks.RowBlock);

    private static EquatableArray<LayerPlan> Plans(NetworkGeometry geometry)
    {
        var plans = new System.Collections.Generic.List<LayerPlan>(geometry.Layers.Count);
        int state = 0, statistics = 0;
        foreach (LayerGeometry layer in geometry.Layers)
        {
            if (layer.Layer.Type == LayerType.BatchNormalization)
            {
                int channels = (int)layer.NormalizedChannels;
                plans.Add(new BatchNormalizationLayerPlan(layer.Index, layer.Layer.Activation, layer.Input.ToShape(), layer.Output.ToShape(), (int)layer.WeightOffset, (int)layer.ActivationOffset, (int)layer.NormalizedOffset, (int)layer.PartialSumsOffset, channels, state, statistics)
                {
                    Slope = layer.Layer.Slope,
                    // The validator puts a Dense or Conv2D layer before every BatchNormalization (DN0065).
                    FoldsIntoPrevious = geometry.Layers[layer.Index - 2].Layer.Activation == ActivationKind.Linear,
                });
                state += 2 * channels;
                statistics += 2 * channels; // μ_B, 1/√(σ²_B + ε)
                continue;
            }

            plans.Add(ToPlan(layer));
        }

        return SecondLayerPredictSplit.Apply(FirstLayerUnitSplit.Apply(ActivationFusion.Apply(plans))).ToEquatableArray();
    }

    private static LayerPlan ToPlan(LayerGeometry layer) => Kind(layer) with
    {
        Slope = layer.Layer.Slope,
        PreActivationOffset = (int)layer.PreActivationOffset,
    };

    private static LayerPlan Kind(LayerGeometry layer)
    {
        int index = layer.Index;
        int weights = (int)layer.WeightOffset;
        int activations = (int)layer.ActivationOffset;
        Shape input = layer.Input.ToShape(), output = layer.Output.ToShape();
        return layer.Layer.Type switch
        {
            LayerType.Conv2D => new Conv2DLayerPlan(index, layer.Layer.Activation, input, output, weights, (int)layer.WeightCount, (int)layer.BiasCount, activations, WindowOf(layer), ConvKernelPlanner.Choose(WindowOf(layer), input, output), layer.Layer.L2),
            LayerType.MaxPool2D => new MaxPool2DLayerPlan(index, input, output, weights, activations, WindowOf(layer)),
            LayerType.AveragePooling2D => new AveragePooling2DLayerPlan(index, input, output, weights, activations, WindowOf(layer)),
            LayerType.GlobalAveragePooling2D => new GlobalAveragePooling2DLayerPlan(index, input, output, weights, activations),
            LayerType.Flatten => new FlattenLayerPlan(index, input, output, weights, activations),
            LayerType.Dropout => new DropoutLayerPlan(index, input, output, weights, activations, layer.Layer.Rate),

            // A Dense layer straight after an image input reads its pixels row-major: to it the input is a vector.
            _ => new DenseLayerPlan(index, layer.Layer.Activation, Shape.Flat(input.Size), output, weights, (int)layer.WeightCount, (int)layer.BiasCount, activations, DenseKernelPlanner.Choose(output.Size, input.Size), layer.Layer.L2),
        };
    }

    private static Window WindowOf(LayerGeometry layer) =>
        new((int)layer.Kernel, (int)layer.Stride, layer.Layer.Padding, (int)layer.PadTop, (int)layer.PadLeft);

    /// <summary>
    /// Every cross-entropy declaration the validator accepts is either a linear output with FromLogits = true or
    /// a sigmoid/softmax output that the loss can absorb (as Keras does by reading the logits under a final
    /// sigmoid or softmax), so cross-entropy always takes the fused, stable path: dZ = p − y.
    /// </summary>
    private static OutputGradient ChooseOutputGradient(NetworkSpec spec) =>
        spec.Loss == LossKind.MeanSquaredError ? OutputGradient.ThroughActivation : OutputGradient.FusedWithLoss;
}
