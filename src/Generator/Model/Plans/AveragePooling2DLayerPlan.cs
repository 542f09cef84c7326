namespace Dendrite.Generator.Model;

/// <summary>Average pooling per channel over a window (Same padding's overhang left out of the mean); no parameters.</summary>
internal sealed record AveragePooling2DLayerPlan(
    int Index,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int ActivationOffset,
    Window Window)
    : LayerPlan(Index, ActivationKind.Linear, Input, Output, WeightOffset, 0, 0, ActivationOffset)
{
    public override LayerType Type => LayerType.AveragePooling2D;
}
