using System.Diagnostics;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Benchmarks;

/// <summary>
/// Measures this core's fused multiply-add peak at the widest vector the generated kernels use here: 512 bits where
/// <see cref="Vector512.IsHardwareAccelerated"/> (the 512-bit twins, KernelFlavour), else the <see cref="Vector{T}"/>
/// width. Twelve independent accumulator chains (enough to cover FMA latency × throughput on current x64 cores),
/// registers only, no memory traffic. The best of several rounds is the denominator of the "% of peak" columns.
/// </summary>
internal static class FmaPeak
{
    /// <summary>Floats per vector of the measured width.</summary>
    public static int Lanes => Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector<float>.Count;

    public static double MeasureGflops()
    {
        double best = 0;
        for (int round = 0; round < 7; round++)
        {
            const int Iterations = 4_000_000;
            long start = Stopwatch.GetTimestamp();
            float sink = Vector512.IsHardwareAccelerated ? Run512(Iterations) : Run(Iterations);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            double flops = 2.0 * 12 * Lanes * (double)Iterations;
            best = Math.Max(best, flops / seconds / 1e9);
            GC.KeepAlive(sink);
        }

        return best;
    }

    private static float Run(int iterations)
    {
        var m = new Vector<float>(0.999f);
        var c = new Vector<float>(1e-3f);
        Vector<float> a0 = Vector<float>.One, a1 = a0 * 2, a2 = a0 * 3, a3 = a0 * 4, a4 = a0 * 5, a5 = a0 * 6;
        Vector<float> a6 = a0 * 7, a7 = a0 * 8, a8 = a0 * 9, a9 = a0 * 10, a10 = a0 * 11, a11 = a0 * 12;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector.FusedMultiplyAdd(a0, m, c); a1 = Vector.FusedMultiplyAdd(a1, m, c);
            a2 = Vector.FusedMultiplyAdd(a2, m, c); a3 = Vector.FusedMultiplyAdd(a3, m, c);
            a4 = Vector.FusedMultiplyAdd(a4, m, c); a5 = Vector.FusedMultiplyAdd(a5, m, c);
            a6 = Vector.FusedMultiplyAdd(a6, m, c); a7 = Vector.FusedMultiplyAdd(a7, m, c);
            a8 = Vector.FusedMultiplyAdd(a8, m, c); a9 = Vector.FusedMultiplyAdd(a9, m, c);
            a10 = Vector.FusedMultiplyAdd(a10, m, c); a11 = Vector.FusedMultiplyAdd(a11, m, c);
        }

        Vector<float> sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return Vector.Sum(sum);
    }

    private static float Run512(int iterations)
    {
        var m = Vector512.Create(0.999f);
        var c = Vector512.Create(1e-3f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0 * 2, a2 = a0 * 3, a3 = a0 * 4, a4 = a0 * 5, a5 = a0 * 6;
        Vector512<float> a6 = a0 * 7, a7 = a0 * 8, a8 = a0 * 9, a9 = a0 * 10, a10 = a0 * 11, a11 = a0 * 12;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }

        Vector512<float> sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return Vector512.Sum(sum);
    }
}
