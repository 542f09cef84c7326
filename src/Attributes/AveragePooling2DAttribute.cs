using System;

namespace Dendrite;

/// <summary>
/// 2-D average pooling: each output value is the mean of the input values in a <see cref="PoolSize"/> ×
/// <see cref="PoolSize"/> window of its channel. No parameters; the channel count is unchanged. Keras'
/// <c>AveragePooling2D</c>: with <see cref="Dendrite.Padding.Same"/> the cells a window hangs over the border are
/// left out of the mean (it divides by the number of real cells), as TensorFlow does.
/// </summary>
/// <example><c>[AveragePooling2D(2)]</c> halves height and width.</example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePooling2DAttribute : Attribute
{
    /// <summary>Average pooling over square windows of side <paramref name="poolSize"/>.</summary>
    /// <param name="poolSize">Side of the pooling window; must be positive.</param>
    public AveragePooling2DAttribute(int poolSize)
    {
        PoolSize = poolSize;
    }

    /// <summary>Side of the square pooling window.</summary>
    public int PoolSize { get; }

    /// <summary>Step between two windows. 0 (the default) means <see cref="PoolSize"/>: windows that do not overlap, as in Keras.</summary>
    public int Stride { get; set; }

    /// <summary>
    /// <see cref="Dendrite.Padding.Valid"/> (default): windows that fit entirely; a last row or column that no
    /// window covers is dropped, as in Keras. <see cref="Dendrite.Padding.Same"/>: windows may hang over the border,
    /// output side ⌈input / stride⌉, and each mean is taken over the window's cells inside the input only.
    /// </summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
