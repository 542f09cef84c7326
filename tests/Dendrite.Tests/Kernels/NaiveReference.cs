namespace Dendrite.Tests.Kernels;

/// <summary>
/// A plain double-precision forward and backward pass over the documented parameter layout (per layer W, units ×
/// inputs row-major, then b), written from the maths and independent of the generated code.
/// </summary>
internal static class NaiveReference
{
    public enum Output { MeanSquaredError, SoftmaxCrossEntropy }

    /// <summary>∂cost/∂θ with cost = mean over the batch of the per-sample loss; returns the loss sum.</summary>
    public static double Gradients(
        ReadOnlySpan<float> parameters, int[] sizes, Activation[] activations, Output output,
        float[] inputs, float[] targets, int[] labels, double[] gradients)
    {
        int layers = sizes.Length - 1;
        int m = inputs.Length / sizes[0];
        var weightOffsets = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++)
        {
            weightOffsets[l] = offset;
            offset += (sizes[l] * sizes[l + 1]) + sizes[l + 1];
        }

        Array.Clear(gradients);
        double lossSum = 0;
        for (int s = 0; s < m; s++)
        {
            var a = new double[layers + 1][];
            a[0] = inputs.Skip(s * sizes[0]).Take(sizes[0]).Select(v => (double)v).ToArray();
            for (int l = 0; l < layers; l++)
            {
                int n = sizes[l + 1], k = sizes[l];
                a[l + 1] = new double[n];
                for (int j = 0; j < n; j++)
                {
                    double z = parameters[weightOffsets[l] + (n * k) + j];
                    for (int i = 0; i < k; i++)
                    {
                        z += parameters[weightOffsets[l] + (j * k) + i] * a[l][i];
                    }

                    a[l + 1][j] = Apply(activations[l], z);
                }
            }

            double[] y = a[layers];
            int outputs = y.Length;
            var delta = new double[outputs];
            if (output == Output.MeanSquaredError)
            {
                for (int j = 0; j < outputs; j++)
                {
                    double error = y[j] - targets[(s * outputs) + j];
                    lossSum += error * error / outputs;
                    delta[j] = 2 * error / outputs / m * Derivative(activations[layers - 1], y[j]);
                }
            }
            else
            {
                double max = y.Max();
                double sum = y.Sum(v => Math.Exp(v - max));
                lossSum += Math.Log(sum) + max - y[labels[s]];
                for (int j = 0; j < outputs; j++)
                {
                    delta[j] = ((Math.Exp(y[j] - max) / sum) - (j == labels[s] ? 1 : 0)) / m;
                }
            }

            for (int l = layers - 1; l >= 0; l--)
            {
                int n = sizes[l + 1], k = sizes[l];
                var previous = new double[k];
                for (int j = 0; j < n; j++)
                {
                    gradients[weightOffsets[l] + (n * k) + j] += delta[j];
                    for (int i = 0; i < k; i++)
                    {
                        gradients[weightOffsets[l] + (j * k) + i] += delta[j] * a[l][i];
                        previous[i] += delta[j] * parameters[weightOffsets[l] + (j * k) + i];
                    }
                }

                if (l > 0)
                {
                    for (int i = 0; i < k; i++)
                    {
                        previous[i] *= Derivative(activations[l - 1], a[l][i]);
                    }
                }

                delta = previous;
            }
        }

        return lossSum;
    }

    private static double Apply(Activation activation, double z) => activation switch
    {
        Activation.ReLU => Math.Max(z, 0),
        Activation.Tanh => Math.Tanh(z),
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        _ => z,
    };

    /// <summary>g'(z) written in terms of a = g(z).</summary>
    private static double Derivative(Activation activation, double a) => activation switch
    {
        Activation.ReLU => a > 0 ? 1 : 0,
        Activation.Tanh => 1 - (a * a),
        Activation.Sigmoid => a * (1 - a),
        _ => 1,
    };
}
