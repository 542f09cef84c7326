using Dendrite.Weights;

namespace Dendrite;

/// <summary>One layer of a generated network, as the generator planned it.</summary>
/// <param name="Kind">What the layer computes.</param>
/// <param name="Activation">The activation applied to its output.</param>
/// <param name="InputShape">The shape it reads.</param>
/// <param name="OutputShape">The shape it produces.</param>
/// <param name="WeightOffset">Offset of its weights in the flat parameter buffer.</param>
/// <param name="WeightCount">Number of weights.</param>
/// <param name="BiasOffset">Offset of its biases in the flat parameter buffer.</param>
/// <param name="BiasCount">Number of biases.</param>
/// <param name="KernelSize">Convolution or pooling window side (0 for other layers).</param>
/// <param name="Stride">Convolution or pooling stride (0 for other layers).</param>
/// <param name="Padding">Convolution or pooling padding.</param>
/// <param name="Rate">Dropout's rate, the probability that a value is dropped while training (0 for other layers).</param>
/// <param name="NonTrainableParameterCount">
/// Values of non-trainable state the layer keeps outside the parameter buffer (BatchNormalization: its moving mean and
/// moving variance, 2 per channel; 0 for other layers). Summaries count them as non-trainable parameters.
/// </param>
/// <param name="Slope">
/// The negative slope of a <see cref="Dendrite.Activation.LeakyReLU"/> layer (0 for the other activations). Part of
/// <see cref="Describe"/> when it is not Keras' default 0.2 ("Dense(8, LeakyReLU(0.1))"), so a weights file saved from a
/// network with one slope is refused by a network with another.
/// </param>
public sealed record LayerInfo(
    LayerKind Kind,
    Activation Activation,
    TensorShape InputShape,
    TensorShape OutputShape,
    int WeightOffset,
    int WeightCount,
    int BiasOffset,
    int BiasCount,
    int KernelSize = 0,
    int Stride = 0,
    Padding Padding = Padding.Valid,
    double Rate = 0,
    int NonTrainableParameterCount = 0,
    float Slope = 0f)
{
    /// <summary>Weights plus biases (BatchNormalization: γ and β): the values training updates.</summary>
    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>
    /// A stable, culture-independent description of what the layer computes, used in architecture
    /// fingerprints and error messages: for example <c>Dense(25, ReLU)</c>. The text comes from
    /// <c>ArchitectureText</c>, which the generator compiles in too (ArchitectureFingerprintTests).
    /// </summary>
    public string Describe() => Kind switch
    {
        LayerKind.Dense => ArchitectureText.Dense(OutputShape.Size, ArchitectureText.Activation(Activation.ToString(), Slope)),
        LayerKind.Conv2D => ArchitectureText.Conv2D(OutputShape.Channels, KernelSize, Stride, Padding.ToString(), ArchitectureText.Activation(Activation.ToString(), Slope)),
        LayerKind.MaxPool2D => ArchitectureText.MaxPool2D(KernelSize, Stride, Padding.ToString()),
        LayerKind.Flatten => ArchitectureText.Flatten,
        LayerKind.AveragePooling2D => ArchitectureText.AveragePooling2D(KernelSize, Stride, Padding.ToString()),
        LayerKind.GlobalAveragePooling2D => ArchitectureText.GlobalAveragePooling2D,
        LayerKind.Dropout => ArchitectureText.Dropout(Rate),
        LayerKind.BatchNormalization => ArchitectureText.BatchNormalization(ArchitectureText.Activation(Activation.ToString(), Slope)),
        _ => Kind.ToString(),
    };
}
