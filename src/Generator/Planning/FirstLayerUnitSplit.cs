using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Chooses where a multi-threaded training step computes the first layer's forward pass: by units, each thread every
/// sample of its share of the units, in a phase of its own before the per-sample phase.
/// </summary>
/// <remarks>
/// <para>
/// Why: with the batch split by samples, both threads read every row of W[1] in the forward pass, and a thread then
/// writes half of those rows in the optimizer's update. Every line it writes must first be taken from the other core's
/// cache, and two threads' update halves took 174–184 µs each on workload B (784-256-128-10) against 104–122 µs for the
/// whole update on one thread (bench/README.md, "Where a training step's time goes"). Split by units, a thread reads only
/// the rows of W[1] it also differentiates (the weight-gradient phase splits by units at the same boundaries) and
/// updates (the runtime's ParameterPartition gives each thread's share of the update the same units). The first layer
/// is the one that pays: it reads the widest input, so it usually holds most of the weights (85 % of B's), and it
/// passes no gradient back, so no other pass reads its weights. Later layers stay in the per-sample phase: their
/// backward pass, dA_prev = dZ·W, reads every row of W whichever way the work is split. With it, B's update halves
/// took 57–60 and 100–102 µs (the second half then held the layers both threads read; bench/README.md).
/// </para>
/// <para>
/// Results do not change: every value of Z is summed in the same order by every kernel block shape
/// (BlockShapeEquivalenceTests), so which thread computes a unit, and in which block, never shows
/// (FirstLayerUnitSplitTests).
/// </para>
/// <para>
/// Where it applies (FirstLayerUnitSplitCodeTests): the first layer is Dense but not the output (whose Z the fused loss
/// reads sample by sample), and it has at least two weight-gradient blocks of units to share. Its activation is then
/// element-wise: softmax, which couples a sample's units, is refused on a hidden layer (DN0005), and the test below keeps
/// the unit-range driver from ever meeting it. A BatchNormalization after it changes nothing: phase 0 runs before phase
/// 1's parts (<see cref="TrainingPartPlanner"/>), and its statistics read layer 1's output only once phase 0 has written it.
/// </para>
/// </remarks>
internal static class FirstLayerUnitSplit
{
    public static List<LayerPlan> Apply(List<LayerPlan> layers)
    {
        if (layers.Count > 1
            && layers[0] is DenseLayerPlan first
            && first.Activation != ActivationKind.Softmax
            && first.Units >= 2 * first.Kernels.UnitBlock)
        {
            layers[0] = first with { SplitsForwardByUnits = true };
        }

        return layers;
    }
}
