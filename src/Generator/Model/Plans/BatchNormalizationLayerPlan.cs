namespace Dendrite.Generator.Model;

/// <summary>
/// Batch normalisation of the layer before it, one statistic per channel (<paramref name="Channels"/>: a vector's
/// units, or an image's channels, shared by every pixel). γ sits where a layer's weights go and β where its biases go,
/// so the optimizer trains them like any parameter. The moving mean and variance are not trainable: they live after
/// the parameters in the network's array, at <paramref name="StateOffset"/> (relative to the end of the parameters:
/// means, then variances), beyond what <c>Parameters</c> (and so the optimizer) sees. The batch mean and 1/√(σ² + ε)
/// of the last training step (2 values per channel) are scratch at <paramref name="StatisticsOffset"/> (relative to the
/// end of all the non-trainable values). x̂ is kept per sample at <paramref name="NormalizedOffset"/> in the training
/// workspace, and for an image each sample's partial sums at <paramref name="PartialSumsOffset"/> (−1 for a vector: see
/// <see cref="HasPartialSums"/>).
/// </summary>
internal sealed record BatchNormalizationLayerPlan(
    int Index,
    ActivationKind Activation,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int ActivationOffset,
    int NormalizedOffset,
    int PartialSumsOffset,
    int Channels,
    int StateOffset,
    int StatisticsOffset)
    : LayerPlan(Index, Activation, Input, Output, WeightOffset, Channels, Channels, ActivationOffset)
{
    /// <summary>Keras' defaults: moving = moving·Momentum + batch·(1 − Momentum), and ε under the square root.</summary>
    public const float Momentum = 0.99f, Epsilon = 0.001f;

    public override LayerType Type => LayerType.BatchNormalization;

    /// <summary>Values of one channel per sample: 1 for a vector, height × width for an image.</summary>
    public int PixelsPerChannel => OutputSize / Channels;

    /// <summary>
    /// Whether a training step first sums each sample's pixels per channel, into 2 × C partial sums per sample in the
    /// workspace (Σ x, then Σ (x − μ_B)²; backward Σ dZ and Σ dZ·x̂), so that its passes over the batch only add the
    /// samples' partial sums: a channel with several values per sample. A vector's channel has one value per sample,
    /// which the pass over the batch adds directly.
    /// </summary>
    public bool HasPartialSums => PartialSumsOffset >= 0;

    /// <summary>
    /// Values per period of the inference scale and shift (s and t repeated channel after channel): the least common
    /// multiple of <see cref="Channels"/> and the widest vector the pass may run (<see cref="Planning.VectorWidthPlanner.WideLanes"/>, 16 floats), a whole number of rows that every
    /// vector width up to 16 floats divides, so each vector of the pass meets the same lanes of s and t wherever it
    /// starts. When that multiple would pass <see cref="MaximumScaleShiftPeriod"/> (many channels, not a multiple of 16)
    /// one row: its vectors, then a scalar tail per row.
    /// </summary>
    public int ScaleShiftPeriod
    {
        get
        {
            const int Widest = Planning.VectorWidthPlanner.WideLanes;
            long multiple = (long)Channels / GreatestCommonDivisor(Channels, Widest) * Widest;
            return multiple <= MaximumScaleShiftPeriod ? (int)multiple : Channels;
        }
    }

    /// <summary>The longest period kept (a thread's buffer holds two: 32 KB).</summary>
    public const int MaximumScaleShiftPeriod = 4096;

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);

    /// <summary>Moving mean and moving variance: 2 non-trainable values per channel.</summary>
    public int NonTrainableCount => 2 * Channels;

    /// <summary>
    /// Whether batch inference folds this normalisation into the weights of the layer before it (W' = s·W,
    /// b' = s·(b − moving μ) + β): the planner sets it when that layer (Dense or Conv2D) is linear, so nothing stands
    /// between its Z and the normalisation. After a non-linear layer the normalisation stays an in-place scale and
    /// shift of that layer's output.
    /// </summary>
    public bool FoldsIntoPrevious { get; init; }
}
