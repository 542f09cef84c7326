namespace Dendrite.Generator.Model;

/// <summary>
/// Inverted dropout over every value of the layer's input, image or vector; no parameters. The planner fixes the two
/// numbers the generated code needs, computed in double once, here, so the code holds them as constants.
/// </summary>
/// <param name="Rate">The probability that a value is dropped while training, in [0, 1) (DN0060 otherwise).</param>
internal sealed record DropoutLayerPlan(
    int Index,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int ActivationOffset,
    double Rate)
    : LayerPlan(Index, ActivationKind.Linear, Input, Output, WeightOffset, 0, 0, ActivationOffset)
{
    public override LayerType Type => LayerType.Dropout;

    /// <summary>A value is kept when its 32-bit hash is at least round(rate · 2³²) (the runtime's DropoutMask.Threshold).</summary>
    public uint Threshold => Rate <= 0 ? 0u : (uint)System.Math.Min(System.Math.Round(Rate * 4294967296.0), uint.MaxValue);

    /// <summary>1 / (1 − rate), rounded once to float: the factor kept values are multiplied by.</summary>
    public float Scale => (float)(1.0 / (1.0 - Rate));
}
