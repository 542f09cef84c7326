using System;

namespace Dendrite;

/// <summary>
/// Turns an image (height × width × channels) into a flat vector of height·width·channels values so a
/// <see cref="DenseAttribute"/> layer can follow. Images are already stored row-major with channels last, so
/// this costs nothing: the values keep their order. Required between a convolution or pooling layer and a
/// Dense layer (diagnostic DN0031 otherwise).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
}
