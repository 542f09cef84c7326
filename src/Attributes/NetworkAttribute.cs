using System;

namespace Dendrite;

/// <summary>
/// Marks a <c>partial</c> class as a neural network. The Dendrite source generator reads the
/// <see cref="InputAttribute"/> and the layer attributes that follow it, in source order, and emits the
/// forward pass, the backward pass and the training entry points into the class.
/// </summary>
/// <example>
/// <code>
/// [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
/// [Input(784)]
/// [Dense(25, Activation.ReLU)]
/// [Dense(15, Activation.ReLU)]
/// [Dense(10, Activation.Linear)]
/// public partial class DigitClassifier;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The loss minimised by <c>Fit</c> and reported by <c>Evaluate</c>. Default: mean squared error.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>
    /// <see langword="true"/> when the output layer is linear and the loss should treat its outputs as logits
    /// (unnormalised scores), as Keras' <c>from_logits=True</c>. This is the numerically stable form the course
    /// recommends: softmax or sigmoid is folded into the loss instead of being computed on its own.
    /// </summary>
    public bool FromLogits { get; set; }

    /// <summary>
    /// Optional: the file name of a weights file saved by <c>Save</c>, added to the project as an
    /// <c>AdditionalFiles</c> item. The generator checks it against the declared architecture and compiles the
    /// parameters into the type as static data, exposed as a ready model.
    /// </summary>
    public string? Weights { get; set; }

    /// <summary>
    /// Optional: the file name of an ONNX model (for example exported from PyTorch with <c>torch.onnx.export</c>), added
    /// to the project as an <c>AdditionalFiles</c> item. The generator reads the graph at compile time, maps it onto
    /// Dendrite's layers and compiles its weights in (<c>Pretrained</c>, <c>CreatePretrained()</c>), so the class takes
    /// no <see cref="InputAttribute"/>, layer attributes or <see cref="Weights"/>. The generated type reads images
    /// channels-last (height × width × channels), as every Dendrite network does; see docs/onnx.md.
    /// </summary>
    public string? Onnx { get; set; }
}
