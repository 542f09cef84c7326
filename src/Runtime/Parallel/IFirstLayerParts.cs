using System;

namespace Dendrite;

/// <summary>
/// The first layer of one sample's forward pass in two parts, so that <see cref="FirstLayerSharing"/> can hand one part
/// to a helper thread: a generated network's <c>Predict(input, output, maxThreads)</c>. Implemented by generated types.
/// </summary>
public interface IFirstLayerParts
{
    /// <summary>
    /// Computes part <paramref name="part"/> (0 or 1) of the first layer's outputs for one sample: the two parts write
    /// disjoint values of <paramref name="activations"/> and together all of them, the same bits as the whole layer.
    /// May run on another thread than the caller's; must keep no per-call state in shared fields.
    /// </summary>
    /// <param name="input">The sample: the network's input values.</param>
    /// <param name="activations">The first layer's outputs for the sample, of which this part's are written.</param>
    /// <param name="part">0 or 1.</param>
    void ForwardFirstLayerPart(ReadOnlySpan<float> input, Span<float> activations, int part);
}
