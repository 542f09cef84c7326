using System;

namespace Dendrite;

/// <summary>
/// Batch normalisation (Ioffe and Szegedy, 2015) of the layer before it, which must be a <see cref="DenseAttribute"/>
/// (one statistic per unit) or a <see cref="Conv2DAttribute"/> (one statistic per channel, over height, width and
/// samples), with Keras' defaults: momentum 0.99, ε = 0.001.
/// <list type="bullet">
/// <item>Training (<c>Fit</c>, <c>ComputeGradients</c>): x̂ = (x − μ_B) / √(σ²_B + ε) with the batch mean μ_B and the
/// biased batch variance σ²_B, then y = γ·x̂ + β with trainable γ (starts at 1) and β (starts at 0). Each step also
/// updates the moving statistics: moving = moving·0.99 + batch·0.01 (moving mean starts at 0, moving variance at 1).</item>
/// <item>Inference (<c>Predict</c>, <c>PredictBatch</c>, <c>Evaluate</c>, validation): the moving statistics, as one
/// scale and shift per channel: y = x·s + t with s = γ / √(moving variance + ε), t = β − moving mean·s.</item>
/// </list>
/// The moving statistics are not trainable: they live outside <c>Parameters</c> (the optimizer never sees them), in
/// <c>NonTrainableParameters</c>, and weights files save them.
/// </summary>
/// <example>The usual pattern, a linear convolution, then normalisation, then the non-linearity:
/// <code>
/// [Conv2D(32, kernel: 3)]
/// [BatchNormalization(Activation = Activation.ReLU)]
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormalizationAttribute : Attribute
{
    /// <summary>The activation applied after the normalisation (linear by default): y = g(γ·x̂ + β).</summary>
    public Activation Activation { get; set; } = Activation.Linear;
}
