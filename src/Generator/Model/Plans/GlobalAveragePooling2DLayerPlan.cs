namespace Dendrite.Generator.Model;

/// <summary>The mean of each channel over every position of an image: height × width × channels → a vector of channels; no parameters.</summary>
internal sealed record GlobalAveragePooling2DLayerPlan(
    int Index,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int ActivationOffset)
    : LayerPlan(Index, ActivationKind.Linear, Input, Output, WeightOffset, 0, 0, ActivationOffset)
{
    public override LayerType Type => LayerType.GlobalAveragePooling2D;
}
