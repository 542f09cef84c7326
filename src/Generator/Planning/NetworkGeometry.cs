using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>One layer's shapes, window and place in the flat buffers, in 64 bits.</summary>
/// <param name="Index">1-based position.</param>
/// <param name="Layer">The layer as declared.</param>
/// <param name="Input">The shape it reads.</param>
/// <param name="Output">The shape it writes.</param>
/// <param name="Kernel">Window side (Conv2D kernel, MaxPool2D and AveragePooling2D pool); 0 for the other layers.</param>
/// <param name="Stride">Window step, pooling's "0 = pool size" resolved; 0 for the other layers.</param>
/// <param name="PadTop">Zero rows before the input (Same padding).</param>
/// <param name="PadLeft">Zero columns before the input (Same padding).</param>
/// <param name="WeightOffset">Offset of W in the parameter buffer.</param>
/// <param name="WeightCount">Weights: units × inputs (Dense), kernel × kernel × input channels × filters (Conv2D).</param>
/// <param name="BiasCount">Biases: one per unit or filter.</param>
/// <param name="ActivationOffset">Offset of A in one sample's training workspace; ∂cost/∂A follows it.</param>
/// <param name="PreActivationOffset">
/// Offset of Z in one sample's training workspace, after ∂cost/∂A, for a hidden layer whose activation's derivative reads Z
/// (<see cref="ActivationTraits.DerivativeNeedsZ"/>); −1 for every other layer (the output layer's Z is the logits).
/// </param>
internal sealed record LayerGeometry(
    int Index,
    LayerSpec Layer,
    Extent Input,
    Extent Output,
    long Kernel,
    long Stride,
    long PadTop,
    long PadLeft,
    long WeightOffset,
    long WeightCount,
    long BiasCount,
    long ActivationOffset,
    long PreActivationOffset = -1)
{
    public long BiasOffset => WideMath.Add(WeightOffset, WeightCount);

    /// <summary>Parameters of every layer up to and including this one.</summary>
    public long ParametersSoFar => WideMath.Add(BiasOffset, BiasCount);

    public long GradientOffset => WideMath.Add(ActivationOffset, Output.Size);

    /// <summary>
    /// Offset of x̂ (the normalised values, kept for the backward pass) in one sample's workspace: BatchNormalization
    /// only, after ∂cost/∂A.
    /// </summary>
    public long NormalizedOffset => WideMath.Add(GradientOffset, Output.Size);

    /// <summary>
    /// Offset of a sample's partial sums in its workspace, after x̂: BatchNormalization of an image only (a channel
    /// with several values per sample), 2 per channel; −1 otherwise.
    /// </summary>
    public long PartialSumsOffset => Layer.Type == LayerType.BatchNormalization && Output.Size > Output.Channels ? WideMath.Add(NormalizedOffset, Output.Size) : -1;

    /// <summary>
    /// Workspace values per training sample up to and including this layer: A and ∂cost/∂A, then x̂ (and for an image
    /// the partial sums) for BatchNormalization or, when kept, Z (never both: BatchNormalization takes no activation
    /// whose g' reads Z, DN0067).
    /// </summary>
    public long WorkspaceSoFar => Layer.Type == LayerType.BatchNormalization
        ? (PartialSumsOffset >= 0 ? WideMath.Add(PartialSumsOffset, WideMath.Multiply(2, Output.Channels)) : WideMath.Add(NormalizedOffset, Output.Size))
        : WideMath.Add(PreActivationOffset >= 0 ? PreActivationOffset : GradientOffset, Output.Size);

    /// <summary>BatchNormalization's channels: one γ, β, moving mean and moving variance each (units of a vector, channels of an image).</summary>
    public long NormalizedChannels => Layer.Type == LayerType.BatchNormalization ? Output.Channels : 0;

    public bool IsWindow => IsWindowType(Layer.Type);

    /// <summary>Layers that slide a square window over an image: Conv2D and the two window poolings.</summary>
    public static bool IsWindowType(LayerType type) => type is LayerType.Conv2D or LayerType.MaxPool2D or LayerType.AveragePooling2D;

    /// <summary>The poolings declared with a pool size, a stride (0 = the pool size) and a padding.</summary>
    public static bool IsWindowPool(LayerType type) => type is LayerType.MaxPool2D or LayerType.AveragePooling2D;
}

