using Dendrite.Generator.Model;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// A [Network(Onnx = "...")] declaration that read cleanly: what the class is, how it trains, and which file holds the
/// graph. The spec is made from the file, in the pipeline's bind step (<see cref="OnnxBinder"/>).
/// </summary>
/// <param name="FileLocation">The Onnx argument's value: where every diagnostic about the file points.</param>
/// <param name="ClassLocation">The class name, as a declared network's spec holds it.</param>
/// <param name="CanTakeStub">Whether the class can take the throwing stand-in members if the import fails.</param>
internal sealed record OnnxRequest(
    string? Namespace,
    string ClassName,
    EquatableArray<ContainingType> ContainingTypes,
    LossKind Loss,
    bool FromLogits,
    string FileName,
    LocationInfo? FileLocation,
    LocationInfo? ClassLocation,
    bool CanTakeStub);

/// <summary>
/// The bind step's result for one request: the plan and the parameters to compile in, or the diagnostics and the
/// stand-in surface. Compared by value, so an unchanged file and declaration leave the emit step cached.
/// </summary>
internal sealed record OnnxBinding(
    OnnxRequest Request,
    NetworkPlan? Plan,
    EquatableArray<byte> ParameterBytes,
    EquatableArray<string> Header,
    EquatableArray<DiagnosticInfo> Diagnostics,
    NetworkSurface? Surface);
