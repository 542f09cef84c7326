using System;

namespace Dendrite;

/// <summary>
/// Global average pooling: turns an image (height × width × channels) into a vector of one value per channel, the
/// mean of that channel over every position (Keras' <c>GlobalAveragePooling2D</c>). No parameters. Its output is
/// already flat, so a <see cref="DenseAttribute"/> layer may follow it directly, without <see cref="FlattenAttribute"/>.
/// </summary>
/// <example><c>[Conv2D(32, kernel: 3, Activation.ReLU)] [GlobalAveragePooling2D] [Dense(10)]</c>.</example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePooling2DAttribute : Attribute
{
}
