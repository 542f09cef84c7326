using System;

namespace Dendrite;

/// <summary>
/// The first two layers of one sample's forward pass, each in two parts, so that <see cref="FirstLayerSharing"/> can
/// hand one part of each to a helper thread: a generated network's <c>Predict(input, output, maxThreads)</c> when its
/// second layer is also large enough (<see cref="FirstLayerSharing.MinimumSecondLayerWeights"/>). Implemented by
/// generated types.
/// </summary>
public interface IFirstTwoLayerParts : IFirstLayerParts
{
    /// <summary>
    /// Computes part <paramref name="part"/> (0 or 1) of the second layer's outputs for one sample, from all of the first
    /// layer's: the two parts write disjoint values of <paramref name="activations"/> and together all of them, the same
    /// bits as the whole layer. May run on another thread than the caller's; must keep no per-call state in shared fields.
    /// </summary>
    /// <param name="firstLayerActivations">The first layer's outputs for the sample, both parts written.</param>
    /// <param name="activations">The second layer's outputs for the sample, of which this part's are written.</param>
    /// <param name="part">0 or 1.</param>
    void ForwardSecondLayerPart(ReadOnlySpan<float> firstLayerActivations, Span<float> activations, int part);
}
