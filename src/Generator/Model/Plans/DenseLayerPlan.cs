namespace Dendrite.Generator.Model;

/// <summary>
/// A fully connected layer: Z = A_prev·Wᵀ + b with W of units × inputs, row-major, and the kernel shapes the
/// planner chose for its sizes (<paramref name="Kernels"/>).
/// </summary>
internal sealed record DenseLayerPlan(
    int Index,
    ActivationKind Activation,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int WeightCount,
    int BiasCount,
    int ActivationOffset,
    DenseKernels Kernels,
    float L2 = 0f)
    : LayerPlan(Index, Activation, Input, Output, WeightOffset, WeightCount, BiasCount, ActivationOffset)
{
    public override LayerType Type => LayerType.Dense;

    /// <summary>Units (outputs per sample).</summary>
    public int Units => OutputSize;

    /// <inheritdoc/>
    public override float WeightL2 => L2;

    /// <summary>
    /// Whether a multi-threaded training step computes this layer's forward pass by units (each thread every sample of its
    /// share of the units) before the per-sample phase, rather than by samples inside it; set for the first layer by
    /// <c>Planning/FirstLayerUnitSplit</c>.
    /// </summary>
    public bool SplitsForwardByUnits { get; init; }

    /// <summary>
    /// Whether <c>Predict(input, output, maxThreads)</c> computes this layer, the second, in two ranges of units on two
    /// threads; set by <c>Planning/SecondLayerPredictSplit</c>.
    /// </summary>
    public bool SplitsPredictByUnits { get; init; }

    /// <summary>Whether the layer has a forward driver over a range of units (and so the kernels it calls).</summary>
    public bool HasUnitRangeForward => SplitsForwardByUnits || SplitsPredictByUnits;
}
