namespace Dendrite.Generator.Model;

/// <summary>
/// A square window moved over an image (a Conv2D kernel or a pooling window), Keras' conventions resolved: pooling's
/// "stride 0 = pool size" is already the pool size here, and Same padding's zero rows and columns are split as
/// TensorFlow splits them (the smaller half first).
/// </summary>
/// <param name="Size">Window side.</param>
/// <param name="Stride">Step between neighbouring windows.</param>
/// <param name="Padding">Valid or Same.</param>
/// <param name="PadTop">Zero rows before the input.</param>
/// <param name="PadLeft">Zero columns before the input.</param>
internal sealed record Window(int Size, int Stride, PaddingKind Padding, int PadTop, int PadLeft);
