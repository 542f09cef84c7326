namespace Dendrite.Generator.Model;

/// <summary>Max pooling per channel over a window; no parameters.</summary>
internal sealed record MaxPool2DLayerPlan(
    int Index,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int ActivationOffset,
    Window Window)
    : LayerPlan(Index, ActivationKind.Linear, Input, Output, WeightOffset, 0, 0, ActivationOffset)
{
    public override LayerType Type => LayerType.MaxPool2D;
}
