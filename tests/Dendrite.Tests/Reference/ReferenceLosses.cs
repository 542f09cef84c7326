namespace Dendrite.Tests.Reference;

/// <summary>
/// Every loss of <see cref="ReferenceNetwork"/> for one sample, and its gradient with respect to the network's
/// output o (the probabilities, or the logits when FromLogits). Textbook formulas without clipping: the tests keep
/// probabilities well inside (0, 1). With FromLogits the loss applies σ or softmax to o itself, in log form.
/// </summary>
internal static class ReferenceLosses
{
    /// <summary>The loss of one sample with target <paramref name="y"/> (sparse labels as one-hot vectors).</summary>
    public static double Loss(Loss loss, bool fromLogits, double[] o, double[] y)
    {
        int n = o.Length;
        double sum = 0;
        switch (loss)
        {
            case Dendrite.Loss.MeanSquaredError:
                // (1/n)·Σ (o − y)²
                for (int j = 0; j < n; j++)
                {
                    sum += (o[j] - y[j]) * (o[j] - y[j]);
                }

                return sum / n;
            case Dendrite.Loss.BinaryCrossentropy:
                // −(1/n)·Σ y·log p + (1 − y)·log(1 − p); from logits, log σ(o) = −softplus(−o) and log(1 − σ(o)) = −softplus(o).
                for (int j = 0; j < n; j++)
                {
                    sum += fromLogits
                        ? (y[j] * Softplus(-o[j])) + ((1 - y[j]) * Softplus(o[j]))
                        : -((y[j] * Math.Log(o[j])) + ((1 - y[j]) * Math.Log(1 - o[j])));
                }

                return sum / n;
            case Dendrite.Loss.SparseCategoricalCrossentropy:
            case Dendrite.Loss.CategoricalCrossentropy:
                // −Σ y·log q; from logits, log q_j = o_j − log Σ_k e^o_k.
                double logSumExp = fromLogits ? LogSumExp(o) : 0;
                for (int j = 0; j < n; j++)
                {
                    sum -= y[j] * (fromLogits ? o[j] - logSumExp : Math.Log(o[j]));
                }

                return sum;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "no reference for this loss");
        }
    }

    /// <summary>∂loss/∂o for one sample.</summary>
    public static double[] Gradient(Loss loss, bool fromLogits, double[] o, double[] y)
    {
        int n = o.Length;
        var d = new double[n];
        switch (loss)
        {
            case Dendrite.Loss.MeanSquaredError:
                for (int j = 0; j < n; j++)
                {
                    d[j] = 2 * (o[j] - y[j]) / n;
                }

                return d;
            case Dendrite.Loss.BinaryCrossentropy:
                // From logits (σ(o) − y)/n; from probabilities (−y/p + (1 − y)/(1 − p))/n.
                for (int j = 0; j < n; j++)
                {
                    d[j] = (fromLogits ? (1 / (1 + Math.Exp(-o[j]))) - y[j] : (-y[j] / o[j]) + ((1 - y[j]) / (1 - o[j]))) / n;
                }

                return d;
            case Dendrite.Loss.SparseCategoricalCrossentropy:
            case Dendrite.Loss.CategoricalCrossentropy:
                // From logits softmax(o)_j·Σ_k y_k − y_j; from probabilities −y_j/q_j.
                double[] q = fromLogits ? ReferenceActivations.Apply(Activation.Softmax, o) : o;
                double mass = y.Sum();
                for (int j = 0; j < n; j++)
                {
                    d[j] = fromLogits ? (q[j] * mass) - y[j] : -y[j] / q[j];
                }

                return d;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "no reference for this loss");
        }
    }

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static double LogSumExp(double[] z)
    {
        double max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max)));
    }
}
