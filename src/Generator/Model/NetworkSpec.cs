namespace Dendrite.Generator.Model;

/// <summary>
/// One layer exactly as declared (sizes not yet checked against each other). <paramref name="Slope"/> is LeakyReLU's
/// negative slope (the declared one, or Keras' 0.2), and 0 for every other activation.
/// </summary>
internal sealed record LayerSpec(
    LayerType Type,
    int Units,
    ActivationKind Activation,
    LocationInfo? Location,
    int KernelSize = 0,
    int Stride = 0,
    PaddingKind Padding = PaddingKind.Valid,
    double Rate = 0,
    float Slope = 0f,
    float L2 = 0f)
{
    /// <summary>"layer 2, Dense(10, ReLU)": how diagnostics name the layer at 0-based <paramref name="index"/>.</summary>
    public string Describe(int index) => Type switch
    {
        LayerType.Dense => "layer " + (index + 1) + ", Dense(" + Units + ", " + Activation + ")",
        LayerType.Conv2D => "layer " + (index + 1) + ", Conv2D(" + Units + ", kernel: " + KernelSize + ", " + Activation + ")",
        LayerType.MaxPool2D or LayerType.AveragePooling2D => "layer " + (index + 1) + ", " + Type + "(" + KernelSize + ")",
        LayerType.Dropout => "layer " + (index + 1) + ", Dropout(" + Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")",
        LayerType.BatchNormalization => "layer " + (index + 1) + ", BatchNormalization(" + Activation + ")",
        _ => "layer " + (index + 1) + ", " + Type,
    };
}

/// <summary>A type that contains the network class (for nested declarations), outermost first.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>The input shape as declared.</summary>
internal sealed record InputSpec(int Height, int Width, int Channels, bool IsImage, LocationInfo? Location)
{
    /// <summary>Values per sample, in int: only for a validated spec (the plan reads the 64-bit geometry instead).</summary>
    public int Size => Height * Width * Channels;

    /// <summary>The shape the first layer reads: an image for [Input(h, w, c)], a vector for [Input(n)].</summary>
    public Shape Shape => IsImage ? Shape.Image(Height, Width, Channels) : Shape.Flat(Size);
}

/// <summary>
/// Everything the generator needs about one [Network] class, as plain equatable data: the parse stage's
/// output and the plan stage's input. Holds no Roslyn symbols or syntax.
/// </summary>
internal sealed record NetworkSpec(
    string? Namespace,
    string ClassName,
    EquatableArray<ContainingType> ContainingTypes,
    LossKind Loss,
    bool FromLogits,
    InputSpec Input,
    EquatableArray<LayerSpec> Layers,
    string? WeightsFile,
    LocationInfo? Location,
    string? OnnxFile = null)
{
    /// <summary>Fully qualified name without "global::", for messages and hint names.</summary>
    public string FullName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace is not null)
            {
                parts.Add(Namespace);
            }

            foreach (ContainingType type in ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(ClassName);
            return string.Join(".", parts);
        }
    }

    /// <summary>
    /// The exact metadata name ("N.Outer+Net"): unique among the types of a compilation, and the key hint names are
    /// made from (<see cref="Emitting.CodeWriter.HintName"/>). Nested types are joined with '+', so a namespace N.Outer
    /// holding Net and a class N.Outer holding Net never share it.
    /// </summary>
    public string MetadataName => TypeNames.Metadata(Namespace, ContainingTypes, ClassName);
}

/// <summary>
/// The parse stage's result: a spec when the declaration is valid enough to generate, and diagnostics. When it is not
/// but the class can still take a generated part, <paramref name="Surface"/> describes the throwing stand-in members
/// that keep the user's call sites compiling.
/// </summary>
/// <remarks><paramref name="Plan"/> is set exactly when <paramref name="Spec"/> is: the location-free plan, built once from the
/// shape walk the validator accepted.</remarks>
/// <remarks><paramref name="Onnx"/> is set instead for a clean [Network(Onnx = ...)] declaration, whose spec comes from the file.</remarks>
internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, NetworkSurface? Surface = null, NetworkPlan? Plan = null, Onnx.OnnxRequest? Onnx = null);
