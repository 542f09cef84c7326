namespace Dendrite.Generator.Model;

/// <summary>
/// Reads an image's values in their row-major, channels-last order as one vector. The data do not move: the layer is a
/// copy forward and a copy backward, and it exists so that a Dense layer after an image says how it reads it.
/// </summary>
internal sealed record FlattenLayerPlan(
    int Index,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int ActivationOffset)
    : LayerPlan(Index, ActivationKind.Linear, Input, Output, WeightOffset, 0, 0, ActivationOffset)
{
    public override LayerType Type => LayerType.Flatten;
}
