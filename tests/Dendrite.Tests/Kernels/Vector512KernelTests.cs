using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dendrite.Generated;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// A layer whose plan chose 512-bit vectors (Planning/VectorWidthPlanner) runs its kernels' 512-bit twins wherever
/// <c>Vector512.IsHardwareAccelerated</c>, with no setting from the user, and the portable <c>Vector&lt;float&gt;</c>
/// kernels otherwise; a layer that did not choose them always runs the portable ones. The summation order shows which
/// ran: a dot product's partial sums are kept per lane, so 16 lanes and 8 lanes round differently. These tests rebuild
/// both orders in scalar code and demand the exact bits of the one that should have run.
/// </summary>
public sealed class Vector512KernelTests
{
    // 784 inputs: workload B's and the digit network's first layer; 49 vectors of 16, 98 of 8, no scalar tail.
    // 150 inputs: 9 vectors of 16 and 6 left over, 18 vectors of 8 and 6 left over.
    [Theory]
    [InlineData(784, true)]
    [InlineData(784, false)]
    [InlineData(150, true)]
    [InlineData(150, false)]
    public void A_forward_value_is_summed_at_the_width_the_plan_and_the_hardware_give(int inputs, bool vector512)
    {
        const int Samples = 4, Units = 1;
        float[] x = Values(11, Samples * inputs);
        float[] parameters = Values(12, (Units * inputs) + Units);
        float[] z = new float[Samples * Units];

        Kernels_Dendrite_Tests_2c3a7911.DenseForward4x1(x, parameters, z, 0, Units * inputs, 0, 0, inputs, Units, vector512);

        bool twin = vector512 && Vector512.IsHardwareAccelerated;
        int lanes = twin ? 16 : Vector<float>.Count;
        // The twins and the portable kernels at 8 lanes with AVX reduce in HorizontalSum's tree; the portable kernels
        // at other widths (4 lanes, or 16 under DOTNET_MaxVectorTBitWidth=512) in Vector.Sum's, the runtime's own.
        bool knownTree = twin || (lanes == 8 && Avx.IsSupported);
        for (int s = 0; s < Samples; s++)
        {
            float expected = DotProductInLanes(x.AsSpan(s * inputs, inputs), parameters.AsSpan(0, inputs), lanes) + parameters[inputs];
            if (!knownTree)
            {
                // The value, not its last bit, is checked.
                Assert.Equal(expected, z[s], 4);
                continue;
            }

            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(z[s]),
                $"sample {s}, {inputs} inputs, vector512 {vector512}: the kernel gave {z[s]:R}, the {lanes}-lane order {expected:R}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_infinite_weight_among_the_inputs_a_masked_last_vector_reads_again_gives_infinity_not_NaN(bool vector512)
    {
        // 25 inputs: the last vector starts at 25 − lanes, so with 8 lanes it reads inputs 17–23 again, with 16 lanes 9–15.
        // Weights 12 and 20 are +∞ (one in each of those ranges) and every input is positive, so Z is +∞: were only the
        // inputs masked, the lanes read again would add 0·∞ = NaN.
        const int Inputs = 25, Samples = 4, Units = 1;
        float[] x = Values(13, Samples * Inputs).Select(MathF.Abs).Select(v => v + 0.5f).ToArray();
        float[] parameters = Values(14, (Units * Inputs) + Units);
        parameters[12] = float.PositiveInfinity;
        parameters[20] = float.PositiveInfinity;
        float[] z = new float[Samples * Units];

        Kernels_Dendrite_Tests_2c3a7911.DenseForward4x1(x, parameters, z, 0, Units * Inputs, 0, 0, Inputs, Units, vector512);

        Assert.All(z, value => Assert.Equal(float.PositiveInfinity, value));
    }

    [Fact]
    public void The_two_orders_differ_on_these_values_so_the_test_above_can_tell_them_apart()
    {
        float[] x = Values(11, 784), w = Values(12, 784);
        Assert.NotEqual(DotProductInLanes(x, w, 16), DotProductInLanes(x, w, 8));
    }

    /// <summary>
    /// Σ x·w as the Dense kernels sum it: lane l accumulates k ≡ l (mod lanes) with fused multiply-adds (what
    /// MultiplyAddEstimate is on FMA hardware), the lanes reduce in HorizontalSum's tree (16 lanes: halves first), then
    /// the scalar tail adds one product at a time.
    /// </summary>
    private static float DotProductInLanes(ReadOnlySpan<float> x, ReadOnlySpan<float> w, int lanes)
    {
        var acc = new float[lanes];
        float MultiplyAdd(float a, float b, float c) => Fma.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
        int k = 0;
        for (; k + lanes <= x.Length; k += lanes)
        {
            for (int l = 0; l < lanes; l++)
            {
                acc[l] = MultiplyAdd(x[k + l], w[k + l], acc[l]);
            }
        }

        // A row at least one vector long ends with the vector ending at its last input, the lanes already summed
        // masked to zero: the input n − lanes + l lands in lane l. (A shorter row is summed one input at a time, below.)
        if (k < x.Length && x.Length >= lanes)
        {
            int start = x.Length - lanes;
            for (int l = k - start; l < lanes; l++)
            {
                acc[l] = MultiplyAdd(x[start + l], w[start + l], acc[l]);
            }

            k = x.Length;
        }

        float[] h = lanes == 16 ? Enumerable.Range(0, 8).Select(i => acc[i] + acc[i + 8]).ToArray() : acc;
        float sum = h.Length == 8
            ? ((h[0] + h[1]) + (h[2] + h[3])) + ((h[4] + h[5]) + (h[6] + h[7]))
            : (h[0] + h[1]) + (h[2] + h[3]);
        for (; k < x.Length; k++)
        {
            sum += x[k] * w[k];
        }

        return sum;
    }

    private static float[] Values(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
