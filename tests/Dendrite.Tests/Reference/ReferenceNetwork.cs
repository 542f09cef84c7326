namespace Dendrite.Tests.Reference;

/// <summary>
/// The one double-precision reference network of the tests: an independent forward pass, loss and backward pass
/// written from the maths rather than from the generated code. It reads only <see cref="NetworkArchitecture"/>
/// (layer kinds, shapes, activations, windows, parameter offsets, loss) and the parameter values, and covers every
/// layer kind (<see cref="ReferenceLayers"/>), activation (<see cref="ReferenceActivations"/>) and loss with and
/// without FromLogits (<see cref="ReferenceLosses"/>). The gradient checks differentiate <see cref="Cost"/>
/// numerically (<see cref="FiniteDifferences"/>); the kernel checks compare with <see cref="Gradients"/>, whose
/// backward pass ReferenceNetworkTests holds to those finite differences on every layer kind, activation and loss.
/// </summary>
internal static class ReferenceNetwork
{
    /// <summary>
    /// The outputs the network reports for one sample (probabilities, or logits when FromLogits). Without
    /// <paramref name="dropout"/> Dropout layers are the identity (inference); with it, sample <paramref name="sample"/>
    /// of the batch gets that training step's masks.
    /// </summary>
    public static double[] Forward(NetworkArchitecture architecture, ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, ReferenceDropout? dropout = null, int sample = 0) =>
        Trace(architecture, parameters, input, dropout, sample).Activations[^1];

    /// <summary>Average loss over the batch (the cost training minimises), from the outputs of <see cref="Forward"/>.</summary>
    public static double Cost(NetworkArchitecture architecture, ReadOnlySpan<double> parameters, float[] inputs, int[]? labels, float[]? targets, ReferenceDropout? dropout = null)
    {
        int samples = inputs.Length / architecture.InputSize;
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            double[] output = Forward(architecture, parameters, inputs.AsSpan(s * architecture.InputSize, architecture.InputSize), dropout, s);
            sum += ReferenceLosses.Loss(architecture.Loss, architecture.FromLogits, output, Target(architecture, s, labels, targets));
        }

        return sum / samples;
    }

    /// <summary>
    /// Writes ∂cost/∂θ (cost = mean over the batch of the per-sample loss) into <paramref name="gradients"/> by
    /// backpropagation, and returns the sum of the per-sample losses, as the generated ComputeGradients does.
    /// </summary>
    public static double Gradients(
        NetworkArchitecture architecture, ReadOnlySpan<double> parameters, float[] inputs, int[]? labels, float[]? targets, double[] gradients, ReferenceDropout? dropout = null)
    {
        Array.Clear(gradients);
        int samples = inputs.Length / architecture.InputSize;
        double lossSum = 0;
        for (int s = 0; s < samples; s++)
        {
            (double[][] z, double[][] a) = Trace(architecture, parameters, inputs.AsSpan(s * architecture.InputSize, architecture.InputSize), dropout, s);
            double[] y = Target(architecture, s, labels, targets);
            lossSum += ReferenceLosses.Loss(architecture.Loss, architecture.FromLogits, a[^1], y);

            // da = ∂(loss/samples)/∂a, from the output back to the input.
            double[] da = ReferenceLosses.Gradient(architecture.Loss, architecture.FromLogits, a[^1], y).Select(d => d / samples).ToArray();
            for (int l = architecture.Layers.Count - 1; l >= 0; l--)
            {
                LayerInfo layer = architecture.Layers[l];
                double[] dz = ReferenceActivations.Backward(layer.Activation, z[l], a[l + 1], da, layer.Slope);
                if (layer.Kind == LayerKind.Dropout && dropout is not null)
                {
                    dz = dropout.Apply(layer, l + 1, s, dz); // dA_prev = dA ⊙ M / (1 − rate), the forward pass's mask
                }
                da = ReferenceLayers.Backward(layer, parameters, a[l], dz, gradients);
            }
        }

        return lossSum;
    }

    /// <summary>Z and A of every layer for one sample: A[0] is the input, Z[l] and A[l + 1] are layer l's.</summary>
    private static (double[][] Z, double[][] Activations) Trace(NetworkArchitecture architecture, ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, ReferenceDropout? dropout, int sample)
    {
        int layers = architecture.Layers.Count;
        var z = new double[layers][];
        var a = new double[layers + 1][];
        a[0] = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            a[0][i] = input[i];
        }

        for (int l = 0; l < layers; l++)
        {
            LayerInfo layer = architecture.Layers[l];
            z[l] = ReferenceLayers.Forward(layer, parameters, a[l]);
            if (layer.Kind == LayerKind.Dropout && dropout is not null)
            {
                z[l] = dropout.Apply(layer, l + 1, sample, z[l]); // A = A_prev ⊙ M / (1 − rate)
            }

            a[l + 1] = ReferenceActivations.Apply(layer.Activation, z[l], layer.Slope);
        }

        return (z, a);
    }

    /// <summary>Sample <paramref name="s"/>'s target as a vector: sparse labels become one-hot.</summary>
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
