using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace Dendrite.Benchmarks;

/// <summary>
/// The evidence behind the Dense forward block shapes (Planning/KernelBlocks.cs): Z = X·Wᵀ for 60 samples through 240
/// of workload B's 784-input units, in the dot-product form the generated kernels use, with five register blocks written
/// out by hand: 4 samples × 2 units, 5 × 3 and 6 × 4 over 256-bit vectors (6 × 4 reducing each sample's four
/// accumulators together with horizontal adds, as the generated HorizontalSums does), 4 × 4 and 5 × 3 over 512-bit
/// vectors. 60 × 240 is a whole number of blocks of every shape, so every case does the same work:
/// GFLOP/s = 2 · 60 · 784 · 240 / time (until 2026-11-30 the sizes were 64 × 256, which 5 × 3 blocks do not tile, and
/// its rate was overstated by 7 %). Buffers are 64-byte aligned. On the Zen 4 machine of bench/README.md the 512-bit
/// FMA rate equals the 256-bit one (<c>peak</c> measures both), so 512-bit vectors buy nothing there, while the 24
/// accumulators of 6 × 4 (which need AVX-512's 32 registers) and its cheaper reduction do.
/// </summary>
public class KernelShapeBenchmarks
{
    private const int N = 784, U = 240, S = 60;
    private float[] _x = [];
    private float[] _w = [];
    private float[] _z = new float[S * U];
    private int _xo, _wo;
    private readonly float[] _weightsA = new float[20_175];
    private readonly float[] _weightsB = new float[235_146];

    [GlobalSetup]
    public void Setup()
    {
        _x = GC.AllocateArray<float>((N * S) + 16, pinned: true);
        _w = GC.AllocateArray<float>((N * U) + 16, pinned: true);
        var random = new Random(1);
        for (int i = 0; i < _x.Length; i++) _x[i] = (float)random.NextDouble();
        for (int i = 0; i < _w.Length; i++) _w[i] = (float)random.NextDouble();
        _xo = AlignedOffset(_x);
        _wo = AlignedOffset(_w);
    }

    /// <summary>Floats to skip so the data starts on a 64-byte line (the arrays are pinned, so it stays there).</summary>
    private static int AlignedOffset(float[] values)
    {
        GCHandle handle = GCHandle.Alloc(values, GCHandleType.Pinned);
        long address = handle.AddrOfPinnedObject();
        handle.Free();
        return (int)((64 - (address % 64)) % 64 / 4);
    }

    /// <summary>
    /// One read of workload A's 20,175 parameters (80.7 KB, more than the 32 KB L1 of a Zen 4 core), as Predict reads
    /// them once per call: the floor of A's single-sample latency on one core, whatever the kernels.
    /// </summary>
    [Benchmark(Description = "read A's 80.7 KB of weights once")]
    public float ReadWorkloadAWeights() => SumOnce(_weightsA);

    /// <summary>The same for workload B's 235,146 parameters (0.94 MB, about the whole 1 MB L2 of a Zen 4 core).</summary>
    [Benchmark(Description = "read B's 0.94 MB of weights once")]
    public float ReadWorkloadBWeights() => SumOnce(_weightsB);

    /// <summary>Σ values with 8 independent accumulators and no bounds checks: loads, not adds, set the pace.</summary>
    private static float SumOnce(float[] values)
    {
        ref float first = ref MemoryMarshal.GetArrayDataReference(values);
        nuint length = (nuint)values.Length;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        nuint i = 0;
        for (; i + 64 <= length; i += 64)
        {
            a0 += Vector256.LoadUnsafe(ref first, i);
            a1 += Vector256.LoadUnsafe(ref first, i + 8);
            a2 += Vector256.LoadUnsafe(ref first, i + 16);
            a3 += Vector256.LoadUnsafe(ref first, i + 24);
            a4 += Vector256.LoadUnsafe(ref first, i + 32);
            a5 += Vector256.LoadUnsafe(ref first, i + 40);
            a6 += Vector256.LoadUnsafe(ref first, i + 48);
            a7 += Vector256.LoadUnsafe(ref first, i + 56);
        }

        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
    }

    [Benchmark(Description = "4x2 over Vector256")]
    public float V256Block4x2()
    {
        K256_4x2(_x.AsSpan(_xo), _w.AsSpan(_wo), _z);
        return _z[0];
    }

