namespace Dendrite.Generator.Model;

/// <summary>
/// A 2-D convolution over a channels-last image. Weights are laid out [kh][kw][c_in][filters] (Keras' HWIO) followed by
/// one bias per filter: the filter index is innermost, so the kernels vectorise over output channels. <paramref name="Kernels"/>
/// holds the kernel blocks the planner chose for it.
/// </summary>
internal sealed record Conv2DLayerPlan(
    int Index,
    ActivationKind Activation,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int WeightCount,
    int BiasCount,
    int ActivationOffset,
    Window Window,
    ConvKernels Kernels,
    float L2 = 0f)
    : LayerPlan(Index, Activation, Input, Output, WeightOffset, WeightCount, BiasCount, ActivationOffset)
{
    public override LayerType Type => LayerType.Conv2D;

    /// <summary>Output channels.</summary>
    public int Filters => Output.Channels;

    /// <inheritdoc/>
    public override float WeightL2 => L2;

    /// <summary>
    /// Whether the forward kernels store A = ReLU(Z) straight away instead of Z followed by a pass of A = g(Z) over the
    /// batch (planner: <c>ActivationFusion</c>): a hidden ReLU layer, whose Z nothing reads (ReLU' reads A).
    /// </summary>
    public bool ReLUInStores { get; init; }

    /// <summary>
    /// Whether the next layer, a MaxPool2D, writes dZ of this layer rather than dA (it applies ReLU' as it routes the
    /// gradient), so this layer's backward starts from dZ with no pass of dZ = dA ⊙ g'(Z) (planner: <c>ActivationFusion</c>).
    /// </summary>
    public bool DerivativeAppliedByNext { get; init; }

    /// <summary>kh·kw·c_in: the inputs of one filter.</summary>
    public override int FanIn => Window.Size * Window.Size * Input.Channels;

    /// <summary>kh·kw·filters, as Keras counts a convolution's fan-out.</summary>
    public override int FanOut => Window.Size * Window.Size * Output.Channels;
}
