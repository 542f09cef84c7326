using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>Plans Conv2D, MaxPool2D and Flatten: output shapes by Keras' rules, padding, and the conv weight layout.</summary>
internal static partial class NetworkPlanner
{
    /// <summary>
    /// Conv2D weights are laid out [kh][kw][c_in][filters] (Keras' HWIO) followed by [filters] biases: the filter
    /// index is innermost, so the kernels vectorise over output channels. Pooling and Flatten have no parameters.
    /// The validator has already checked that <paramref name="input"/> fits the layer.
    /// </summary>
    private static LayerPlan PlanSpatial(LayerSpec layer, int index, Shape input, int parameterOffset, int workspaceOffset)
    {
        Shape output = WindowRules.OutputShape(layer, input)!;
        int stride = layer.Type == LayerType.Flatten ? 0 : WindowRules.EffectiveStride(layer);
        int weights = layer.Type == LayerType.Conv2D ? layer.KernelSize * layer.KernelSize * input.Channels * layer.Units : 0;
        int biases = layer.Type == LayerType.Conv2D ? layer.Units : 0;
        return new LayerPlan(
            Index: index,
            Type: layer.Type,
            Activation: layer.Activation,
            InputSize: input.Size,
            OutputSize: output.Size,
            WeightOffset: parameterOffset,
            WeightCount: weights,
            BiasOffset: parameterOffset + weights,
            BiasCount: biases,
            ActivationOffset: workspaceOffset,
            GradientOffset: workspaceOffset + output.Size,
            InputShape: input,
            OutputShape: output,
            KernelSize: layer.KernelSize,
            Stride: stride,
            Padding: layer.Padding,
            PadTop: layer.Type == LayerType.Flatten ? 0 : WindowRules.PaddingBefore(input.Height, layer.KernelSize, stride, layer.Padding),
            PadLeft: layer.Type == LayerType.Flatten ? 0 : WindowRules.PaddingBefore(input.Width, layer.KernelSize, stride, layer.Padding));
    }
}
