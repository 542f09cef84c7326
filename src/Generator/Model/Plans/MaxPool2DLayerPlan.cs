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

    /// <summary>
    /// Whether the backward writes dZ of the previous layer, a ReLU Conv2D, instead of its dA: each routed value passes only
    /// where the input it goes to is positive, ReLU' read from A as that layer's own pass would (planner: <c>ActivationFusion</c>).
    /// </summary>
    public bool AppliesPreviousReLU { get; init; }
}
