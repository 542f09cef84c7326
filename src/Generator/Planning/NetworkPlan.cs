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
/// <param name="InputShape">Image layers: the height × width × channels read (null for Dense, which reads InputSize values).</param>
/// <param name="OutputShape">Image layers: the height × width × channels produced.</param>
/// <param name="KernelSize">Conv2D kernel side or MaxPool2D pool side; 0 for other layers.</param>
/// <param name="Stride">Window step (pooling's default already resolved to the pool size); 0 for other layers.</param>
/// <param name="Padding">Window padding.</param>
/// <param name="PadTop">Zero rows before the input (Same padding).</param>
/// <param name="PadLeft">Zero columns before the input (Same padding).</param>
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
    int GradientOffset,
    Shape? InputShape = null,
    Shape? OutputShape = null,
    int KernelSize = 0,
    int Stride = 0,
    PaddingKind Padding = PaddingKind.Valid,
    int PadTop = 0,
    int PadLeft = 0)
{
    /// <summary>"Dense1": the prefix of this layer's constants and methods.</summary>
    public string Name => Type + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>Inputs feeding one output (for weight initialisation): the inputs of a Dense unit, kh·kw·c_in for a filter.</summary>
    public int FanIn => Type == LayerType.Conv2D ? KernelSize * KernelSize * InputShape!.Channels : InputSize;

    /// <summary>Outputs one input feeds (Glorot's fan-out): a Dense layer's units, kh·kw·filters for a convolution (as Keras).</summary>
    public int FanOut => Type == LayerType.Conv2D ? KernelSize * KernelSize * OutputShape!.Channels : OutputSize;

    /// <summary>He initialisation suits ReLU; Glorot suits the symmetric and saturating activations.</summary>
    public bool UsesHeInitialization => Activation == ActivationKind.ReLU;
}

/// <summary>
/// The plan stage's output: every shape, the flat parameter layout with named offsets, the workspace layout
/// and the loss wiring. Emit reads only this. <paramref name="HiddenValues"/> is the sum of every hidden layer's
/// outputs (the inference scratch holds that many values per sample).
/// </summary>
internal sealed record NetworkPlan(
    NetworkSpec Spec,
    EquatableArray<LayerPlan> Layers,
    int ParameterCount,
    int LogitsOffset,
    int WorkspacePerSample,
    int WidestLayer,
    OutputGradient OutputGradient,
    int HiddenValues)
{
    public LayerPlan Output => Layers[Layers.Count - 1];

    /// <summary>Values per input sample, from the geometry (the first layer reads all of them).</summary>
    public int InputSize => Layers[0].InputSize;

    public int OutputSize => Output.OutputSize;

    public bool UsesLabels => Spec.Loss == LossKind.SparseCategoricalCrossentropy;

    public bool IsClassifier => Spec.Loss != LossKind.MeanSquaredError;
}
