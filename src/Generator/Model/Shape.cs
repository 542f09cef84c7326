namespace Dendrite.Generator.Model;

/// <summary>
/// One sample's shape: height × width × channels, row-major, channels last. A flat vector is 1 × 1 × n. The plan's
/// int copy of a 64-bit <see cref="Planning.Extent"/>, made once every number is known to fit.
/// </summary>
internal sealed record Shape(int Height, int Width, int Channels, bool IsSpatial)
{
    public int Size => Height * Width * Channels;

    public static Shape Flat(int length) => new(1, 1, length, IsSpatial: false);

    public static Shape Image(int height, int width, int channels) => new(height, width, channels, IsSpatial: true);

    /// <summary>"28×28×1" for an image, "784" for a vector.</summary>
    public override string ToString() => IsSpatial
        ? Height.ToString(System.Globalization.CultureInfo.InvariantCulture) + "×" + Width.ToString(System.Globalization.CultureInfo.InvariantCulture) + "×" + Channels.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
