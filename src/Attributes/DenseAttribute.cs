using System;

namespace Dendrite;

/// <summary>
/// A fully connected layer: every unit j computes z_j = w_j · a_prev + b_j and outputs a_j = g(z_j).
/// Layers are applied in the order their attributes appear.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>A dense layer of <paramref name="units"/> units.</summary>
    /// <param name="units">Number of units (outputs) in the layer; must be positive.</param>
    /// <param name="activation">The activation g; linear when omitted.</param>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Number of units (outputs) in the layer.</summary>
    public int Units { get; }

    /// <summary>The activation applied to each unit's pre-activation.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The negative slope of <see cref="Activation.LeakyReLU"/>: g(z) = slope·z for z ≤ 0. Finite and ≥ 0; 0.2 (Keras 3's
    /// default) when not set. Setting it with any other activation is an error (DN0051).
    /// </summary>
    public float Slope { get; set; } = 0.2f;

    /// <summary>
    /// L2 regularisation factor λ of the kernel (Keras' <c>kernel_regularizer=l2(λ)</c>): training adds λ·ΣW² over this
    /// layer's weights (not its biases) to the loss it minimises and reports, so ∂cost/∂W gains 2λ·W; <c>Predict</c> is
    /// unaffected. Finite and ≥ 0; default 0, no regularisation (DN0070 otherwise).
    /// </summary>
    /// <example><c>[Dense(64, Activation.ReLU, L2 = 1e-4f)]</c></example>
    public float L2 { get; set; }
}
