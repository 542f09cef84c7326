using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// The plan stage: copies the 64-bit <see cref="NetworkGeometry"/> of a validated spec into the int plan the
/// emitters read, and chooses how the loss meets the output layer. It does no shape arithmetic of its own; the parse
/// stage has already checked (<see cref="GeneratedNumberLimits"/>) that every number fits an int.
/// </summary>
/// <remarks>
/// Conv2D weights are laid out [kh][kw][c_in][filters] (Keras' HWIO) followed by [filters] biases: the filter index
/// is innermost, so the kernels vectorise over output channels. Pooling and Flatten have no parameters.
/// </remarks>
internal static class NetworkPlanner
{
    public static NetworkPlan Plan(NetworkSpec spec)
    {
        NetworkGeometry geometry = NetworkGeometry.Compute(spec);
        return new NetworkPlan(
            spec,
            geometry.Layers.Select(ToPlan).ToEquatableArray(),
            (int)geometry.ParameterCount,
            (int)geometry.LogitsOffset,
            (int)geometry.WorkspacePerSample,
            (int)geometry.WidestLayer,
            ChooseOutputGradient(spec),
            (int)geometry.HiddenValues);
    }

    private static LayerPlan ToPlan(LayerGeometry layer)
    {
        bool image = layer.Layer.Type != LayerType.Dense;
        return new LayerPlan(
            Index: layer.Index,
            Type: layer.Layer.Type,
            Activation: layer.Layer.Activation,
            InputSize: (int)layer.Input.Size,
            OutputSize: (int)layer.Output.Size,
            WeightOffset: (int)layer.WeightOffset,
            WeightCount: (int)layer.WeightCount,
            BiasOffset: (int)layer.BiasOffset,
            BiasCount: (int)layer.BiasCount,
            ActivationOffset: (int)layer.ActivationOffset,
            GradientOffset: (int)layer.GradientOffset,
            InputShape: image ? layer.Input.ToShape() : null,
            OutputShape: image ? layer.Output.ToShape() : null,
            KernelSize: (int)layer.Kernel,
            Stride: (int)layer.Stride,
            Padding: layer.Layer.Padding,
            PadTop: (int)layer.PadTop,
            PadLeft: (int)layer.PadLeft);
    }

    /// <summary>
    /// Every cross-entropy declaration the validator accepts is either a linear output with FromLogits = true or
    /// a sigmoid/softmax output that the loss can absorb (as Keras does by reading the logits under a final
    /// sigmoid or softmax), so cross-entropy always takes the fused, stable path: dZ = p − y.
    /// </summary>
    private static OutputGradient ChooseOutputGradient(NetworkSpec spec) =>
        spec.Loss == LossKind.MeanSquaredError ? OutputGradient.ThroughActivation : OutputGradient.FusedWithLoss;
}