/// <summary>
/// Every shape, size and offset of a network, computed once, in 64 bits, from the spec: the validator judges the
/// shapes from it, <see cref="GeneratedNumberLimits"/> checks that every number the generated code will hold fits,
/// and the planner copies it into the int plan the emitters read. Nothing else does shape arithmetic, so the three
/// cannot disagree, and nothing wraps: with int.MaxValue-sized declarations a number is too large, never negative.
/// </summary>
internal sealed record NetworkGeometry(
    Extent Input,
    EquatableArray<LayerGeometry> Layers,
    long ParameterCount,
    long LogitsOffset,
    long WorkspacePerSample,
    long HiddenValues)
{
    /// <summary>
    /// Walks the layers from the input. Total for any ints: non-positive sizes (already reported as DN0004) count
    /// as 0 and a non-positive stride as 1, so this never divides by zero or throws.
    /// </summary>
    public static NetworkGeometry Compute(NetworkSpec spec)
    {
        InputSpec input = spec.Input;
        Extent shape = input.IsImage
            ? Extent.Image(Positive(input.Height), Positive(input.Width), Positive(input.Channels))
            : Extent.Flat(WideMath.Multiply(Positive(input.Height), Positive(input.Width), Positive(input.Channels)));
        Extent inputShape = shape;
        var layers = new List<LayerGeometry>(spec.Layers.Count);
        long parameters = 0, workspace = 0, hidden = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerGeometry layer = Next(spec.Layers[i], i + 1, shape, parameters, workspace);
            if (i < spec.Layers.Count - 1 && layer.Layer.Type != LayerType.BatchNormalization && ActivationTraits.DerivativeNeedsZ(layer.Layer.Activation))
            {
                layer = layer with { PreActivationOffset = WideMath.Add(layer.GradientOffset, layer.Output.Size) };
            }

            layers.Add(layer);
            parameters = layer.ParametersSoFar;
            workspace = layer.WorkspaceSoFar;
            shape = layer.Output;
            // Inference passes Dropout's input on as its output (no copy), so it needs no scratch of its own.
            bool scratch = i != spec.Layers.Count - 1 && layer.Layer.Type != LayerType.Dropout;
            hidden = scratch ? WideMath.Add(hidden, shape.Size) : hidden;
        }

        // The output layer's logits Z are kept apart from its activations A: fused losses read Z.
        long logits = workspace;
        return new NetworkGeometry(inputShape, layers.ToEquatableArray(), parameters, logits, WideMath.Add(workspace, shape.Size), hidden);
    }

    /// <summary>The stride a window layer moves by: pooling's 0 means "same as the pool size", as in Keras.</summary>
    public static long EffectiveStride(LayerSpec layer) =>
        LayerGeometry.IsWindowPool(layer.Type) && layer.Stride == 0 ? layer.KernelSize : layer.Stride;

    /// <summary>
    /// Keras' output side of a window moved over <paramref name="input"/> values. Valid: ⌊(input − window) / stride⌋ + 1,
    /// or 0 when the window does not fit. Same: ⌈input / stride⌉.
    /// </summary>
    public static long OutputSide(long input, long window, long stride, PaddingKind padding) => padding == PaddingKind.Same
        ? (input + stride - 1) / stride
        : input < window ? 0 : ((input - window) / stride) + 1;

    /// <summary>
    /// Zero rows (or columns) before the input with Same padding: the total padding is max((out − 1)·stride + window − input, 0)
    /// and, as in TensorFlow, the smaller half goes first.
    /// </summary>
    public static long PaddingBefore(long input, long window, long stride, PaddingKind padding) =>
        padding == PaddingKind.Same ? SamePadding(input, window, stride).Before : 0;

    /// <summary>Same padding's zero rows (or columns) before and after the input: the total split as <see cref="PaddingBefore"/> says.</summary>
    public static (long Before, long After) SamePadding(long input, long window, long stride)
    {
        long output = OutputSide(input, window, stride, PaddingKind.Same);
        long total = System.Math.Max(WideMath.Add(WideMath.Multiply(output - 1, stride), window) - input, 0);
        return (total / 2, total - (total / 2));
    }

    private static LayerGeometry Next(LayerSpec layer, int index, Extent input, long parameterOffset, long workspaceOffset)
    {
        long units = Positive(layer.Units);
        switch (layer.Type)
        {
            case LayerType.Dense:
                return new LayerGeometry(index, layer, input, Extent.Flat(units), 0, 0, 0, 0, parameterOffset, WideMath.Multiply(units, input.Size), units, workspaceOffset);
            case LayerType.Conv2D:
            case LayerType.MaxPool2D:
            case LayerType.AveragePooling2D:
                long kernel = Positive(layer.KernelSize);
                long stride = System.Math.Max(1, EffectiveStride(layer));

                // A window over a flat input is reported (DN0032); read it as a 1 × 1 image meanwhile.
                long height = OutputSide(input.Height, kernel, stride, layer.Padding);
                long width = OutputSide(input.Width, kernel, stride, layer.Padding);
                bool conv = layer.Type == LayerType.Conv2D;
                var output = Extent.Image(height, width, conv ? units : input.Channels);
                return new LayerGeometry(
                    index,
                    layer,
                    input,
                    output,
                    kernel,
                    stride,
                    PaddingBefore(input.Height, kernel, stride, layer.Padding),
                    PaddingBefore(input.Width, kernel, stride, layer.Padding),
                    parameterOffset,
                    conv ? WideMath.Multiply(kernel, kernel, input.Channels, units) : 0,
                    conv ? units : 0,
                    workspaceOffset);
            case LayerType.GlobalAveragePooling2D:
                // One mean per channel: a vector of C. Over a flat input (reported, DN0032) that is the input itself.
                return new LayerGeometry(index, layer, input, Extent.Flat(input.Channels), 0, 0, 0, 0, parameterOffset, 0, 0, workspaceOffset);
            case LayerType.Dropout:
                // Element-wise: the shape it reads, image or vector, is the shape it writes.
                return new LayerGeometry(index, layer, input, input, 0, 0, 0, 0, parameterOffset, 0, 0, workspaceOffset);
            case LayerType.BatchNormalization:
                // γ is stored where a layer's weights go and β where its biases go: one of each per channel.
                return new LayerGeometry(index, layer, input, input, 0, 0, 0, 0, parameterOffset, input.Channels, input.Channels, workspaceOffset);
            default:
                return new LayerGeometry(index, layer, input, Extent.Flat(input.Size), 0, 0, 0, 0, parameterOffset, 0, 0, workspaceOffset);
        }
    }

    private static long Positive(int value) => System.Math.Max(value, 0);
}
