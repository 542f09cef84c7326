using System;

namespace Dendrite;

/// <summary>
/// Inverted dropout: while training (<c>Fit</c>, <c>ComputeGradients</c>) each value of the previous layer's output
/// is set to zero with probability <see cref="Rate"/> and the others are multiplied by 1 / (1 − rate), so their
/// expected value is unchanged; in inference (<c>Predict</c>, <c>PredictBatch</c>, <c>Evaluate</c>, validation) the
/// layer is the identity and costs nothing. Works on vectors and images alike, value by value. No parameters.
/// </summary>
/// <remarks>
/// The masks come from the network's own dropout stream, keyed by its constructor seed, the training step and each
/// value's place in the batch, so the same seed gives bit-identical training at any thread count. Place it after a
/// Dense, Conv2D, pooling or Flatten layer (or right after the input); not as the output layer (diagnostic DN0061).
/// </remarks>
/// <example><c>[Dense(128, Activation.ReLU)] [Dropout(0.5)] [Dense(10)]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Inverted dropout that drops each value with probability <paramref name="rate"/> while training.</summary>
    /// <param name="rate">The fraction of values dropped, in [0, 1) (diagnostic DN0060 otherwise); 0 keeps every value.</param>
    public DropoutAttribute(double rate)
    {
        Rate = rate;
    }

    /// <summary>The probability that a value is dropped while training, in [0, 1).</summary>
    public double Rate { get; }
}
