using System.Linq;

namespace Dendrite.Generator.Model;

/// <summary>How the output layer and the loss meet in the backward pass.</summary>
internal enum OutputGradient
{
    /// <summary>The loss gives ∂loss/∂a; the output layer's activation derivative turns it into ∂loss/∂z.</summary>
    ThroughActivation,

    /// <summary>The loss is computed from the logits z and gives ∂loss/∂z directly (softmax or sigmoid fused into the loss).</summary>
    FusedWithLoss,
}

/// <summary>
/// The plan stage's output: every shape, the flat parameter layout with named offsets, the workspace layout, the loss
/// wiring and each layer's kernel choices. Emit reads only this. <paramref name="HiddenValues"/> is the sum of every
/// hidden layer's outputs (the inference scratch holds that many values per sample). <paramref name="InferenceChunk"/>:
/// samples per forward call of batched inference, which bounds that scratch; 0 when there is no hidden layer (and so no
/// scratch), and a batch goes through in one call. <paramref name="SampleShardBlock"/>:
/// a training step's first phase splits the batch across threads at multiples of this many samples, so every shard
/// runs whole kernel blocks. <paramref name="Spec"/> is
/// location-free, so moving the declaration in its file leaves the plan, and the generated code, unchanged.
/// </summary>
internal sealed record NetworkPlan(
    NetworkSpec Spec,
    EquatableArray<LayerPlan> Layers,
    int ParameterCount,
    int LogitsOffset,
    int WorkspacePerSample,
    OutputGradient OutputGradient,
    int HiddenValues,
    int InferenceChunk,
    int SampleShardBlock)
{
    public LayerPlan Output => Layers[Layers.Count - 1];

    /// <summary>Non-trainable values (every BatchNormalization layer's moving mean and variance), kept after the parameters.</summary>
    public int NonTrainableCount => Layers.OfType<BatchNormalizationLayerPlan>().Sum(layer => layer.NonTrainableCount);

    /// <summary>Scratch after the non-trainable values: μ_B and 1/√(σ²_B + ε), 2 per BatchNormalization channel (see <see cref="BatchNormalizationLayerPlan"/>).</summary>
    public int BatchStatisticsSize => NonTrainableCount;

    /// <summary>
    /// BatchNormalization couples the samples of a batch (its statistics are over all of them), so a training step's
    /// first phase runs in parts: by samples, and on one thread for the sums over the batch
    /// (<c>Planning/TrainingPartPlanner</c>); the second phase is still split by units.
    /// </summary>
    public bool HasBatchNormalization => Layers.OfType<BatchNormalizationLayerPlan>().Any();

    /// <summary>
    /// The first layer when a threaded training step computes its forward pass by units, in a phase of its own before the
    /// per-sample phase (<see cref="DenseLayerPlan.SplitsForwardByUnits"/>, set by <c>Planning/FirstLayerUnitSplit</c>); otherwise null.
    /// </summary>
    public DenseLayerPlan? FirstLayerByUnits => Layers[0] is DenseLayerPlan { SplitsForwardByUnits: true } first ? first : null;

    /// <summary>
    /// The fewest weights in a first layer that <c>Predict(input, output, maxThreads)</c> splits between two threads: the
    /// runtime's <c>FirstLayerSharing.MinimumWeights</c>, which says why (a test keeps the two equal).
    /// </summary>
    public const int MinimumSharedFirstLayerWeights = 65_536;

    /// <summary>
    /// The first layer when <c>Predict(input, output, maxThreads)</c> may compute it in two parts, one on a helper thread
    /// (<c>FirstLayerSharing</c>): a layer a threaded training step already splits by units, so its unit-range driver
    /// exists and computes any range with the values of the whole layer, with at least
    /// <see cref="MinimumSharedFirstLayerWeights"/> weights; otherwise null.
    /// </summary>
    public DenseLayerPlan? FirstLayerSharedInPredict => Layers[0] is DenseLayerPlan first && IsSharedInPredict(first) ? first : null;

    /// <summary>Whether <paramref name="first"/>, the first layer, is one <see cref="FirstLayerSharedInPredict"/> names (the planner asks before the plan exists).</summary>
    public static bool IsSharedInPredict(DenseLayerPlan first) =>
        first.SplitsForwardByUnits && (long)first.InputSize * first.Units >= MinimumSharedFirstLayerWeights;

    /// <summary>
    /// The fewest weights in a second layer that <c>Predict(input, output, maxThreads)</c> splits as well: the runtime's
    /// <c>FirstLayerSharing.MinimumSecondLayerWeights</c>, which says why (a test keeps the two equal).
    /// </summary>
    public const int MinimumSharedSecondLayerWeights = 32_768;

    /// <summary>
    /// The second layer when <c>Predict(input, output, maxThreads)</c> computes it in two parts as well as the first
    /// (<see cref="DenseLayerPlan.SplitsPredictByUnits"/>, set by <c>Planning/SecondLayerPredictSplit</c>); otherwise null.
    /// </summary>
    public DenseLayerPlan? SecondLayerSharedInPredict => Layers.Count > 2 && Layers[1] is DenseLayerPlan { SplitsPredictByUnits: true } second ? second : null;

    /// <summary>
    /// Length of the folded copy of the parameters batch inference uses (0 when no BatchNormalization folds): up to the
    /// end of the biases of the last layer a normalisation folds into; only those layers' values are written in it.
    /// </summary>
    public int FoldedParameterLength => Layers.OfType<BatchNormalizationLayerPlan>().Where(norm => norm.FoldsIntoPrevious)
        .Select(norm => Previous(norm)).Select(layer => layer.BiasOffset + layer.BiasCount).DefaultIfEmpty(0).Max();

    /// <summary>The layer before <paramref name="layer"/> (layer indices start at 1).</summary>
    public LayerPlan Previous(LayerPlan layer) => Layers[layer.Index - 2];

    /// <summary>Values per input sample, from the geometry (the first layer reads all of them).</summary>
    public int InputSize => Layers[0].InputSize;

    public int OutputSize => Output.OutputSize;

    public bool UsesLabels => Spec.Loss == LossKind.SparseCategoricalCrossentropy;

    public bool IsClassifier => Spec.Loss != LossKind.MeanSquaredError;

    /// <summary>Whether any layer is a Dropout: the network then keeps a dropout stream and counts its training steps.</summary>
    public bool HasDropout
    {
        get
        {
            foreach (LayerPlan layer in Layers)
            {
                if (layer is DropoutLayerPlan)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// PredictBatch splits a batch across threads at multiples of this many samples: whole inference chunks, or, with
    /// no hidden layer (the batch goes through Forward in one call), whole kernel blocks. Either way every sample is
    /// computed by the same code whatever the thread count.
    /// </summary>
    public int InferenceShardBlock => InferenceChunk > 0 ? InferenceChunk : SampleShardBlock;

    /// <summary>
    /// Whether <paramref name="layer"/>'s backward pass through the samples has nothing to do, so none is generated:
    /// a Dense layer that is both the first (no dA_prev to pass back) and the output fused with the loss (dZ is
    /// written by the loss), as in a logistic regression. Its dW and db are still computed.
    /// </summary>
    public bool HasEmptyBackward(LayerPlan layer) =>
        layer is DenseLayerPlan && layer.Index == 1 && Layers.Count == 1 && OutputGradient == OutputGradient.FusedWithLoss;
}
