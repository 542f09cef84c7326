namespace Dendrite.Tests.Training;

/// <summary>Small seeded synthetic problems for the training tests. <see cref="Random"/> with a seed is deterministic.</summary>
internal static class SyntheticData
{
    /// <summary>The four XOR points and their labels.</summary>
    public static (float[] Inputs, float[] Targets) Xor() => ([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0]);

    /// <summary>
    /// The three-arm spiral of CS231n: <paramref name="perClass"/> points per class, radius 0 → 1 while the angle
    /// turns 4 radians, with Gaussian noise of 0.2 radians on the angle. No straight line separates two arms.
    /// </summary>
    public static (float[] Inputs, int[] Labels) Spiral(int perClass, int seed)
    {
        var random = new Random(seed);
        float[] inputs = new float[3 * perClass * 2];
        int[] labels = new int[3 * perClass];
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                int n = (c * perClass) + i;
                double r = (double)i / (perClass - 1);
                double t = (c * 4) + (4.0 * i / (perClass - 1)) + (Gaussian(random) * 0.2);
                inputs[2 * n] = (float)(r * Math.Sin(t));
                inputs[(2 * n) + 1] = (float)(r * Math.Cos(t));
                labels[n] = c;
            }
        }

        return (inputs, labels);
    }

    /// <summary>x uniform in [−π, π], y = sin x.</summary>
    public static (float[] Inputs, float[] Targets) Sine(int count, int seed)
    {
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * Math.PI)).ToArray();
        return (x, x.Select(v => (float)Math.Sin(v)).ToArray());
    }

    /// <summary>
    /// Points uniform in [−1, 1]² with three independent labels: x &gt; 0, y &gt; 0, and inside the circle
    /// x² + y² &lt; 0.5 (area π/2 of 4, so about 39% positive).
    /// </summary>
    public static (float[] Inputs, float[] Targets) Quadrants(int count, int seed)
    {
        var random = new Random(seed);
        float[] inputs = new float[count * 2];
        float[] targets = new float[count * 3];
        for (int n = 0; n < count; n++)
        {
            float x = (float)((random.NextDouble() * 2) - 1);
            float y = (float)((random.NextDouble() * 2) - 1);
            inputs[2 * n] = x;
            inputs[(2 * n) + 1] = y;
            targets[3 * n] = x > 0 ? 1 : 0;
            targets[(3 * n) + 1] = y > 0 ? 1 : 0;
            targets[(3 * n) + 2] = (x * x) + (y * y) < 0.5f ? 1 : 0;
        }

        return (inputs, targets);
    }

    /// <summary>Random inputs and one-hot targets for <paramref name="classes"/> classes.</summary>
    public static (float[] Inputs, float[] Targets) OneHot(int count, int inputSize, int classes, int seed)
    {
        var random = new Random(seed);
        float[] inputs = Enumerable.Range(0, count * inputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] targets = new float[count * classes];
        for (int n = 0; n < count; n++)
        {
            // The class depends on the inputs, so there is something to learn.
            int label = (inputs[n * inputSize] > 0 ? 1 : 0) + (inputs[(n * inputSize) + 1] > 0 ? 2 : 0);
            targets[(n * classes) + (label % classes)] = 1;
        }

        return (inputs, targets);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
