namespace Dendrite.Tests.Reference;

/// <summary>Every activation of <see cref="ReferenceNetwork"/>, forward and backward, from the definitions.</summary>
internal static class ReferenceActivations
{
    /// <summary>a = g(z), element by element, or the softmax of the whole vector.</summary>
    public static double[] Apply(Activation activation, double[] z)
    {
        if (activation == Activation.Softmax)
        {
            double max = z.Max();
            double total = z.Sum(v => Math.Exp(v - max));
            return z.Select(v => Math.Exp(v - max) / total).ToArray();
        }

        return z.Select(v => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => Math.Max(0, v),
            Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
            Activation.Tanh => Math.Tanh(v),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "no reference for this activation"),
        }).ToArray();
    }

    /// <summary>
    /// dz = ∂loss/∂z from da = ∂loss/∂a, with a = g(z): da ⊙ g'(z) for the element-wise activations, and the
    /// softmax Jacobian for softmax, dz_j = a_j·(da_j − Σ_k da_k·a_k).
    /// </summary>
    public static double[] Backward(Activation activation, double[] z, double[] a, double[] da)
    {
        var dz = new double[z.Length];
        if (activation == Activation.Softmax)
        {
            double dot = 0;
            for (int k = 0; k < a.Length; k++)
            {
                dot += da[k] * a[k];
            }

            for (int j = 0; j < a.Length; j++)
            {
                dz[j] = a[j] * (da[j] - dot);
            }

            return dz;
        }

        for (int j = 0; j < z.Length; j++)
        {
            double derivative = activation switch
            {
                Activation.Linear => 1,
                Activation.ReLU => z[j] > 0 ? 1 : 0,
                Activation.Sigmoid => a[j] * (1 - a[j]),
                Activation.Tanh => 1 - (a[j] * a[j]),
                _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "no reference for this activation"),
            };
            dz[j] = da[j] * derivative;
        }

        return dz;
    }
}
