namespace Dendrite.Generator.Model;

/// <summary>
/// One layer with every size, offset and name fixed: what all layer kinds share. Each kind adds its own record
/// (<see cref="DenseLayerPlan"/>, <see cref="Conv2DLayerPlan"/>, <see cref="MaxPool2DLayerPlan"/>,
/// <see cref="AveragePooling2DLayerPlan"/>, <see cref="GlobalAveragePooling2DLayerPlan"/>, <see cref="FlattenLayerPlan"/>) holding its geometry and the kernel choices the planner made for it, so an emitter
/// takes exactly the record of the kind it writes and never reads a field that another kind left at a default.
/// </summary>
/// <param name="Index">1-based position; the layer's maths uses it as the superscript [l].</param>
/// <param name="Activation">Activation g (Linear for layers that have none).</param>
/// <param name="Input">The shape read per sample (a Dense layer reads a flat vector, even straight after an image input).</param>
/// <param name="Output">The shape written per sample.</param>
/// <param name="WeightOffset">Offset of W in the parameter buffer (biases follow the weights).</param>
/// <param name="WeightCount">Number of weights.</param>
/// <param name="BiasCount">Number of biases.</param>
/// <param name="ActivationOffset">Offset of this layer's activations A in the per-sample workspace; ∂cost/∂A follows them.</param>
internal abstract record LayerPlan(
    int Index,
    ActivationKind Activation,
    Shape Input,
    Shape Output,
    int WeightOffset,
    int WeightCount,
    int BiasCount,
    int ActivationOffset)
{
    /// <summary>The layer kind, for the runtime's LayerKind and the generated names.</summary>
    public abstract LayerType Type { get; }

    /// <summary>"Dense1": the prefix of this layer's constants and methods.</summary>
    public string Name => Type + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Values read per sample.</summary>
    public int InputSize => Input.Size;

    /// <summary>Values produced per sample.</summary>
    public int OutputSize => Output.Size;

    /// <summary>Offset of b in the parameter buffer.</summary>
    public int BiasOffset => WeightOffset + WeightCount;

    /// <summary>Offset of ∂cost/∂A (then ∂cost/∂Z) in the per-sample workspace.</summary>
    public int GradientOffset => ActivationOffset + OutputSize;

    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>Inputs feeding one output (for weight initialisation).</summary>
    public virtual int FanIn => InputSize;

    /// <summary>Outputs one input feeds (Glorot's fan-out).</summary>
    public virtual int FanOut => OutputSize;

    /// <summary>LeakyReLU's negative slope (declared, or Keras' 0.2); 0 for every other activation.</summary>
    public float Slope { get; init; }

    /// <summary>
    /// Offset of this layer's pre-activation Z in the per-sample training workspace, for a hidden layer whose activation
    /// derivative reads Z (<see cref="ActivationTraits.DerivativeNeedsZ"/>); −1 otherwise (the output layer's Z is the logits).
    /// </summary>
    public int PreActivationOffset { get; init; } = -1;

    /// <summary>Whether the backward pass computes g' from Z (passed as <c>z</c>) rather than from A.</summary>
    public bool DerivativeNeedsZ => ActivationTraits.DerivativeNeedsZ(Activation);

    /// <summary>
    /// He initialisation suits ReLU and the rectifier-like activations (LeakyReLU, ELU, GELU, SiLU, softplus), which pass
    /// about half of a zero-mean input's variance; Glorot suits the symmetric and saturating ones.
    /// </summary>
    public bool UsesHeInitialization => Activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.ELU
        or ActivationKind.GELU or ActivationKind.GELUTanh or ActivationKind.SiLU or ActivationKind.Softplus;

    /// <summary>
    /// The L2 factor λ declared on this layer's weights (Dense and Conv2D: <c>L2 = …</c>); 0 when none, and for kinds
    /// without weights. Training adds λ·ΣW² to the cost and 2λ·W to ∂cost/∂W (TrainingEmitter).
    /// </summary>
    public virtual float WeightL2 => 0f;
}
