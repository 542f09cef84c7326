using System;

namespace Dendrite;

/// <summary>
/// 2-D max pooling: each output value is the largest input value in a <see cref="PoolSize"/> × <see cref="PoolSize"/>
/// window of its channel. No parameters; the channel count is unchanged.
/// </summary>
/// <example><c>[MaxPool2D(2)]</c> halves height and width.</example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : Attribute
{
    /// <summary>Max pooling over square windows of side <paramref name="poolSize"/>.</summary>
    /// <param name="poolSize">Side of the pooling window; must be positive.</param>
    public MaxPool2DAttribute(int poolSize)
    {
        PoolSize = poolSize;
    }

    /// <summary>Side of the square pooling window.</summary>
    public int PoolSize { get; }

    /// <summary>Step between two windows. 0 (the default) means <see cref="PoolSize"/>: windows that do not overlap, as in Keras.</summary>
    public int Stride { get; set; }

    /// <summary>
    /// <see cref="Dendrite.Padding.Valid"/> (default): windows that fit entirely; a last row or column that no
    /// window covers is dropped, as in Keras. <see cref="Dendrite.Padding.Same"/>: windows may hang over the border
    /// (the missing values are ignored), output side ⌈input / stride⌉.
    /// </summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