    [Benchmark(Description = "5x3 over Vector256")]
    public float V256Block5x3()
    {
        K256_5x3(_x.AsSpan(_xo), _w.AsSpan(_wo), _z);
        return _z[0];
    }

    [Benchmark(Description = "6x4 over Vector256, horizontal-add reduction")]
    public float V256Block6x4()
    {
        K256_6x4(_x.AsSpan(_xo), _w.AsSpan(_wo), _z);
        return _z[0];
    }

    [Benchmark(Description = "4x4 over Vector512")]
    public float V512Block4x4()
    {
        K512_4x4(_x.AsSpan(_xo), _w.AsSpan(_wo), _z);
        return _z[0];
    }

    [Benchmark(Description = "5x3 over Vector512")]
    public float V512Block5x3()
    {
        K512_5x3(_x.AsSpan(_xo), _w.AsSpan(_wo), _z);
        return _z[0];
    }

    private static void K256_4x2(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> z)
    {
        for (int s = 0; s + 4 <= S; s += 4)
        {
            for (int j = 0; j + 2 <= U; j += 2)
            {
                ref float xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), s * N);
                ref float wj = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), j * N);
                nuint n = N;
                Vector256<float> a00 = default; Vector256<float> a01 = default;
                Vector256<float> a10 = default; Vector256<float> a11 = default;
                Vector256<float> a20 = default; Vector256<float> a21 = default;
                Vector256<float> a30 = default; Vector256<float> a31 = default;
                for (nuint k = 0; k + 8 <= n; k += 8)
                {
                    Vector256<float> w0 = Vector256.LoadUnsafe(ref wj, (0 * n) + k);
                    Vector256<float> w1 = Vector256.LoadUnsafe(ref wj, (1 * n) + k);
                    Vector256<float> x0 = Vector256.LoadUnsafe(ref xs, (0 * n) + k);
                    a00 = Vector256.MultiplyAddEstimate(x0, w0, a00);
                    a01 = Vector256.MultiplyAddEstimate(x0, w1, a01);
                    Vector256<float> x1 = Vector256.LoadUnsafe(ref xs, (1 * n) + k);
                    a10 = Vector256.MultiplyAddEstimate(x1, w0, a10);
                    a11 = Vector256.MultiplyAddEstimate(x1, w1, a11);
                    Vector256<float> x2 = Vector256.LoadUnsafe(ref xs, (2 * n) + k);
                    a20 = Vector256.MultiplyAddEstimate(x2, w0, a20);
                    a21 = Vector256.MultiplyAddEstimate(x2, w1, a21);
                    Vector256<float> x3 = Vector256.LoadUnsafe(ref xs, (3 * n) + k);
                    a30 = Vector256.MultiplyAddEstimate(x3, w0, a30);
                    a31 = Vector256.MultiplyAddEstimate(x3, w1, a31);
                }

                z[((s + 0) * U) + j + 0] = Vector256.Sum(a00);
                z[((s + 0) * U) + j + 1] = Vector256.Sum(a01);
                z[((s + 1) * U) + j + 0] = Vector256.Sum(a10);
                z[((s + 1) * U) + j + 1] = Vector256.Sum(a11);
                z[((s + 2) * U) + j + 0] = Vector256.Sum(a20);
                z[((s + 2) * U) + j + 1] = Vector256.Sum(a21);
                z[((s + 3) * U) + j + 0] = Vector256.Sum(a30);
                z[((s + 3) * U) + j + 1] = Vector256.Sum(a31);
            }
        }
    }

    private static void K256_5x3(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> z)
    {
        for (int s = 0; s + 5 <= S; s += 5)
        {
            for (int j = 0; j + 3 <= U; j += 3)
            {
                ref float xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), s * N);
                ref float wj = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), j * N);
                nuint n = N;
                Vector256<float> a00 = default; Vector256<float> a01 = default; Vector256<float> a02 = default;
                Vector256<float> a10 = default; Vector256<float> a11 = default; Vector256<float> a12 = default;
                Vector256<float> a20 = default; Vector256<float> a21 = default; Vector256<float> a22 = default;
                Vector256<float> a30 = default; Vector256<float> a31 = default; Vector256<float> a32 = default;
                Vector256<float> a40 = default; Vector256<float> a41 = default; Vector256<float> a42 = default;
                for (nuint k = 0; k + 8 <= n; k += 8)
                {
                    Vector256<float> w0 = Vector256.LoadUnsafe(ref wj, (0 * n) + k);
                    Vector256<float> w1 = Vector256.LoadUnsafe(ref wj, (1 * n) + k);
                    Vector256<float> w2 = Vector256.LoadUnsafe(ref wj, (2 * n) + k);
                    Vector256<float> x0 = Vector256.LoadUnsafe(ref xs, (0 * n) + k);
                    a00 = Vector256.MultiplyAddEstimate(x0, w0, a00);
                    a01 = Vector256.MultiplyAddEstimate(x0, w1, a01);
                    a02 = Vector256.MultiplyAddEstimate(x0, w2, a02);
                    Vector256<float> x1 = Vector256.LoadUnsafe(ref xs, (1 * n) + k);
                    a10 = Vector256.MultiplyAddEstimate(x1, w0, a10);
                    a11 = Vector256.MultiplyAddEstimate(x1, w1, a11);
                    a12 = Vector256.MultiplyAddEstimate(x1, w2, a12);
                    Vector256<float> x2 = Vector256.LoadUnsafe(ref xs, (2 * n) + k);
                    a20 = Vector256.MultiplyAddEstimate(x2, w0, a20);
                    a21 = Vector256.MultiplyAddEstimate(x2, w1, a21);
                    a22 = Vector256.MultiplyAddEstimate(x2, w2, a22);
                    Vector256<float> x3 = Vector256.LoadUnsafe(ref xs, (3 * n) + k);
                    a30 = Vector256.MultiplyAddEstimate(x3, w0, a30);
                    a31 = Vector256.MultiplyAddEstimate(x3, w1, a31);
                    a32 = Vector256.MultiplyAddEstimate(x3, w2, a32);
                    Vector256<float> x4 = Vector256.LoadUnsafe(ref xs, (4 * n) + k);
                    a40 = Vector256.MultiplyAddEstimate(x4, w0, a40);
                    a41 = Vector256.MultiplyAddEstimate(x4, w1, a41);
                    a42 = Vector256.MultiplyAddEstimate(x4, w2, a42);
                }

                z[((s + 0) * U) + j + 0] = Vector256.Sum(a00);
                z[((s + 0) * U) + j + 1] = Vector256.Sum(a01);
                z[((s + 0) * U) + j + 2] = Vector256.Sum(a02);
                z[((s + 1) * U) + j + 0] = Vector256.Sum(a10);
                z[((s + 1) * U) + j + 1] = Vector256.Sum(a11);
                z[((s + 1) * U) + j + 2] = Vector256.Sum(a12);
                z[((s + 2) * U) + j + 0] = Vector256.Sum(a20);
                z[((s + 2) * U) + j + 1] = Vector256.Sum(a21);
                z[((s + 2) * U) + j + 2] = Vector256.Sum(a22);
                z[((s + 3) * U) + j + 0] = Vector256.Sum(a30);
                z[((s + 3) * U) + j + 1] = Vector256.Sum(a31);
                z[((s + 3) * U) + j + 2] = Vector256.Sum(a32);
                z[((s + 4) * U) + j + 0] = Vector256.Sum(a40);
                z[((s + 4) * U) + j + 1] = Vector256.Sum(a41);
                z[((s + 4) * U) + j + 2] = Vector256.Sum(a42);
            }
        }
    }

    private static void K256_6x4(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> z)
    {
        for (int s = 0; s + 6 <= S; s += 6)
        {
            for (int j = 0; j + 4 <= U; j += 4)
            {
                ref float xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), s * N);
                ref float wj = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), j * N);
                nuint n = N;
                Vector256<float> a00 = default; Vector256<float> a01 = default; Vector256<float> a02 = default; Vector256<float> a03 = default;
                Vector256<float> a10 = default; Vector256<float> a11 = default; Vector256<float> a12 = default; Vector256<float> a13 = default;
                Vector256<float> a20 = default; Vector256<float> a21 = default; Vector256<float> a22 = default; Vector256<float> a23 = default;
                Vector256<float> a30 = default; Vector256<float> a31 = default; Vector256<float> a32 = default; Vector256<float> a33 = default;
                Vector256<float> a40 = default; Vector256<float> a41 = default; Vector256<float> a42 = default; Vector256<float> a43 = default;
                Vector256<float> a50 = default; Vector256<float> a51 = default; Vector256<float> a52 = default; Vector256<float> a53 = default;
                for (nuint k = 0; k + 8 <= n; k += 8)
                {
                    Vector256<float> w0 = Vector256.LoadUnsafe(ref wj, (0 * n) + k);
                    Vector256<float> w1 = Vector256.LoadUnsafe(ref wj, (1 * n) + k);
                    Vector256<float> w2 = Vector256.LoadUnsafe(ref wj, (2 * n) + k);
                    Vector256<float> w3 = Vector256.LoadUnsafe(ref wj, (3 * n) + k);
                    Vector256<float> x0 = Vector256.LoadUnsafe(ref xs, (0 * n) + k);
                    a00 = Vector256.MultiplyAddEstimate(x0, w0, a00);
                    a01 = Vector256.MultiplyAddEstimate(x0, w1, a01);
                    a02 = Vector256.MultiplyAddEstimate(x0, w2, a02);
                    a03 = Vector256.MultiplyAddEstimate(x0, w3, a03);
                    Vector256<float> x1 = Vector256.LoadUnsafe(ref xs, (1 * n) + k);
                    a10 = Vector256.MultiplyAddEstimate(x1, w0, a10);
                    a11 = Vector256.MultiplyAddEstimate(x1, w1, a11);
                    a12 = Vector256.MultiplyAddEstimate(x1, w2, a12);
                    a13 = Vector256.MultiplyAddEstimate(x1, w3, a13);
                    Vector256<float> x2 = Vector256.LoadUnsafe(ref xs, (2 * n) + k);
                    a20 = Vector256.MultiplyAddEstimate(x2, w0, a20);
                    a21 = Vector256.MultiplyAddEstimate(x2, w1, a21);
                    a22 = Vector256.MultiplyAddEstimate(x2, w2, a22);
                    a23 = Vector256.MultiplyAddEstimate(x2, w3, a23);
                    Vector256<float> x3 = Vector256.LoadUnsafe(ref xs, (3 * n) + k);
                    a30 = Vector256.MultiplyAddEstimate(x3, w0, a30);
                    a31 = Vector256.MultiplyAddEstimate(x3, w1, a31);
                    a32 = Vector256.MultiplyAddEstimate(x3, w2, a32);
                    a33 = Vector256.MultiplyAddEstimate(x3, w3, a33);
                    Vector256<float> x4 = Vector256.LoadUnsafe(ref xs, (4 * n) + k);
                    a40 = Vector256.MultiplyAddEstimate(x4, w0, a40);
                    a41 = Vector256.MultiplyAddEstimate(x4, w1, a41);
                    a42 = Vector256.MultiplyAddEstimate(x4, w2, a42);
                    a43 = Vector256.MultiplyAddEstimate(x4, w3, a43);
                    Vector256<float> x5 = Vector256.LoadUnsafe(ref xs, (5 * n) + k);
                    a50 = Vector256.MultiplyAddEstimate(x5, w0, a50);
                    a51 = Vector256.MultiplyAddEstimate(x5, w1, a51);
                    a52 = Vector256.MultiplyAddEstimate(x5, w2, a52);
                    a53 = Vector256.MultiplyAddEstimate(x5, w3, a53);
                }

                Sums(a00, a01, a02, a03).StoreUnsafe(ref z[((s + 0) * U) + j]);
                Sums(a10, a11, a12, a13).StoreUnsafe(ref z[((s + 1) * U) + j]);
                Sums(a20, a21, a22, a23).StoreUnsafe(ref z[((s + 2) * U) + j]);
                Sums(a30, a31, a32, a33).StoreUnsafe(ref z[((s + 3) * U) + j]);
                Sums(a40, a41, a42, a43).StoreUnsafe(ref z[((s + 4) * U) + j]);
                Sums(a50, a51, a52, a53).StoreUnsafe(ref z[((s + 5) * U) + j]);
            }
        }
    }

    /// <summary>(Σ a, Σ b, Σ c, Σ d) with three horizontal adds and one add, as the generated HorizontalSums.</summary>
    private static Vector128<float> Sums(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        if (!Avx.IsSupported)
        {
            return Vector128.Create(Vector256.Sum(a), Vector256.Sum(b), Vector256.Sum(c), Vector256.Sum(d));
        }

        Vector256<float> quads = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
        return quads.GetLower() + quads.GetUpper();
    }

    private static void K512_4x4(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> z)
    {
        for (int s = 0; s + 4 <= S; s += 4)
        {
            for (int j = 0; j + 4 <= U; j += 4)
            {
                ref float xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), s * N);
                ref float wj = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), j * N);
                nuint n = N;
                Vector512<float> a00 = default; Vector512<float> a01 = default; Vector512<float> a02 = default; Vector512<float> a03 = default;
                Vector512<float> a10 = default; Vector512<float> a11 = default; Vector512<float> a12 = default; Vector512<float> a13 = default;
                Vector512<float> a20 = default; Vector512<float> a21 = default; Vector512<float> a22 = default; Vector512<float> a23 = default;
                Vector512<float> a30 = default; Vector512<float> a31 = default; Vector512<float> a32 = default; Vector512<float> a33 = default;
                for (nuint k = 0; k + 16 <= n; k += 16)
                {
                    Vector512<float> w0 = Vector512.LoadUnsafe(ref wj, (0 * n) + k);
                    Vector512<float> w1 = Vector512.LoadUnsafe(ref wj, (1 * n) + k);
                    Vector512<float> w2 = Vector512.LoadUnsafe(ref wj, (2 * n) + k);
                    Vector512<float> w3 = Vector512.LoadUnsafe(ref wj, (3 * n) + k);
                    Vector512<float> x0 = Vector512.LoadUnsafe(ref xs, (0 * n) + k);
                    a00 = Vector512.MultiplyAddEstimate(x0, w0, a00);
                    a01 = Vector512.MultiplyAddEstimate(x0, w1, a01);
                    a02 = Vector512.MultiplyAddEstimate(x0, w2, a02);
                    a03 = Vector512.MultiplyAddEstimate(x0, w3, a03);
                    Vector512<float> x1 = Vector512.LoadUnsafe(ref xs, (1 * n) + k);
                    a10 = Vector512.MultiplyAddEstimate(x1, w0, a10);
                    a11 = Vector512.MultiplyAddEstimate(x1, w1, a11);
                    a12 = Vector512.MultiplyAddEstimate(x1, w2, a12);
                    a13 = Vector512.MultiplyAddEstimate(x1, w3, a13);
                    Vector512<float> x2 = Vector512.LoadUnsafe(ref xs, (2 * n) + k);
                    a20 = Vector512.MultiplyAddEstimate(x2, w0, a20);
                    a21 = Vector512.MultiplyAddEstimate(x2, w1, a21);
                    a22 = Vector512.MultiplyAddEstimate(x2, w2, a22);
                    a23 = Vector512.MultiplyAddEstimate(x2, w3, a23);
                    Vector512<float> x3 = Vector512.LoadUnsafe(ref xs, (3 * n) + k);
                    a30 = Vector512.MultiplyAddEstimate(x3, w0, a30);
                    a31 = Vector512.MultiplyAddEstimate(x3, w1, a31);
                    a32 = Vector512.MultiplyAddEstimate(x3, w2, a32);
                    a33 = Vector512.MultiplyAddEstimate(x3, w3, a33);
                }

                z[((s + 0) * U) + j + 0] = Vector512.Sum(a00);
                z[((s + 0) * U) + j + 1] = Vector512.Sum(a01);
                z[((s + 0) * U) + j + 2] = Vector512.Sum(a02);
                z[((s + 0) * U) + j + 3] = Vector512.Sum(a03);
                z[((s + 1) * U) + j + 0] = Vector512.Sum(a10);
                z[((s + 1) * U) + j + 1] = Vector512.Sum(a11);
                z[((s + 1) * U) + j + 2] = Vector512.Sum(a12);
                z[((s + 1) * U) + j + 3] = Vector512.Sum(a13);
                z[((s + 2) * U) + j + 0] = Vector512.Sum(a20);
                z[((s + 2) * U) + j + 1] = Vector512.Sum(a21);
                z[((s + 2) * U) + j + 2] = Vector512.Sum(a22);
                z[((s + 2) * U) + j + 3] = Vector512.Sum(a23);
                z[((s + 3) * U) + j + 0] = Vector512.Sum(a30);
                z[((s + 3) * U) + j + 1] = Vector512.Sum(a31);
                z[((s + 3) * U) + j + 2] = Vector512.Sum(a32);
                z[((s + 3) * U) + j + 3] = Vector512.Sum(a33);
            }
        }
    }

    private static void K512_5x3(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> z)
    {
        for (int s = 0; s + 5 <= S; s += 5)
        {
            for (int j = 0; j + 3 <= U; j += 3)
            {
                ref float xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), s * N);
                ref float wj = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), j * N);
                nuint n = N;
                Vector512<float> a00 = default; Vector512<float> a01 = default; Vector512<float> a02 = default;
                Vector512<float> a10 = default; Vector512<float> a11 = default; Vector512<float> a12 = default;
                Vector512<float> a20 = default; Vector512<float> a21 = default; Vector512<float> a22 = default;
                Vector512<float> a30 = default; Vector512<float> a31 = default; Vector512<float> a32 = default;
                Vector512<float> a40 = default; Vector512<float> a41 = default; Vector512<float> a42 = default;
                for (nuint k = 0; k + 16 <= n; k += 16)
                {
                    Vector512<float> w0 = Vector512.LoadUnsafe(ref wj, (0 * n) + k);
                    Vector512<float> w1 = Vector512.LoadUnsafe(ref wj, (1 * n) + k);
                    Vector512<float> w2 = Vector512.LoadUnsafe(ref wj, (2 * n) + k);
                    Vector512<float> x0 = Vector512.LoadUnsafe(ref xs, (0 * n) + k);
                    a00 = Vector512.MultiplyAddEstimate(x0, w0, a00);
                    a01 = Vector512.MultiplyAddEstimate(x0, w1, a01);
                    a02 = Vector512.MultiplyAddEstimate(x0, w2, a02);
                    Vector512<float> x1 = Vector512.LoadUnsafe(ref xs, (1 * n) + k);
                    a10 = Vector512.MultiplyAddEstimate(x1, w0, a10);
                    a11 = Vector512.MultiplyAddEstimate(x1, w1, a11);
                    a12 = Vector512.MultiplyAddEstimate(x1, w2, a12);
                    Vector512<float> x2 = Vector512.LoadUnsafe(ref xs, (2 * n) + k);
                    a20 = Vector512.MultiplyAddEstimate(x2, w0, a20);
                    a21 = Vector512.MultiplyAddEstimate(x2, w1, a21);
                    a22 = Vector512.MultiplyAddEstimate(x2, w2, a22);
                    Vector512<float> x3 = Vector512.LoadUnsafe(ref xs, (3 * n) + k);
                    a30 = Vector512.MultiplyAddEstimate(x3, w0, a30);
                    a31 = Vector512.MultiplyAddEstimate(x3, w1, a31);
                    a32 = Vector512.MultiplyAddEstimate(x3, w2, a32);
                    Vector512<float> x4 = Vector512.LoadUnsafe(ref xs, (4 * n) + k);
                    a40 = Vector512.MultiplyAddEstimate(x4, w0, a40);
                    a41 = Vector512.MultiplyAddEstimate(x4, w1, a41);
                    a42 = Vector512.MultiplyAddEstimate(x4, w2, a42);
                }

                z[((s + 0) * U) + j + 0] = Vector512.Sum(a00);
                z[((s + 0) * U) + j + 1] = Vector512.Sum(a01);
                z[((s + 0) * U) + j + 2] = Vector512.Sum(a02);
                z[((s + 1) * U) + j + 0] = Vector512.Sum(a10);
                z[((s + 1) * U) + j + 1] = Vector512.Sum(a11);
                z[((s + 1) * U) + j + 2] = Vector512.Sum(a12);
                z[((s + 2) * U) + j + 0] = Vector512.Sum(a20);
                z[((s + 2) * U) + j + 1] = Vector512.Sum(a21);
                z[((s + 2) * U) + j + 2] = Vector512.Sum(a22);
                z[((s + 3) * U) + j + 0] = Vector512.Sum(a30);
                z[((s + 3) * U) + j + 1] = Vector512.Sum(a31);
                z[((s + 3) * U) + j + 2] = Vector512.Sum(a32);
                z[((s + 4) * U) + j + 0] = Vector512.Sum(a40);
                z[((s + 4) * U) + j + 1] = Vector512.Sum(a41);
                z[((s + 4) * U) + j + 2] = Vector512.Sum(a42);
            }
        }
    }

}
