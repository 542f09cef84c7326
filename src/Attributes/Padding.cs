namespace Dendrite;

/// <summary>How a convolution or pooling window treats the border of its input (Keras' <c>padding</c>).</summary>
public enum Padding
{
    /// <summary>No padding: the window only visits positions where it fits entirely; the output shrinks.</summary>
    Valid = 0,

    /// <summary>Zero padding so that the output has ⌈input / stride⌉ positions.</summary>
    Same = 1,
}
