using System;

namespace Dendrite;

/// <summary>
/// A 2-D convolution over an image laid out height × width × channels (channels last). Each of the
/// <see cref="Filters"/> filters is a <see cref="Kernel"/> × <see cref="Kernel"/> × input-channels window of
/// weights plus a bias; sliding it over the input with step <see cref="Stride"/> gives one output channel:
/// z[y, x, f] = b[f] + Σ_{ky, kx, c} W[ky, kx, c, f] · a_prev[y·stride + ky, x·stride + kx, c], then a = g(z).
/// </summary>
/// <example><c>[Conv2D(32, kernel: 3, Activation.ReLU)]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>A convolution with <paramref name="filters"/> square <paramref name="kernel"/> × <paramref name="kernel"/> filters.</summary>
    /// <param name="filters">Number of filters, which is the number of output channels; must be positive.</param>
    /// <param name="kernel">Side of the square window each filter looks at (its receptive field); must be positive.</param>
    /// <param name="activation">The activation g; linear when omitted.</param>
    public Conv2DAttribute(int filters, int kernel, Activation activation = Activation.Linear)
    {
        Filters = filters;
        Kernel = kernel;
        Activation = activation;
    }

    /// <summary>Number of filters (output channels).</summary>
    public int Filters { get; }

    /// <summary>Side of the square kernel.</summary>
    public int Kernel { get; }

    /// <summary>The activation applied to each output value.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The negative slope of <see cref="Activation.LeakyReLU"/>: g(z) = slope·z for z ≤ 0. Finite and ≥ 0; 0.2 (Keras 3's
    /// default) when not set. Setting it with any other activation is an error (DN0051).
    /// </summary>
    public float Slope { get; set; } = 0.2f;

    /// <summary>Step between two window positions, in pixels, along both axes. Default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>
    /// <see cref="Dendrite.Padding.Valid"/> (default): only positions where the window fits, output side
    /// ⌊(input − kernel) / stride⌋ + 1. <see cref="Dendrite.Padding.Same"/>: zero padding, output side ⌈input / stride⌉.
    /// </summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>
    /// L2 regularisation factor λ of the kernel (Keras' <c>kernel_regularizer=l2(λ)</c>): training adds λ·ΣW² over this
    /// layer's weights (not its biases) to the loss it minimises and reports, so ∂cost/∂W gains 2λ·W; <c>Predict</c> is
    /// unaffected. Finite and ≥ 0; default 0, no regularisation (DN0070 otherwise).
    /// </summary>
    /// <example><c>[Conv2D(32, kernel: 3, Activation.ReLU, L2 = 1e-4f)]</c></example>
    public float L2 { get; set; }
}
