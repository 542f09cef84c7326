using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// The plan stage: derives shapes, lays out the parameters (each layer's W then b, layer after layer, like
/// llm.c's single allocation) and the training workspace, and decides how the loss meets the output layer.
/// </summary>
internal static partial class NetworkPlanner
{
    public static NetworkPlan Plan(NetworkSpec spec)
    {
        var layers = new List<LayerPlan>(spec.Layers.Count);
        int parameterOffset = 0;
        int workspaceOffset = 0;
        int inputSize = spec.Input.Size;
        int widest = inputSize;
        Shape shape = spec.Input.Shape;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            if (layer.Type != LayerType.Dense)
            {
                // Image layers (and Flatten) are planned in NetworkPlanner.Spatial.cs.
                LayerPlan spatial = PlanSpatial(layer, i + 1, shape, parameterOffset, workspaceOffset);
                layers.Add(spatial);
                parameterOffset += spatial.ParameterCount;
                workspaceOffset += 2 * spatial.OutputSize;
                shape = spatial.OutputShape!;
                inputSize = shape.Size;
                widest = System.Math.Max(widest, inputSize);
                continue;
            }

            int units = layer.Units;
            int weights = units * inputSize;
            var plan = new LayerPlan(
                Index: i + 1,
                Type: layer.Type,
                Activation: layer.Activation,
                InputSize: inputSize,
                OutputSize: units,
                WeightOffset: parameterOffset,
                WeightCount: weights,
                BiasOffset: parameterOffset + weights,
                BiasCount: units,
                ActivationOffset: workspaceOffset,
                GradientOffset: workspaceOffset + units);
            layers.Add(plan);
            parameterOffset += weights + units;
            workspaceOffset += 2 * units;
            inputSize = units;
            shape = Shape.Flat(units);
            widest = System.Math.Max(widest, units);
        }

        // The output layer's logits Z are kept apart from its activations A: fused losses read Z.
        int logitsOffset = workspaceOffset;
        workspaceOffset += inputSize;

        return new NetworkPlan(
            spec,
            layers.ToEquatableArray(),
            parameterOffset,
            logitsOffset,
            workspaceOffset,
            widest,
            ChooseOutputGradient(spec));
    }

    /// <summary>
    /// Every cross-entropy declaration the validator accepts is either a linear output with FromLogits = true or
    /// a sigmoid/softmax output that the loss can absorb (as Keras does by reading the logits under a final
    /// sigmoid or softmax), so cross-entropy always takes the fused, stable path: dZ = p − y.
    /// </summary>
    private static OutputGradient ChooseOutputGradient(NetworkSpec spec) =>
        spec.Loss == LossKind.MeanSquaredError ? OutputGradient.ThroughActivation : OutputGradient.FusedWithLoss;
}
