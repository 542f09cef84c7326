namespace Dendrite.Tests.Reference;

/// <summary>
/// Every layer kind of <see cref="ReferenceNetwork"/>, forward (z from the input x) and backward (the parameter
/// gradients and dx from dz), as plain loops over the documented layouts and Keras' conventions: Dense weights
/// units × inputs row-major, HWC images, HWIO conv weights (kh, kw, cin, filters), TensorFlow's Same padding split,
/// max and average pooling that ignore the padded border (an average is over the window's cells inside the image). Each layer's biases follow its weights.
/// </summary>
internal static class ReferenceLayers
{
    public static double[] Forward(LayerInfo layer, ReadOnlySpan<double> p, double[] x) => layer.Kind switch
    {
        LayerKind.Dense => DenseForward(layer, p, x),
        LayerKind.Conv2D => ConvForward(layer, p, x),
        LayerKind.MaxPool2D => PoolForward(layer, x),
        LayerKind.Flatten => (double[])x.Clone(), // HWC order is already the flat order
        LayerKind.AveragePooling2D => AveragePoolForward(layer, x),
        LayerKind.GlobalAveragePooling2D => GlobalAverageForward(layer, x),
        LayerKind.Dropout => (double[])x.Clone(), // the identity outside training; ReferenceNetwork applies a training mask
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Kind, "no reference for this layer kind"),
    };

    /// <summary>Adds ∂loss/∂θ of the layer's parameters to <paramref name="gradients"/> and returns dx = ∂loss/∂x.</summary>
    public static double[] Backward(LayerInfo layer, ReadOnlySpan<double> p, double[] x, double[] dz, double[] gradients) => layer.Kind switch
    {
        LayerKind.Dense => DenseBackward(layer, p, x, dz, gradients),
        LayerKind.Conv2D => ConvBackward(layer, p, x, dz, gradients),
        LayerKind.MaxPool2D => PoolBackward(layer, x, dz),
        LayerKind.Flatten => (double[])dz.Clone(),
        LayerKind.AveragePooling2D => AveragePoolBackward(layer, x, dz),
        LayerKind.GlobalAveragePooling2D => GlobalAverageBackward(layer, x, dz),
        LayerKind.Dropout => (double[])dz.Clone(),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Kind, "no reference for this layer kind"),
    };

    /// <summary>Rows (or columns) of zero padding before the input, from TensorFlow's rule for Same.</summary>
    public static int PaddingBefore(int input, int output, int window, int stride, Padding padding) =>
        padding == Padding.Same ? Math.Max(((output - 1) * stride) + window - input, 0) / 2 : 0;

    // z_j = b_j + Σ_i W[j, i]·x_i
    private static double[] DenseForward(LayerInfo layer, ReadOnlySpan<double> p, double[] x)
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

    // ∂W[j, i] += dz_j·x_i, ∂b_j += dz_j, dx_i = Σ_j dz_j·W[j, i]
    private static double[] DenseBackward(LayerInfo layer, ReadOnlySpan<double> p, double[] x, double[] dz, double[] gradients)
    {
        int units = dz.Length, inputs = x.Length;
        var dx = new double[inputs];
        for (int j = 0; j < units; j++)
        {
            gradients[layer.BiasOffset + j] += dz[j];
            for (int i = 0; i < inputs; i++)
            {
                gradients[layer.WeightOffset + (j * inputs) + i] += dz[j] * x[i];
                dx[i] += dz[j] * p[layer.WeightOffset + (j * inputs) + i];
            }
        }

        return dx;
    }

    // z[oy, ox, f] = b_f + Σ_{ky, kx, c} W[ky, kx, c, f]·x[oy·s + ky − top, ox·s + kx − left, c], zero outside the image
    private static double[] ConvForward(LayerInfo layer, ReadOnlySpan<double> p, double[] x)
    {
        var z = new double[layer.OutputShape.Size];
        var window = new Window(layer);
        for (int o = 0; o < window.OutputPixels; o++)
        {
            for (int f = 0; f < window.OutChannels; f++)
            {
                double sum = p[layer.BiasOffset + f];
                foreach ((int tap, int pixel) in window.Taps[o])
                {
                    for (int c = 0; c < window.InChannels; c++)
                    {
                        sum += p[layer.WeightOffset + (((tap * window.InChannels) + c) * window.OutChannels) + f] * x[(pixel * window.InChannels) + c];
                    }
                }

                z[(o * window.OutChannels) + f] = sum;
            }
        }

        return z;
    }

    // ∂W[ky, kx, c, f] += dz·x, ∂b_f += dz, dx[pixel, c] += dz·W, over every output and every tap inside the image
    private static double[] ConvBackward(LayerInfo layer, ReadOnlySpan<double> p, double[] x, double[] dz, double[] gradients)
    {
        var dx = new double[x.Length];
        var window = new Window(layer);
        for (int o = 0; o < window.OutputPixels; o++)
        {
            for (int f = 0; f < window.OutChannels; f++)
            {
                double d = dz[(o * window.OutChannels) + f];
                gradients[layer.BiasOffset + f] += d;
                foreach ((int tap, int pixel) in window.Taps[o])
                {
                    for (int c = 0; c < window.InChannels; c++)
                    {
                        int w = layer.WeightOffset + (((tap * window.InChannels) + c) * window.OutChannels) + f;
                        gradients[w] += d * x[(pixel * window.InChannels) + c];
                        dx[(pixel * window.InChannels) + c] += d * p[w];
                    }
                }
            }
        }

        return dx;
    }

    // z[oy, ox, c] = max over the window's pixels inside the image of x[pixel, c]
    private static double[] PoolForward(LayerInfo layer, double[] x)
    {
        var z = new double[layer.OutputShape.Size];
        var window = new Window(layer);
        for (int o = 0; o < window.OutputPixels; o++)
        {
            for (int c = 0; c < window.InChannels; c++)
            {
                z[(o * window.InChannels) + c] = x[(ArgMax(window, x, o, c) * window.InChannels) + c];
            }
        }

        return z;
    }

    // dx[argmax pixel, c] += dz[oy, ox, c]: the gradient flows only to the maximum (the first one met, on a tie)
    private static double[] PoolBackward(LayerInfo layer, double[] x, double[] dz)
    {
        var dx = new double[x.Length];
        var window = new Window(layer);
        for (int o = 0; o < window.OutputPixels; o++)
        {
            for (int c = 0; c < window.InChannels; c++)
            {
                dx[(ArgMax(window, x, o, c) * window.InChannels) + c] += dz[(o * window.InChannels) + c];
            }
        }

        return dx;
    }

    // z[oy, ox, c] = (1/n) Σ x[pixel, c] over the n pixels of the window inside the image (TensorFlow's avg_pool:
    // Same padding's cells are not counted)
    private static double[] AveragePoolForward(LayerInfo layer, double[] x)
    {
        var z = new double[layer.OutputShape.Size];
        var window = new Window(layer);
        for (int o = 0; o < window.OutputPixels; o++)
        {
            (int Tap, int Pixel)[] taps = window.Taps[o];
            for (int c = 0; c < window.InChannels; c++)
            {
                double sum = 0;
                foreach ((_, int pixel) in taps)
                {
                    sum += x[(pixel * window.InChannels) + c];
                }

                z[(o * window.InChannels) + c] = sum / taps.Length;
            }
        }

        return z;
    }

    // dx[pixel, c] += dz[oy, ox, c] / n for each of the n pixels the window averaged
    private static double[] AveragePoolBackward(LayerInfo layer, double[] x, double[] dz)
    {
        var dx = new double[x.Length];
        var window = new Window(layer);
        for (int o = 0; o < window.OutputPixels; o++)
        {
            (int Tap, int Pixel)[] taps = window.Taps[o];
            for (int c = 0; c < window.InChannels; c++)
            {
                foreach ((_, int pixel) in taps)
                {
                    dx[(pixel * window.InChannels) + c] += dz[(o * window.InChannels) + c] / taps.Length;
                }
            }
        }

        return dx;
    }

    // z[c] = (1/(H·W)) Σ_{y, x} x[y, x, c]
    private static double[] GlobalAverageForward(LayerInfo layer, double[] x)
    {
        int channels = layer.InputShape.Channels, pixels = layer.InputShape.Height * layer.InputShape.Width;
        var z = new double[channels];
        for (int p = 0; p < pixels; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                z[c] += x[(p * channels) + c];
            }
        }

        return z.Select(sum => sum / pixels).ToArray();
    }

    // dx[y, x, c] = dz[c] / (H·W)
    private static double[] GlobalAverageBackward(LayerInfo layer, double[] x, double[] dz)
    {
        int channels = layer.InputShape.Channels, pixels = layer.InputShape.Height * layer.InputShape.Width;
        var dx = new double[x.Length];
        for (int p = 0; p < pixels; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                dx[(p * channels) + c] = dz[c] / pixels;
            }
        }

        return dx;
    }

    private static int ArgMax(Window window, double[] x, int output, int channel)
    {
        int best = -1;
        foreach ((_, int pixel) in window.Taps[output])
        {
            if (best < 0 || x[(pixel * window.InChannels) + channel] > x[(best * window.InChannels) + channel])
            {
                best = pixel;
            }
        }

        return best;
    }

    /// <summary>A sliding window's geometry: which input pixels each output pixel reads.</summary>
    private sealed class Window
    {
        public Window(LayerInfo layer)
        {
            TensorShape input = layer.InputShape, output = layer.OutputShape;
            int k = layer.KernelSize, s = layer.Stride;
            int top = PaddingBefore(input.Height, output.Height, k, s, layer.Padding);
            int left = PaddingBefore(input.Width, output.Width, k, s, layer.Padding);
            InChannels = input.Channels;
            OutChannels = output.Channels;
            Taps = new (int, int)[output.Height * output.Width][];
            for (int oy = 0; oy < output.Height; oy++)
            {
                for (int ox = 0; ox < output.Width; ox++)
                {
                    var taps = new List<(int, int)>();
                    for (int ky = 0; ky < k; ky++)
                    {
                        for (int kx = 0; kx < k; kx++)
                        {
                            int iy = (oy * s) + ky - top, ix = (ox * s) + kx - left;
                            if (iy >= 0 && iy < input.Height && ix >= 0 && ix < input.Width)
                            {
                                taps.Add(((ky * k) + kx, (iy * input.Width) + ix));
                            }
                        }
                    }

                    Taps[(oy * output.Width) + ox] = [.. taps];
                }
            }
        }

        public int InChannels { get; }

        public int OutChannels { get; }

        public int OutputPixels => Taps.Length;

        /// <summary>
        /// For output pixel oy·width + ox, each tap ky·k + kx with the input pixel iy·width + ix it reads, where
        /// iy = oy·stride + ky − top and ix = ox·stride + kx − left; taps that fall on the padding (zeros) are left out.
        /// </summary>
        public (int Tap, int Pixel)[][] Taps { get; }
    }
}
