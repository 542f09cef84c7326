namespace Dendrite;

/// <summary>The shape of one sample's values: height × width × channels, stored row-major, channels last.</summary>
/// <param name="Height">Rows (1 for a flat vector).</param>
/// <param name="Width">Columns (1 for a flat vector).</param>
/// <param name="Channels">Values per position; the length of a flat vector.</param>
public readonly record struct TensorShape(int Height, int Width, int Channels)
{
    /// <summary>A flat vector of <paramref name="length"/> values.</summary>
    public static TensorShape Vector(int length) => new(1, 1, length);

    /// <summary>Total values: Height × Width × Channels.</summary>
    public int Size => Height * Width * Channels;

    /// <summary>True for a flat vector (height and width 1).</summary>
    public bool IsVector => Height == 1 && Width == 1;

    /// <summary>"784" for a vector, "28×28×1" for an image.</summary>
    public override string ToString() => Weights.ArchitectureText.Shape(Height, Width, Channels);
}
