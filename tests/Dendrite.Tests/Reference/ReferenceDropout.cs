namespace Dendrite.Tests.Reference;

/// <summary>
/// One training step's dropout masks for <see cref="ReferenceNetwork"/>: value j of sample s in dropout layer l is kept
/// when <see cref="DropoutMask.Keeps"/> says so for the step's key, and kept values are scaled by 1 / (1 − rate) in
/// double. The mask is the definition of which values a step drops (the runtime's counter-based hash, read here one
/// value at a time through its scalar form); the maths around it, forward and backward, is the reference's own.
/// </summary>
/// <param name="StepKey">The step's key: <c>DropoutMask.StepKey(DropoutMask.StreamSeed(seed), step)</c>.</param>
internal sealed record ReferenceDropout(ulong StepKey)
{
    /// <summary>The masks a network constructed with <paramref name="seed"/> uses at training step <paramref name="step"/>.</summary>
    public static ReferenceDropout ForStep(int seed, long step) => new(DropoutMask.StepKey(DropoutMask.StreamSeed(seed), step));

    /// <summary>Whether value <paramref name="index"/> of sample <paramref name="sample"/> is kept in layer <paramref name="layerIndex"/> (1-based).</summary>
    public bool Keeps(LayerInfo layer, int layerIndex, int sample, int index) =>
        DropoutMask.Keeps(DropoutMask.SampleKey(StepKey, layerIndex, sample), index, DropoutMask.Threshold(layer.Rate));

    /// <summary>values ⊙ M / (1 − rate): the forward pass on activations, and the backward pass on gradients.</summary>
    public double[] Apply(LayerInfo layer, int layerIndex, int sample, double[] values)
    {
        double scale = 1 / (1 - layer.Rate);
        var result = new double[values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            result[j] = Keeps(layer, layerIndex, sample, j) ? values[j] * scale : 0;
        }

        return result;
    }
}
