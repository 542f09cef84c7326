namespace Dendrite.Tests.Reference;

/// <summary>
/// The double-precision reference for networks with BatchNormalization, whose training forward couples the samples of
/// a batch: every layer runs over the whole batch before the next (the other layers sample by sample through
/// <see cref="ReferenceLayers"/>), and a BatchNormalization layer normalises each channel with the batch mean and the
/// biased batch variance, as Keras does in training, or with the moving statistics in inference. Written from the
/// definitions, not from the generated code; the gradient checks differentiate <see cref="Cost"/> numerically.
/// </summary>
internal static class ReferenceBatchNetwork
{
    public const double Epsilon = 1e-3;

    /// <summary>The outputs of every sample: training mode (batch statistics) or inference (the moving statistics in <paramref name="nonTrainable"/>).</summary>
    public static double[][] Forward(NetworkArchitecture architecture, ReadOnlySpan<double> parameters, double[]? nonTrainable, float[] inputs, bool training)
    {
        int samples = inputs.Length / architecture.InputSize;
        var a = new double[samples][];
        for (int s = 0; s < samples; s++)
        {
            a[s] = inputs.AsSpan(s * architecture.InputSize, architecture.InputSize).ToArray().Select(v => (double)v).ToArray();
        }

        int state = 0;
        foreach (LayerInfo layer in architecture.Layers)
        {
            double[][] z;
            if (layer.Kind == LayerKind.BatchNormalization)
            {
                int channels = layer.WeightCount;
                z = training
                    ? Normalize(layer, parameters, a, BatchStatistics(a, channels))
                    : Normalize(layer, parameters, a, (nonTrainable!.AsSpan(state, channels).ToArray(), nonTrainable.AsSpan(state + channels, channels).ToArray()));
                state += 2 * channels;
            }
            else
            {
                var p = parameters.ToArray();
                z = a.Select(x => ReferenceLayers.Forward(layer, p, x)).ToArray();
            }

            a = z.Select(row => ReferenceActivations.Apply(layer.Activation, row)).ToArray();
        }

        return a;
    }

    /// <summary>Average loss over the batch in training mode: what a training step differentiates.</summary>
    public static double Cost(NetworkArchitecture architecture, ReadOnlySpan<double> parameters, float[] inputs, int[]? labels, float[]? targets)
    {
        double[][] outputs = Forward(architecture, parameters, null, inputs, training: true);
        double sum = 0;
        for (int s = 0; s < outputs.Length; s++)
        {
            sum += ReferenceLosses.Loss(architecture.Loss, architecture.FromLogits, outputs[s], Target(architecture, s, labels, targets));
        }

        return sum / outputs.Length;
    }

    /// <summary>Per channel: the mean and the biased variance over every sample and pixel.</summary>
    public static (double[] Mean, double[] Variance) BatchStatistics(double[][] x, int channels)
    {
        var mean = new double[channels];
        var variance = new double[channels];
        int count = 0;
        foreach (double[] row in x)
        {
            for (int i = 0; i < row.Length; i++)
            {
                mean[i % channels] += row[i];
            }

            count += row.Length / channels;
        }

        for (int c = 0; c < channels; c++)
        {
            mean[c] /= count;
        }

        foreach (double[] row in x)
        {
            for (int i = 0; i < row.Length; i++)
            {
                double d = row[i] - mean[i % channels];
                variance[i % channels] += d * d;
            }
        }

        for (int c = 0; c < channels; c++)
        {
            variance[c] /= count;
        }

        return (mean, variance);
    }

    /// <summary>Central differences of <see cref="Cost"/> for every parameter.</summary>
    public static double[] NumericGradient(NetworkArchitecture architecture, double[] parameters, float[] inputs, int[]? labels, float[]? targets)
    {
        var numeric = new double[parameters.Length];
        for (int k = 0; k < parameters.Length; k++)
        {
            double saved = parameters[k];
            parameters[k] = saved + FiniteDifferences.Step;
            double plus = Cost(architecture, parameters, inputs, labels, targets);
            parameters[k] = saved - FiniteDifferences.Step;
            double minus = Cost(architecture, parameters, inputs, labels, targets);
            parameters[k] = saved;
            numeric[k] = (plus - minus) / (2 * FiniteDifferences.Step);
        }

        return numeric;
    }

    // z = γ_c·(x − μ_c)/√(σ²_c + ε) + β_c, channel c = index mod channels (channels last)
    private static double[][] Normalize(LayerInfo layer, ReadOnlySpan<double> p, double[][] x, (double[] Mean, double[] Variance) statistics)
    {
        int channels = layer.WeightCount;
        var z = new double[x.Length][];
        for (int s = 0; s < x.Length; s++)
        {
            z[s] = new double[x[s].Length];
            for (int i = 0; i < x[s].Length; i++)
            {
                int c = i % channels;
                double xHat = (x[s][i] - statistics.Mean[c]) / Math.Sqrt(statistics.Variance[c] + Epsilon);
                z[s][i] = (p[layer.WeightOffset + c] * xHat) + p[layer.BiasOffset + c];
            }
        }

        return z;
    }

    private static double[] Target(NetworkArchitecture architecture, int s, int[]? labels, float[]? targets)
    {
        int n = architecture.OutputSize;
        var y = new double[n];
        if (labels is not null)
        {
            y[labels[s]] = 1;
            return y;
        }

        for (int j = 0; j < n; j++)
        {
            y[j] = targets![(s * n) + j];
        }

        return y;
    }
}
