using Xunit;
namespace Dendrite.Tests.Runtime;

/// <summary>
/// An independent forward pass and loss in double precision, written from the maths rather than from the
/// generated code: it reads only <see cref="NetworkArchitecture"/> (layer sizes, activations, parameter offsets)
/// and the parameter values. The gradient checks differentiate it numerically.
/// </summary>
internal static class ReferenceNetwork
{
    /// <summary>The outputs the network reports (probabilities, or logits when FromLogits), one sample.</summary>
    public static double[] Forward(NetworkArchitecture architecture, ReadOnlySpan<double> parameters, ReadOnlySpan<float> input)
    {
        double[] a = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            a[i] = input[i];
        }

        foreach (LayerInfo layer in architecture.Layers)
        {
            Assert.Equal(LayerKind.Dense, layer.Kind);
            int inputs = layer.InputShape.Size;
            int units = layer.OutputShape.Size;
            Assert.Equal(inputs * units, layer.WeightCount);
            Assert.Equal(units, layer.BiasCount);
            double[] z = new double[units];
            for (int j = 0; j < units; j++)
            {
                // z_j = Σ_i W[j, i]·a_i + b_j with W stored row-major, units × inputs.
                double sum = parameters[layer.BiasOffset + j];
                for (int i = 0; i < inputs; i++)
                {
                    sum += parameters[layer.WeightOffset + (j * inputs) + i] * a[i];
                }

                z[j] = sum;
            }

            a = Activate(layer.Activation, z);
        }

        return a;
    }

    /// <summary>Average loss over the batch (the cost training minimises), from the outputs of <see cref="Forward"/>.</summary>
    public static double Cost(NetworkArchitecture architecture, ReadOnlySpan<double> parameters, float[] inputs, int[]? labels, float[]? targets)
    {
        int n = architecture.OutputSize;
        int samples = inputs.Length / architecture.InputSize;
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            double[] output = Forward(architecture, parameters, inputs.AsSpan(s * architecture.InputSize, architecture.InputSize));
            double[] y = new double[n];
            if (labels is not null)
            {
                y[labels[s]] = 1; // sparse labels are one-hot targets
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    y[j] = targets![(s * n) + j];
                }
            }

            sum += Loss(architecture.Loss, architecture.FromLogits, output, y);
        }

        return sum / samples;
    }

    /// <summary>One sample's loss, textbook formulas (no clipping: the test data keeps probabilities well inside (0, 1)).</summary>
    public static double Loss(Loss loss, bool fromLogits, double[] output, double[] y)
    {
        int n = output.Length;
        double sum = 0;
        switch (loss)
        {
            case Dendrite.Loss.MeanSquaredError:
                for (int j = 0; j < n; j++)
                {
                    sum += (output[j] - y[j]) * (output[j] - y[j]);
                }

                return sum / n;
            case Dendrite.Loss.BinaryCrossentropy:
                double[] p = fromLogits ? Activate(Activation.Sigmoid, output) : output;
                for (int j = 0; j < n; j++)
                {
                    sum -= (y[j] * Math.Log(p[j])) + ((1 - y[j]) * Math.Log(1 - p[j]));
                }

                return sum / n;
            default: // sparse or dense categorical cross-entropy
                double[] q = fromLogits ? Activate(Activation.Softmax, output) : output;
                for (int j = 0; j < n; j++)
                {
                    sum -= y[j] * Math.Log(q[j]);
                }

                return sum;
        }
    }

    public static double[] Activate(Activation activation, double[] z)
    {
        double[] a = new double[z.Length];
        switch (activation)
        {
            case Activation.Softmax:
                double max = z.Max();
                double total = z.Sum(v => Math.Exp(v - max));
                for (int j = 0; j < z.Length; j++)
                {
                    a[j] = Math.Exp(z[j] - max) / total;
                }

                return a;
            default:
                for (int j = 0; j < z.Length; j++)
                {
                    a[j] = activation switch
                    {
                        Activation.Linear => z[j],
                        Activation.ReLU => Math.Max(0, z[j]),
                        Activation.Sigmoid => 1 / (1 + Math.Exp(-z[j])),
                        Activation.Tanh => Math.Tanh(z[j]),
                        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
                    };
                }

                return a;
        }
    }
}
