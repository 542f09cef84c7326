namespace Dendrite.Generator.Model;

/// <summary>One sample's shape: height × width × channels, row-major, channels last. A flat vector is 1 × 1 × n.</summary>
internal sealed record Shape(int Height, int Width, int Channels, bool IsSpatial)
{
    public int Size => Height * Width * Channels;

    public static Shape Flat(int length) => new(1, 1, length, IsSpatial: false);

    public static Shape Image(int height, int width, int channels) => new(height, width, channels, IsSpatial: true);

    /// <summary>"28×28×1" for an image, "784" for a vector.</summary>
    public override string ToString() => IsSpatial
        ? Height.ToString(System.Globalization.CultureInfo.InvariantCulture) + "×" + Width.ToString(System.Globalization.CultureInfo.InvariantCulture) + "×" + Channels.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Keras' output-size rules for a sliding window, shared by the validator (which reports impossible shapes)
/// and the planner (which lays them out), so both agree by construction.
/// </summary>
internal static class WindowRules
{
    /// <summary>
    /// Output side of a window of side <paramref name="window"/> moved by <paramref name="stride"/> over
    /// <paramref name="input"/> values. Valid: ⌊(input − window) / stride⌋ + 1, or 0 when the window does not fit.
    /// Same: ⌈input / stride⌉.
    /// </summary>
    public static int OutputSide(int input, int window, int stride, PaddingKind padding) => padding == PaddingKind.Same
        ? (input + stride - 1) / stride
        : input < window ? 0 : ((input - window) / stride) + 1;

    /// <summary>
    /// Zero rows (or columns) added before the input with Same padding: the total padding is
    /// max((out − 1)·stride + window − input, 0) and, as in TensorFlow, the smaller half goes first.
    /// </summary>
    public static int PaddingBefore(int input, int window, int stride, PaddingKind padding)
    {
        if (padding != PaddingKind.Same)
        {
            return 0;
        }

        int output = OutputSide(input, window, stride, padding);
        int total = System.Math.Max(((output - 1) * stride) + window - input, 0);
        return total / 2;
    }

    /// <summary>The stride actually used: pooling's 0 means "same as the pool size".</summary>
    public static int EffectiveStride(LayerSpec layer) => layer.Stride > 0 ? layer.Stride : layer.KernelSize;

    /// <summary>The shape a layer produces from <paramref name="input"/>; null when the layer cannot follow it.</summary>
    public static Shape? OutputShape(LayerSpec layer, Shape input)
    {
        switch (layer.Type)
        {
            case LayerType.Dense:
                return Shape.Flat(layer.Units);
            case LayerType.Flatten:
                return Shape.Flat(input.Size);
            case LayerType.Conv2D:
            case LayerType.MaxPool2D:
                if (!input.IsSpatial)
                {
                    return null;
                }

                int stride = EffectiveStride(layer);
                int height = OutputSide(input.Height, layer.KernelSize, stride, layer.Padding);
                int width = OutputSide(input.Width, layer.KernelSize, stride, layer.Padding);
                int channels = layer.Type == LayerType.Conv2D ? layer.Units : input.Channels;
                return Shape.Image(height, width, channels);
            default:
                return null;
        }
    }
}
