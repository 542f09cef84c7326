using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Chooses whether <c>Predict(input, output, maxThreads)</c> splits the second layer between the two threads as well as
/// the first (<c>FirstLayerSharing</c>, the runtime's two-layer Run): each thread then computes half of layer 2's units
/// from all of layer 1's outputs, once both halves of those are written.
/// </summary>
/// <remarks>
/// <para>
/// Why: one sample's time is the time to read the weights. With layer 1 alone shared, the calling thread read all of
/// layer 2's after the two threads met (784-256-128-10: 128 KB, 1.2 µs of 6.2); shared, each reads half, for one more
/// meeting of the threads (bench/README.md, "One sample on two cores").
/// </para>
/// <para>
/// Where it applies (PredictSharingCodeTests): the first layer is shared (<see cref="NetworkPlan.FirstLayerSharedInPredict"/>),
/// and the layer right after it is a hidden Dense layer of at least <see cref="NetworkPlan.MinimumSharedSecondLayerWeights"/>
/// weights. A hidden layer's activation is element-wise (softmax is refused there, DN0005), so any range of its units
/// has the values of the whole layer. A BatchNormalization or Dropout between the two keeps layer 2 whole: the
/// normalisation would need both halves of layer 1 first, and a layer after the output has nothing to share. Results do
/// not change: every block shape sums each unit in the same order (BlockShapeEquivalenceTests, PredictSharingTests).
/// </para>
/// </remarks>
internal static class SecondLayerPredictSplit
{
    public static List<LayerPlan> Apply(List<LayerPlan> layers)
    {
        if (layers.Count > 2
            && layers[0] is DenseLayerPlan first
            && NetworkPlan.IsSharedInPredict(first)
            && layers[1] is DenseLayerPlan second
            && (long)second.InputSize * second.Units >= NetworkPlan.MinimumSharedSecondLayerWeights)
        {
            layers[1] = second with { SplitsPredictByUnits = true };
        }

        return layers;
    }
}
