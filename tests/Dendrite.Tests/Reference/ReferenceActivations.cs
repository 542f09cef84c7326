namespace Dendrite.Tests.Reference;

/// <summary>Every activation of <see cref="ReferenceNetwork"/>, forward and backward, from the definitions.</summary>
internal static class ReferenceActivations
{
    /// <summary>a = g(z), element by element, or the softmax of the whole vector. <paramref name="slope"/>: LeakyReLU's.</summary>
    public static double[] Apply(Activation activation, double[] z, double slope = 0)
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
            Activation.LeakyReLU => v > 0 ? v : slope * v,
            Activation.ELU => v > 0 ? v : Math.Exp(v) - 1,
            Activation.GELU => v * ReferenceErf.NormalCdf(v),
            Activation.GELUTanh => 0.5 * v * (1 + Math.Tanh(GeluTanhArgument(v))),
            Activation.SiLU => v / (1 + Math.Exp(-v)),
            Activation.Softplus => Math.Log(1 + Math.Exp(v)),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "no reference for this activation"),
        }).ToArray();
    }

    /// <summary>
    /// dz = ∂loss/∂z from da = ∂loss/∂a, with a = g(z): da ⊙ g'(z) for the element-wise activations, and the
    /// softmax Jacobian for softmax, dz_j = a_j·(da_j − Σ_k da_k·a_k).
    /// </summary>
    public static double[] Backward(Activation activation, double[] z, double[] a, double[] da, double slope = 0)
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
                Activation.LeakyReLU => z[j] > 0 ? 1 : slope,
                Activation.ELU => z[j] > 0 ? 1 : Math.Exp(z[j]),
                Activation.GELU => ReferenceErf.NormalCdf(z[j]) + (z[j] * Math.Exp(-0.5 * z[j] * z[j]) / Math.Sqrt(2 * Math.PI)),
                Activation.GELUTanh => GeluTanhDerivative(z[j]),
                Activation.SiLU => Sigmoid(z[j]) * (1 + (z[j] * (1 - Sigmoid(z[j])))),
                Activation.Softplus => Sigmoid(z[j]),
                _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "no reference for this activation"),
            };
            dz[j] = da[j] * derivative;
        }

        return dz;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>u = √(2/π)(z + 0.044715z³), the argument of tanh in GELU's tanh approximation.</summary>
    private static double GeluTanhArgument(double z) => Math.Sqrt(2 / Math.PI) * (z + (0.044715 * z * z * z));

    /// <summary>d/dz ½z(1 + tanh u) = ½(1 + tanh u) + ½z(1 − tanh² u)·u'.</summary>
    private static double GeluTanhDerivative(double z)
    {
        double t = Math.Tanh(GeluTanhArgument(z));
        return (0.5 * (1 + t)) + (0.5 * z * (1 - (t * t)) * Math.Sqrt(2 / Math.PI) * (1 + (3 * 0.044715 * z * z)));
    }
}
