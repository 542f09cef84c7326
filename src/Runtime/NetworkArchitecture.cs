using System;
using System.Collections.Generic;
using System.Linq;
using Dendrite.Weights;

namespace Dendrite;

/// <summary>
/// A network's declared architecture as the generator planned it: the input shape, every layer with its
/// shapes and parameter offsets, and the loss. Generated types expose it as <c>Architecture</c>.
/// </summary>
public sealed class NetworkArchitecture
{
    /// <summary>Describes a network. Generated code calls this once per type.</summary>
    public NetworkArchitecture(string name, TensorShape inputShape, Loss loss, bool fromLogits, IReadOnlyList<LayerInfo> layers)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        Name = name;
        InputShape = inputShape;
        Loss = loss;
        FromLogits = fromLogits;
        Layers = layers.ToArray();
        ParameterCount = Layers.Sum(layer => layer.ParameterCount);
        NonTrainableParameterCount = Layers.Sum(layer => layer.NonTrainableParameterCount);
        Fingerprint = BuildFingerprint(inputShape, Layers);
    }

    /// <summary>The network type's name.</summary>
    public string Name { get; }

    /// <summary>The shape of one input sample.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The layers in order, input to output.</summary>
    public IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The training loss.</summary>
    public Loss Loss { get; }

    /// <summary>True when the outputs are logits and the loss applies the sigmoid or softmax itself.</summary>
    public bool FromLogits { get; }

    /// <summary>Values per input sample.</summary>
    public int InputSize => InputShape.Size;

    /// <summary>Values per output sample.</summary>
    public int OutputSize => Layers[^1].OutputShape.Size;

    /// <summary>Total trainable parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>
    /// Total non-trainable values (the moving statistics of BatchNormalization layers): saved in weights files, never
    /// updated by an optimizer; the sum of every layer's <see cref="LayerInfo.NonTrainableParameterCount"/> and a
    /// network's <c>NonTrainableParameterCount</c>.
    /// </summary>
    public int NonTrainableParameterCount { get; }

    /// <summary>How targets are given to <c>Fit</c> and <c>Evaluate</c>.</summary>
    public TargetKind TargetKind => Loss == Loss.SparseCategoricalCrossentropy ? TargetKind.ClassLabels : TargetKind.Values;

    /// <summary>Values per sample in a target buffer: 1 for class labels, otherwise <see cref="OutputSize"/>.</summary>
    public int TargetSize => TargetKind == TargetKind.ClassLabels ? 1 : OutputSize;

    /// <summary>The activation of the output layer.</summary>
    public Activation OutputActivation => Layers[^1].Activation;

    /// <summary>
    /// The layer kinds, sizes and activations in order, e.g.
    /// <c>Input(784) → Dense(25, ReLU) → Dense(10, Linear)</c>. Two networks can exchange weights exactly when
    /// their fingerprints are equal. Built by <c>ArchitectureText</c>, the same code the generator uses to
    /// check compiled-in weights (ArchitectureFingerprintTests compares the two for every layer kind).
    /// </summary>
    public string Fingerprint { get; }

    private static string BuildFingerprint(TensorShape input, IReadOnlyList<LayerInfo> layers) =>
        ArchitectureText.Fingerprint(input.Height, input.Width, input.Channels, layers.Select(layer => layer.Describe()));

    /// <summary>
    /// A Keras-like table of the network, as <c>model.summary()</c> prints it: each layer's name and type, output shape
    /// (with <c>None</c> for the batch) and parameter count, then the totals, split into trainable and non-trainable,
    /// with their size as float32 (SummaryTests shows the digit network's and a CNN's). <c>model.Summary()</c>
    /// (<see cref="NetworkSummaryExtensions"/>) prints this. Culture-independent.
    /// </summary>
    public string Summary() => ArchitectureSummary.Format(this);

    /// <summary>The same table as <see cref="Summary"/>, so <c>Console.WriteLine(T.Architecture)</c> prints it.</summary>
    public override string ToString() => Summary();
}
