using Dendrite.Tests.Reference;
using Xunit;
namespace Dendrite.Tests.Runtime;

/// <summary>
/// Compares a generated network's <c>ComputeGradients</c> with central finite differences of
/// <see cref="ReferenceNetwork"/> in double precision (<see cref="FiniteDifferences"/>).
/// </summary>
internal static class GradientCheck
{
    /// <summary>
    /// Relative tolerance: |generated − numeric| ≤ RelativeTolerance·|numeric| + AbsoluteFloor·max|numeric|.
    /// The generated gradient is computed in float (about 7 significant digits, with rounding accumulating over a
    /// few hundred terms), so 1e-3 leaves room for that and still catches any wrong derivative, which is off by
    /// a factor, a sign or a missing term. The floor ignores entries at the level of float noise.
    /// </summary>
    public const double RelativeTolerance = 1e-3;

    /// <summary>Entries smaller than this fraction of the largest gradient are compared absolutely.</summary>
    public const double AbsoluteFloor = 1e-5;

    private const int Samples = 5;

    public static void Run<TNetwork>(TNetwork network, int seed)
        where TNetwork : class, INetwork<TNetwork>
    {
        NetworkArchitecture architecture = TNetwork.Architecture;
        var random = new Random(seed);
        int inSize = TNetwork.InputSize;
        int outSize = TNetwork.OutputSize;
        float[] inputs = Enumerable.Range(0, Samples * inSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

        // Non-zero biases, so the checks do not depend on the zero initial biases.
        Span<float> parameters = network.Parameters;
        foreach (LayerInfo layer in architecture.Layers)
        {
            for (int j = 0; j < layer.BiasCount; j++)
            {
                parameters[layer.BiasOffset + j] = (float)((random.NextDouble() - 0.5) * 0.2);
            }
        }

        int[]? labels = null;
        float[]? targets = null;
        if (architecture.TargetKind == TargetKind.ClassLabels)
        {
            labels = Enumerable.Range(0, Samples).Select(_ => random.Next(outSize)).ToArray();
        }
        else
        {
            targets = MakeTargets(architecture, random);
        }

        TargetBatch batch = labels is not null ? TargetBatch.FromLabels(labels) : TargetBatch.FromValues(targets);
        float[] gradients = new float[TNetwork.ParameterCount];
        float[] outputs = new float[Samples * outSize];
        float lossSum = network.ComputeGradients(inputs, batch, gradients, outputs);

        double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();

        // The reference must first agree with the generated forward, or the comparison below means nothing.
        float[] predicted = new float[Samples * outSize];
        network.PredictBatch(inputs, predicted);
        for (int s = 0; s < Samples; s++)
        {
            double[] reference = ReferenceNetwork.Forward(architecture, theta, inputs.AsSpan(s * inSize, inSize));
            float[] single = new float[outSize];
            network.Predict(inputs.AsSpan(s * inSize, inSize), single);
            for (int j = 0; j < outSize; j++)
            {
                AssertClose(reference[j], predicted[(s * outSize) + j], 1e-5, $"PredictBatch output {j} of sample {s}");
                AssertClose(reference[j], single[j], 1e-5, $"Predict output {j} of sample {s}");
                AssertClose(reference[j], outputs[(s * outSize) + j], 1e-5, $"ComputeGradients output {j} of sample {s}");
            }
        }

        double cost = ReferenceNetwork.Cost(architecture, theta, inputs, labels, targets);
        AssertClose(cost * Samples, lossSum, 1e-5, "loss sum");

        double[] numeric = FiniteDifferences.Gradient(architecture, theta, inputs, labels, targets);

        double largest = numeric.Max(Math.Abs);
        Assert.True(largest > 1e-6, $"{architecture.Name}: every numeric gradient is ~0; the check would prove nothing.");
        int checkedEntries = 0;
        for (int k = 0; k < theta.Length; k++)
        {
            double allowed = (RelativeTolerance * Math.Abs(numeric[k])) + (AbsoluteFloor * largest);
            double error = Math.Abs(gradients[k] - numeric[k]);
            Assert.True(
                error <= allowed,
                $"{architecture.Name}: parameter {k} ({Locate(architecture, k)}): generated {gradients[k]:R}, numeric {numeric[k]:R}, error {error:G3} > allowed {allowed:G3}.");
            if (Math.Abs(numeric[k]) > AbsoluteFloor * largest)
            {
                checkedEntries++;
            }
        }

        // Most entries must be large enough to be checked relatively, or the floor would hide a broken layer.
        Assert.True(checkedEntries > theta.Length / 2, $"{architecture.Name}: only {checkedEntries} of {theta.Length} gradients were above the floor.");
    }

    private static float[] MakeTargets(NetworkArchitecture architecture, Random random)
    {
        int n = architecture.OutputSize;
        float[] targets = new float[Samples * n];
        for (int s = 0; s < Samples; s++)
        {
            Span<float> row = targets.AsSpan(s * n, n);
            switch (architecture.Loss, architecture.OutputActivation)
            {
                case (Loss.CategoricalCrossentropy, _):
                case (Loss.MeanSquaredError, Activation.Softmax):
                    // A probability vector (soft labels), which exercises more than a one-hot target would.
                    double[] weights = Enumerable.Range(0, n).Select(_ => random.NextDouble() + 0.1).ToArray();
                    double total = weights.Sum();
                    for (int j = 0; j < n; j++)
                    {
                        row[j] = (float)(weights[j] / total);
                    }

                    break;
                case (Loss.BinaryCrossentropy, _):
                    // Alternating hard and soft labels.
                    for (int j = 0; j < n; j++)
                    {
                        row[j] = (s + j) % 2 == 0 ? random.Next(2) : (float)random.NextDouble();
                    }

                    break;
                case (_, Activation.Tanh):
                    for (int j = 0; j < n; j++)
                    {
                        row[j] = (float)((random.NextDouble() * 2) - 1);
                    }

                    break;
                default:
                    for (int j = 0; j < n; j++)
                    {
                        row[j] = (float)random.NextDouble();
                    }

                    break;
            }
        }

        return targets;
    }

    private static string Locate(NetworkArchitecture architecture, int index)
    {
        for (int l = 0; l < architecture.Layers.Count; l++)
        {
            LayerInfo layer = architecture.Layers[l];
            if (index >= layer.WeightOffset && index < layer.WeightOffset + layer.WeightCount)
            {
                int offset = index - layer.WeightOffset;
                return $"layer {l + 1} W[{offset / layer.InputShape.Size}, {offset % layer.InputShape.Size}]";
            }

            if (index >= layer.BiasOffset && index < layer.BiasOffset + layer.BiasCount)
            {
                return $"layer {l + 1} b[{index - layer.BiasOffset}]";
            }
        }

        return "outside every layer";
    }

    private static void AssertClose(double expected, double actual, double relative, string what)
    {
        double allowed = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= allowed, $"{what}: expected {expected:R}, found {actual:R}.");
    }
}
