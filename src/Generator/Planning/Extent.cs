using System.Globalization;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// One sample's shape in 64 bits: height × width × channels, row-major, channels last; a flat vector is 1 × 1 × n.
/// The int <see cref="Shape"/> the emitters read is made from it only once every number has been checked to fit.
/// </summary>
internal readonly record struct Extent(long Height, long Width, long Channels, bool IsSpatial)
{
    /// <summary>Values per sample (saturates rather than wrapping: see <see cref="WideMath"/>).</summary>
    public long Size => WideMath.Multiply(Height, Width, Channels);

    public static Extent Flat(long length) => new(1, 1, length, IsSpatial: false);

    public static Extent Image(long height, long width, long channels) => new(height, width, channels, IsSpatial: true);

    /// <summary>The int shape; callers hold a plan whose numbers <see cref="GeneratedNumberLimits"/> accepted.</summary>
    public Shape ToShape() => new((int)Height, (int)Width, (int)Channels, IsSpatial);

    /// <summary>"28×28×1" for an image, "784" for a vector.</summary>
    public override string ToString() => IsSpatial
        ? Number(Height) + "×" + Number(Width) + "×" + Number(Channels)
        : Number(Size);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
