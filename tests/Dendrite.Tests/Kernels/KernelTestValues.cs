namespace Dendrite.Tests.Kernels;

/// <summary>The seeded test inputs the kernel tests draw: the same values for the same seed on every run.</summary>
internal static class KernelTestValues
{
    /// <summary><paramref name="count"/> values in [0, 1).</summary>
    public static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary><paramref name="count"/> values in [−1, 1).</summary>
    public static float[] Symmetric(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
