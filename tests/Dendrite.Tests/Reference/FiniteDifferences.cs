namespace Dendrite.Tests.Reference;

/// <summary>∂cost/∂θ of <see cref="ReferenceNetwork.Cost"/> by central differences, in double precision.</summary>
internal static class FiniteDifferences
{
    /// <summary>
    /// Step of the central difference: small enough that no ReLU kink or max-pool switch is crossed in the test
    /// networks, large enough that double rounding (~1e-16/h) stays negligible.
    /// </summary>
    public const double Step = 1e-6;

    /// <summary>(cost(θ + h·e_k) − cost(θ − h·e_k)) / 2h for every parameter k; <paramref name="parameters"/> is left as it was.</summary>
    public static double[] Gradient(NetworkArchitecture architecture, double[] parameters, float[] inputs, int[]? labels, float[]? targets, ReferenceDropout? dropout = null)
    {
        var numeric = new double[parameters.Length];
        for (int k = 0; k < parameters.Length; k++)
        {
            double saved = parameters[k];
            parameters[k] = saved + Step;
            double plus = ReferenceNetwork.Cost(architecture, parameters, inputs, labels, targets, dropout);
            parameters[k] = saved - Step;
            double minus = ReferenceNetwork.Cost(architecture, parameters, inputs, labels, targets, dropout);
            parameters[k] = saved;
            numeric[k] = (plus - minus) / (2 * Step);
        }

        return numeric;
    }
}
