using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Each ID has a section in docs/diagnostics.md with a wrong and a
/// right declaration; messages name the layer and the expected vs found value.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Dendrite";
    private const string HelpBase = "https://github.com/dendrite-nn/dendrite/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "DN0001",
        "Network class must be partial",
        "'{0}' must be declared partial so Dendrite can add the generated network code to it (expected 'partial class {0}', found '{1}')");

    public static readonly DiagnosticDescriptor MissingInput = Error(
        "DN0002",
        "Network has no [Input]",
        "Network '{0}' has no [Input] attribute: expected one [Input(size)] declaring the values per sample, found none");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "DN0003",
        "Network has no layers",
        "Network '{0}' has no layers: expected at least one layer attribute such as [Dense(10, Activation.Linear)] after [Input], found none");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        "DN0004",
        "Size must be positive",
        "{0}: expected {1} to be a positive integer, found {2}");

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Error(
        "DN0005",
        "Softmax on a hidden layer",
        "Hidden {0} uses Activation.Softmax: expected softmax only on the output layer (use ReLU for hidden layers), found it on layer {1} of {2}");

    public static readonly DiagnosticDescriptor ActivationAppliedTwice = Error(
        "DN0006",
        "Output activation applied twice",
        "{0} applies Activation.{1} and the loss has FromLogits = true, so {1} would be applied twice: expected Activation.Linear on the output layer with FromLogits = true, or FromLogits = false with Activation.{1}");

    public static readonly DiagnosticDescriptor LinearOutputWithoutLogits = Error(
        "DN0007",
        "Linear output with a probability loss",
        "{0} is linear but {1} has FromLogits = false, so the loss would take the log of unbounded scores and training will not converge: expected FromLogits = true (the numerically stable form), found FromLogits = false");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "DN0008",
        "Loss does not fit the output layer",
        "{0} does not fit {1}: expected {2}, found {3}");

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error(
        "DN0009",
        "Unsupported network declaration",
        "'{0}' cannot be a network: expected {1}, found {2}");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "DN0010",
        "Undefined enum value",
        "{0}: expected a defined {1} value ({2}), found {3}");

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(
        "DN0011",
        "Layers declared on several partial declarations",
        "'{0}' has layer attributes on more than one partial declaration, so their order is undefined: expected [Input] and every layer attribute on the declaration that carries [Network], found {1} on another declaration");

    public static readonly DiagnosticDescriptor FromLogitsWithoutCrossEntropy = Error(
        "DN0012",
        "FromLogits needs a cross-entropy loss",
        "Network '{0}' sets FromLogits = true with Loss.{1}: expected a cross-entropy loss (FromLogits only says the loss applies sigmoid or softmax itself), found Loss.{1}");

    // ── Sizes that overflow the generated int constants and arrays ──
    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "DN0013",
        "Network too large",
        "Network '{0}' is too large at {1}: expected at most {2} {3}, found {4}");

    // ── Attributes that do not match, or say something the generator would otherwise ignore (DN0014–DN0019) ──

    public static readonly DiagnosticDescriptor AttributeSignatureMismatch = Error(
        "DN0014",
        "Attribute does not match Dendrite's",
        "[{0}] on '{1}' does not match Dendrite's {0}Attribute: expected {2}, found {3}");

    public static readonly DiagnosticDescriptor LayerBeforeInput = Error(
        "DN0015",
        "Layer declared before [Input]",
        "'{0}' declares the layer {1} before {2}: expected [Input] first and then the layers in order (layer order is attribute order), found {1} before it");

    public static readonly DiagnosticDescriptor DuplicateAttribute = Error(
        "DN0016",
        "Attribute declared more than once",
        "'{0}' has more than one {1}: expected exactly one, found {2}");

    public static readonly DiagnosticDescriptor InvalidWeightsName = Error(
        "DN0017",
        "Weights does not name a file",
        "Network '{0}' sets Weights to something that cannot name an AdditionalFiles item: expected a file name or relative path valid on every OS (or no Weights for no compiled-in weights), found {1}");

    public static readonly DiagnosticDescriptor TooManyLayers = Error(
        "DN0018",
        "Too many layers",
        "Network '{0}' has too many layers: expected at most {1} layers (generated code grows with every layer), found {2}");

    public static readonly DiagnosticDescriptor LayersWithoutNetwork = Error(
        "DN0019",
        "Layer attributes without [Network]",
        "'{0}' has {1} but no [Network], so nothing is generated for it: expected [Network] on the class (or no Dendrite layer attributes), found {1} without it");

    // ── Compiled-in weights (DN0020–DN0029) ──

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "DN0020",
        "Weights file not found",
        "Network '{0}' names the weights file '{1}', but no AdditionalFiles item has that name: expected <AdditionalFiles Include=\"{1}\" /> in the project file, found {2}");

    public static readonly DiagnosticDescriptor WeightsArchitectureMismatch = Error(
        "DN0021",
        "Weights file has another architecture",
        "The weights file '{0}' does not fit network '{1}': {2}");

    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
        "DN0022",
        "Weights file is not valid",
        "The weights file '{0}' named by network '{1}' cannot be compiled in: {2}");

    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "DN0023",
        "Weights file name is ambiguous",
        "Network '{0}' names the weights file '{1}', which matches several AdditionalFiles items: expected exactly one, found {2}");

    // ───── Image layers (Conv2D, MaxPool2D, AveragePooling2D, GlobalAveragePooling2D, Flatten): DN0030–DN0039 ─────

    public static readonly DiagnosticDescriptor WindowLargerThanInput = Error(
        "DN0030",
        "Window larger than its input",
        "{0} has a {1}×{1} window but its input is {2}: with Padding.Valid the output would be empty (zero-sized); expected a window no larger than {3}×{3} or Padding.Same, found {1}×{1}");

    public static readonly DiagnosticDescriptor DenseAfterSpatialWithoutFlatten = Error(
        "DN0031",
        "Dense after an image layer needs [Flatten]",
        "{0} follows {1}, which produces a {2} image: expected [Flatten] (or [GlobalAveragePooling2D]) between them (a Dense layer reads a flat vector), found {0} directly after it");

    public static readonly DiagnosticDescriptor SpatialLayerAfterFlat = Error(
        "DN0032",
        "Image layer after a flat one",
        "{0} reads an image: expected its input to be height × width × channels ([Input(height, width, channels)] or a Conv2D or window pooling layer), found {1}");

    public static readonly DiagnosticDescriptor OutputLayerNotDense = Error(
        "DN0033",
        "The output layer must be Dense",
        "The output layer ({0}) must be a Dense layer so the loss sees one vector per sample: expected [Flatten] and a [Dense(outputs)] layer at the end, found {0}");

    // ───── BatchNormalization: DN0065–DN0069 ─────

    public static readonly DiagnosticDescriptor BatchNormalizationWithoutLayer = Error(
        "DN0065",
        "BatchNormalization must follow Dense or Conv2D",
        "{0} normalises the outputs of the layer before it: expected it directly after a [Dense] or [Conv2D] layer, found it after {1}");

    public static readonly DiagnosticDescriptor BatchNormalizationAsOutput = Error(
        "DN0066",
        "BatchNormalization cannot be the output layer",
        "The output layer ({0}) must be a Dense layer so the loss sees the network's own outputs: expected BatchNormalization on a hidden layer followed by a [Dense(outputs)] output layer, found {0} last");

    public static readonly DiagnosticDescriptor BatchNormalizationActivationNeedsZ = Error(
        "DN0067",
        "BatchNormalization's activation needs Z",
        "{0}: expected an activation whose derivative reads its output (Linear, ReLU, LeakyReLU, ELU, Sigmoid or Tanh), found {1}");

    // ───── Declarations the generated code could not compile beside: DN0040–DN0044 ─────

    public static readonly DiagnosticDescriptor ClassNameIsGeneratedMember = Error(
        "DN0040",
        "Network class named like a generated member",
        "The network class '{0}' has the name of a member Dendrite generates in it, and a member cannot have the name of its class (CS0542): expected a class name other than {1}, found '{0}'");

    public static readonly DiagnosticDescriptor MemberCollidesWithGenerated = Error(
        "DN0041",
        "Member named like a generated member",
        "Network '{0}' {1} '{2}', a name Dendrite generates in the network class: expected no member named '{2}' (rename it; the generated names are {3}), found {4}");

    public static readonly DiagnosticDescriptor PrimaryConstructor = Error(
        "DN0042",
        "Network class has a primary constructor",
        "Network '{0}' has the primary constructor parameters '{1}', which the generated constructors could not chain to (CS8862): expected 'partial class {0}' without a parameter list (remove it; keep state in fields), found 'partial class {0}{1}'");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "DN0043",
        "C# version too old for the generated code",
        "Network '{0}' needs C# {1} or later: its generated code implements static abstract interface members: expected <LangVersion> {1} or later, found C# {2}");

    public static readonly DiagnosticDescriptor ConstructorConflict = Error(
        "DN0044",
        "Constructor conflicts with the generated ones",
        "Network '{0}' {1}: expected {2}, found {3}");

    // ───── Dropout: DN0060–DN0064 ─────

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(
        "DN0060",
        "Dropout rate out of range",
        "Layer {0}, Dropout: expected a rate (the fraction of values dropped while training) that is a finite number in [0, 1), found {1}");

    public static readonly DiagnosticDescriptor DropoutAsOutput = Error(
        "DN0061",
        "Dropout as the output layer",
        "The output layer ({0}) is a Dropout layer, which would drop outputs at random while training and has no units of its own: expected a [Dense(outputs)] layer at the end (put [Dropout] before it), found {0}");

    // ───── Activations (LeakyReLU's slope): DN0050–DN0054 ─────

    public static readonly DiagnosticDescriptor SlopeOutOfRange = Error(
        "DN0050",
        "LeakyReLU slope must be finite and non-negative",
        "{0}: expected Slope to be a finite number ≥ 0 (the negative side's slope; Keras' default is 0.2), found {1}");

    public static readonly DiagnosticDescriptor SlopeWithoutLeakyReLU = Error(
        "DN0051",
        "Slope set on an activation that has none",
        "{0} sets Slope = {1}, but Activation.{2} has no slope, so it would be ignored: expected Activation.LeakyReLU with Slope, or no Slope with Activation.{2}");
    // ───── Training declarations: DN0070–DN0074 ─────

    public static readonly DiagnosticDescriptor InvalidL2 = Error(
        "DN0070",
        "L2 factor must be finite and non-negative",
        "{0}: expected L2 (the factor λ of the penalty λ·ΣW² added to the loss) to be a finite number ≥ 0, found {1}");

    // ───── ONNX import: DN0080–DN0089 ─────

    public static readonly DiagnosticDescriptor OnnxFileNotFound = Error(
        "DN0080",
        "ONNX file not in AdditionalFiles",
        "Network '{0}' names the ONNX file '{1}', which is not an AdditionalFiles item of the project: expected exactly one item whose name or path ends in '{1}' (<AdditionalFiles Include=\"{1}\" />), found {2}");

    public static readonly DiagnosticDescriptor OnnxFileInvalid = Error(
        "DN0081",
        "ONNX file cannot be read",
        "The ONNX file '{0}' of network '{1}' cannot be read: expected an ONNX model (a ModelProto saved by torch.onnx.export, tf2onnx or onnx.save), found a file where {2}");

    public static readonly DiagnosticDescriptor OnnxFileTooLarge = Error(
        "DN0082",
        "ONNX file too large",
        "The ONNX file '{0}' of network '{1}' is too large to compile in: expected at most {2} bytes, found {3} bytes");

    public static readonly DiagnosticDescriptor OnnxOpsetTooOld = Error(
        "DN0083",
        "ONNX opset too old",
        "The ONNX file '{0}' of network '{1}' uses an operator set older than Dendrite reads: expected opset {2} or later (torch.onnx.export(..., opset_version=17)), found {3}");

    public static readonly DiagnosticDescriptor OnnxUnsupportedOperator = Error(
        "DN0084",
        "ONNX operator not supported",
        "Node '{0}' of '{1}' uses the operator '{2}', which Dendrite cannot import: expected one of {3}, found '{2}'");

    public static readonly DiagnosticDescriptor OnnxUnsupportedUse = Error(
        "DN0085",
        "ONNX node cannot be mapped onto a Dendrite layer",
        "Node '{0}' ({1}) of '{2}' cannot be mapped onto a Dendrite layer: expected {3}, found {4}");

    public static readonly DiagnosticDescriptor OnnxDynamicDimension = Error(
        "DN0086",
        "ONNX dimension is dynamic",
        "The {0} of '{1}' has a dynamic dimension {2}: expected a fixed size for every dimension but the first (the batch), found shape {3}");

    public static readonly DiagnosticDescriptor OnnxExternalData = Error(
        "DN0087",
        "ONNX tensor data is external",
        "Tensor '{0}' of '{1}' keeps its values in a separate file: expected every weight inside the .onnx file (onnx.save_model(model, path, save_as_external_data=False)), found external data");

    public static readonly DiagnosticDescriptor OnnxWithLayers = Error(
        "DN0088",
        "Onnx combined with layers or Weights",
        "Network '{0}' takes its input, layers and weights from the ONNX file '{1}': expected [Network(Onnx = ...)] alone, found {2} as well");

    public static readonly DiagnosticDescriptor InvalidOnnxName = Error(
        "DN0089",
        "Onnx does not name a file",
        "[Network(Onnx = ...)] on '{0}' must name an AdditionalFiles item: expected a file name such as \"model.onnx\", found {1}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
