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

    /// <summary>2-D average pooling (Same padding averages over the window's cells inside the image only).</summary>
    AveragePooling2D,

    /// <summary>The mean of each channel over the whole image: height × width × channels → channels.</summary>
    GlobalAveragePooling2D,

    /// <summary>Inverted dropout: zeroes values at random while training, the identity in inference (no parameters).</summary>
    Dropout,

    /// <summary>Batch normalisation of the preceding Dense or Conv2D layer, per unit or per channel.</summary>
    BatchNormalization,
}
