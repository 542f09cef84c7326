using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>How the output layer and the loss meet in the backward pass.</summary>
internal enum OutputGradient
{
    /// <summary>The loss gives ∂loss/∂a; the output layer's activation derivative turns it into ∂loss/∂z.</summary>
    ThroughActivation,

    /// <summary>The loss is computed from the logits z and gives ∂loss/∂z directly (softmax or sigmoid fused into the loss).</summary>
    FusedWithLoss,
}

/// <summary>One layer with every size, offset and name fixed.</summary>
/// <param name="Index">1-based position; the layer's maths uses it as the superscript [l].</param>
/// <param name="Type">Layer kind.</param>
/// <param name="Activation">Activation g.</param>
/// <param name="InputSize">Values read per sample.</param>
/// <param name="OutputSize">Values produced per sample.</param>
/// <param name="WeightOffset">Offset of W in the parameter buffer.</param>
/// <param name="WeightCount">Number of weights.</param>
/// <param name="BiasOffset">Offset of b in the parameter buffer.</param>
/// <param name="BiasCount">Number of biases.</param>
/// <param name="ActivationOffset">Offset of this layer's activations A in the per-sample workspace.</param>
/// <param name="GradientOffset">Offset of ∂cost/∂A (then ∂cost/∂Z) in the per-sample workspace.</param>
internal sealed record LayerPlan(
    int Index,
    LayerType Type,
    ActivationKind Activation,
    int InputSize,
    int OutputSize,
    int WeightOffset,
    int WeightCount,
    int BiasOffset,
    int BiasCount,
    int ActivationOffset,
    int GradientOffset)
{
    /// <summary>"Dense1": the prefix of this layer's constants and methods.</summary>
    public string Name => Type + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>He initialisation suits ReLU; Glorot suits the symmetric and saturating activations.</summary>
    public bool UsesHeInitialization => Activation == ActivationKind.ReLU;
}

/// <summary>
/// The plan stage's output: every shape, the flat parameter layout with named offsets, the workspace layout
/// and the loss wiring. Emit reads only this.
/// </summary>
internal sealed record NetworkPlan(
    NetworkSpec Spec,
    EquatableArray<LayerPlan> Layers,
    int ParameterCount,
    int LogitsOffset,
    int WorkspacePerSample,
    int WidestLayer,
    OutputGradient OutputGradient)
{
    public LayerPlan Output => Layers[Layers.Count - 1];

    public int InputSize => Spec.Input.Size;

    public int OutputSize => Output.OutputSize;

    public bool UsesLabels => Spec.Loss == LossKind.SparseCategoricalCrossentropy;

    public bool IsClassifier => Spec.Loss != LossKind.MeanSquaredError;
}
