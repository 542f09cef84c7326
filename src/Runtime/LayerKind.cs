namespace Dendrite;

/// <summary>The kinds of layer a network can declare.</summary>
public enum LayerKind
{
    /// <summary>Fully connected: z = W·a + b.</summary>
    Dense,

    /// <summary>2-D convolution over height and width.</summary>
    Conv2D,

    /// <summary>2-D max pooling.</summary>
    MaxPool2D,

    /// <summary>Reinterprets an image as a flat vector (no computation, no parameters).</summary>
    Flatten,

    /// <summary>Batch normalisation of the preceding Dense or Conv2D layer, per unit or per channel.</summary>
    BatchNormalization,
}
