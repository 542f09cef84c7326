namespace Dendrite.Tests.Cnn;

/// <summary>
/// An independent, deliberately plain double-precision implementation of the layers, written from the
/// definitions (Keras' conventions: HWC images, HWIO conv weights, TensorFlow's Same padding split, max pooling
/// that ignores the padded border). It reads only the architecture (shapes, kernel, stride, padding, offsets),
/// never the generated code, and is the yardstick for the generated float forward and backward.
/// </summary>
internal static class DoubleReference
{
    /// <summary>The outputs (logits or activations of the last layer) for one sample.</summary>
    public static double[] Forward(NetworkArchitecture architecture, double[] parameters, ReadOnlySpan<float> sample)
    {
        double[] a = new double[sample.Length];
        for (int i = 0; i < sample.Length; i++)
        {
            a[i] = sample[i];
        }

        foreach (LayerInfo layer in architecture.Layers)
        {
            double[] z = layer.Kind switch
            {
                LayerKind.Dense => Dense(layer, parameters, a),
                LayerKind.Conv2D => Conv(layer, parameters, a),
                LayerKind.MaxPool2D => MaxPool(layer, a),
                _ => (double[])a.Clone(),
            };
            a = z.Select(v => Activate(layer.Activation, v)).ToArray();
        }

        return a;
    }

    /// <summary>Average loss over the samples, as the generated ComputeGradients defines cost.</summary>
    public static double Cost(NetworkArchitecture architecture, double[] parameters, float[] inputs, int[]? labels, float[]? targets)
    {
        int n = architecture.InputSize, k = architecture.OutputSize, m = inputs.Length / n;
        double sum = 0;
        for (int s = 0; s < m; s++)
        {
            double[] output = Forward(architecture, parameters, inputs.AsSpan(s * n, n));
            sum += architecture.Loss switch
            {
                Loss.MeanSquaredError => Enumerable.Range(0, k).Sum(j => Math.Pow(output[j] - targets![(s * k) + j], 2)) / k,
                Loss.SparseCategoricalCrossentropy => LogSumExp(output) - output[labels![s]],
                Loss.CategoricalCrossentropy => Enumerable.Range(0, k).Sum(j => targets![(s * k) + j] * (LogSumExp(output) - output[j])),
                _ => throw new NotSupportedException(architecture.Loss.ToString()),
            };
        }

        return sum / m;
    }

    /// <summary>Rows (or columns) of zero padding before the input, from TensorFlow's rule for Same.</summary>
    public static int PaddingBefore(int input, int output, int window, int stride, Padding padding) =>
        padding == Padding.Same ? Math.Max(((output - 1) * stride) + window - input, 0) / 2 : 0;

    private static double[] Dense(LayerInfo layer, double[] p, double[] x)
    {
        int units = layer.OutputShape.Size, inputs = x.Length;
        var z = new double[units];
        for (int j = 0; j < units; j++)
        {
            double sum = p[layer.BiasOffset + j];
            for (int i = 0; i < inputs; i++)
            {
                sum += p[layer.WeightOffset + (j * inputs) + i] * x[i];
            }

            z[j] = sum;
        }

        return z;
    }

    private static double[] Conv(LayerInfo layer, double[] p, double[] x)
    {
        TensorShape i = layer.InputShape, o = layer.OutputShape;
        int k = layer.KernelSize, s = layer.Stride, c = i.Channels, f = o.Channels;
        int top = PaddingBefore(i.Height, o.Height, k, s, layer.Padding), left = PaddingBefore(i.Width, o.Width, k, s, layer.Padding);
        var z = new double[o.Size];
        for (int oy = 0; oy < o.Height; oy++)
        {
            for (int ox = 0; ox < o.Width; ox++)
            {
                for (int filter = 0; filter < f; filter++)
                {
                    double sum = p[layer.BiasOffset + filter];
                    for (int ky = 0; ky < k; ky++)
                    {
                        for (int kx = 0; kx < k; kx++)
                        {
                            int iy = (oy * s) + ky - top, ix = (ox * s) + kx - left;
                            if (iy < 0 || iy >= i.Height || ix < 0 || ix >= i.Width)
                            {
                                continue; // a zero of the padding
                            }

                            for (int ch = 0; ch < c; ch++)
                            {
                                sum += p[layer.WeightOffset + (((((ky * k) + kx) * c) + ch) * f) + filter] * x[(((iy * i.Width) + ix) * c) + ch];
                            }
                        }
                    }

                    z[(((oy * o.Width) + ox) * f) + filter] = sum;
                }
            }
        }

        return z;
    }

    private static double[] MaxPool(LayerInfo layer, double[] x)
    {
        TensorShape i = layer.InputShape, o = layer.OutputShape;
        int k = layer.KernelSize, s = layer.Stride, c = i.Channels;
        int top = PaddingBefore(i.Height, o.Height, k, s, layer.Padding), left = PaddingBefore(i.Width, o.Width, k, s, layer.Padding);
        var z = new double[o.Size];
        for (int oy = 0; oy < o.Height; oy++)
        {
            for (int ox = 0; ox < o.Width; ox++)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    double max = double.NegativeInfinity;
                    for (int ky = 0; ky < k; ky++)
                    {
                        for (int kx = 0; kx < k; kx++)
                        {
                            int iy = (oy * s) + ky - top, ix = (ox * s) + kx - left;
                            if (iy >= 0 && iy < i.Height && ix >= 0 && ix < i.Width)
                            {
                                max = Math.Max(max, x[(((iy * i.Width) + ix) * c) + ch]);
                            }
                        }
                    }

                    z[(((oy * o.Width) + ox) * c) + ch] = max;
                }
            }
        }

        return z;
    }

    private static double Activate(Activation activation, double z) => activation switch
    {
        Activation.ReLU => Math.Max(0, z),
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.Linear => z,
        _ => throw new NotSupportedException(activation.ToString()),
    };

    private static double LogSumExp(double[] z)
    {
        double max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max)));
    }
}
