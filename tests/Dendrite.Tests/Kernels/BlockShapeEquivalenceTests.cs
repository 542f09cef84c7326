using Dendrite.Generated;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// The planner may cut a layer into any block shape (the 6 × 4 blocks of AVX-512 hardware, 4 × 2 elsewhere, single
/// units and samples for the remainders) because every value is computed in the same order in every shape, forward,
/// weight gradient and input gradient alike: the generated kernels of this test project, called directly on the same
/// data, give the same bits whatever the block.
/// This is what lets the JIT choose the shape by hardware without changing a result.
/// </summary>
public sealed class BlockShapeEquivalenceTests
{
    // At 8 lanes, for the dW walk (blocks of 4 vectors, then single vectors in a loop, then scalars): 59 inputs are one
    // block, 3 single vectors and 3 scalars; 43 one block, 1 vector and 3 scalars; 100 and 37 other mixes; 3 fewer than
    // a vector. At 16 lanes (vector512: true on AVX-512 hardware, the 512-bit twins): 150 is two blocks, 1 vector and
    // 6 scalars; 100 one block, 2 vectors and 4 scalars; 59 and 43 vectors and scalars only.
    public static TheoryData<int, bool> InputSizes
    {
        get
        {
            var data = new TheoryData<int, bool>();
            foreach (int inputs in new[] { 3, 37, 43, 59, 100, 150 })
            {
                data.Add(inputs, false);
                data.Add(inputs, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(InputSizes))]
    public void Forward_blocks_of_6x4_4x2_and_4x1_give_the_same_bits(int inputs, bool vector512)
    {
        const int Samples = 24, Units = 8; // whole blocks of 6 × 4 and of 4 × 2
        float[] x = KernelTestValues.Symmetric(Samples * inputs, 1);
        float[] parameters = KernelTestValues.Symmetric((Units * inputs) + Units, 2);
        int biases = Units * inputs;
        float[] wide = new float[Samples * Units], pairs = new float[Samples * Units], single = new float[Samples * Units];
        for (int s = 0; s < Samples; s += 6)
        {
            for (int j = 0; j < Units; j += 4)
            {
                Kernels_Dendrite_Tests_2c3a7911.DenseForward6x4(x, parameters, wide, 0, biases, s, j, inputs, Units, vector512);
            }
        }

        for (int s = 0; s < Samples; s += 4)
        {
            for (int j = 0; j < Units; j += 2)
            {
                Kernels_Dendrite_Tests_2c3a7911.DenseForward4x2(x, parameters, pairs, 0, biases, s, j, inputs, Units, vector512);
            }

            for (int j = 0; j < Units; j++)
            {
                Kernels_Dendrite_Tests_2c3a7911.DenseForward4x1(x, parameters, single, 0, biases, s, j, inputs, Units, vector512);
            }
        }

        Assert.True(wide.AsSpan().SequenceEqual(pairs), $"{inputs} inputs, vector512 {vector512}: 6 × 4 and 4 × 2 blocks differ");
        Assert.True(wide.AsSpan().SequenceEqual(single), $"{inputs} inputs, vector512 {vector512}: 6 × 4 and 4 × 1 blocks differ");
        Assert.DoesNotContain(0f, wide);
    }

    /// <summary>
    /// The single-sample blocks Predict runs reduce four units at a time (HorizontalSums) and the rest one by one
    /// (1 × 7: one group of four and three single units; 1 × 9 and 1 × 10: two groups and the rest); each must give the
    /// bits of 4 × 1 blocks, which reduce every unit on its own (HorizontalSum).
    /// </summary>
    [Theory]
    [MemberData(nameof(InputSizes))]
    public void Single_sample_blocks_of_7_to_10_units_give_the_bits_of_4x1(int inputs, bool vector512)
    {
        const int Samples = 4, Units = 40;
        float[] x = KernelTestValues.Symmetric(Samples * inputs, 7);
        float[] parameters = KernelTestValues.Symmetric((Units * inputs) + Units, 8);
        int biases = Units * inputs;
        float[] single = new float[Samples * Units];
        for (int j = 0; j < Units; j++)
        {
            Kernels_Dendrite_Tests_2c3a7911.DenseForward4x1(x, parameters, single, 0, biases, 0, j, inputs, Units, vector512);
        }

        // Each width tiles the 40 units, the last block narrower where it does not divide them.
        var blocks = new (string Name, Action<float[], int, int> Run, int Width)[]
        {
            ("1 × 8", (z, s, j) => Kernels_Dendrite_Tests_2c3a7911.DenseForward1x8(x, parameters, z, 0, biases, s, j, inputs, Units, vector512), 8),
            ("1 × 10", (z, s, j) => Kernels_Dendrite_Tests_2c3a7911.DenseForward1x10(x, parameters, z, 0, biases, s, j, inputs, Units, vector512), 10),
            ("1 × 9", (z, s, j) => Kernels_Dendrite_Tests_2c3a7911.DenseForward1x9(x, parameters, z, 0, biases, s, j, inputs, Units, vector512), 9),
            ("1 × 7", (z, s, j) => Kernels_Dendrite_Tests_2c3a7911.DenseForward1x7(x, parameters, z, 0, biases, s, j, inputs, Units, vector512), 7),
        };
        foreach ((string name, Action<float[], int, int> run, int width) in blocks)
        {
            float[] blocked = new float[Samples * Units];
            for (int s = 0; s < Samples; s++)
            {
                int j = 0;
                for (; j + width <= Units; j += width)
                {
                    run(blocked, s, j);
                }

                for (; j < Units; j++)
                {
                    Kernels_Dendrite_Tests_2c3a7911.DenseForward1x1(x, parameters, blocked, 0, biases, s, j, inputs, Units, vector512);
                }
            }

            Assert.True(single.AsSpan().SequenceEqual(blocked), $"{inputs} inputs, vector512 {vector512}: {name} and 4 × 1 blocks differ");
        }

        Assert.DoesNotContain(0f, single);
    }

    [Theory]
    [MemberData(nameof(InputSizes))]
    public void Weight_gradient_blocks_of_6_4_and_1_units_give_the_same_bits(int inputs, bool vector512)
    {
        const int Samples = 13, Units = 12;
        float[] x = KernelTestValues.Symmetric(Samples * inputs, 3);
        float[] dz = KernelTestValues.Symmetric(Samples * Units, 4);
        float[] wide = new float[Units * inputs], quads = new float[Units * inputs], single = new float[Units * inputs];
        for (int j = 0; j < Units; j += 6)
        {
            Kernels_Dendrite_Tests_2c3a7911.DenseWeightGradientRows6(dz, x, wide, 0, j, Samples, inputs, Units, vector512);
        }

        for (int j = 0; j < Units; j += 4)
        {
            Kernels_Dendrite_Tests_2c3a7911.DenseWeightGradientRows4(dz, x, quads, 0, j, Samples, inputs, Units, vector512);
        }

        for (int j = 0; j < Units; j++)
        {
            Kernels_Dendrite_Tests_2c3a7911.DenseWeightGradientRows1(dz, x, single, 0, j, Samples, inputs, Units, vector512);
        }

        Assert.True(wide.AsSpan().SequenceEqual(quads), $"{inputs} inputs, vector512 {vector512}: 6-unit and 4-unit blocks differ");
        Assert.True(wide.AsSpan().SequenceEqual(single), $"{inputs} inputs, vector512 {vector512}: 6-unit blocks and single units differ");
        Assert.DoesNotContain(0f, wide);
    }

    [Theory]
    [MemberData(nameof(InputSizes))]
    public void Input_gradient_blocks_of_6_4_and_1_samples_give_the_same_bits(int inputs, bool vector512)
    {
        const int Samples = 12, Units = 11; // whole blocks of 6 and of 4 samples
        float[] weights = KernelTestValues.Symmetric(Units * inputs, 5);
        float[] dz = KernelTestValues.Symmetric(Samples * Units, 6);
        float[] wide = new float[Samples * inputs], quads = new float[Samples * inputs], single = new float[Samples * inputs];
        for (int s = 0; s < Samples; s += 6)
        {
            Kernels_Dendrite_Tests_2c3a7911.DenseInputGradientRows6(dz, weights, wide, 0, s, inputs, Units, vector512);
        }

        for (int s = 0; s < Samples; s += 4)
        {
            Kernels_Dendrite_Tests_2c3a7911.DenseInputGradientRows4(dz, weights, quads, 0, s, inputs, Units, vector512);
        }

        for (int s = 0; s < Samples; s++)
        {
            Kernels_Dendrite_Tests_2c3a7911.DenseInputGradientRows1(dz, weights, single, 0, s, inputs, Units, vector512);
        }

        Assert.True(wide.AsSpan().SequenceEqual(quads), $"{inputs} inputs, vector512 {vector512}: 6-sample and 4-sample blocks differ");
        Assert.True(wide.AsSpan().SequenceEqual(single), $"{inputs} inputs, vector512 {vector512}: 6-sample blocks and single samples differ");
        Assert.DoesNotContain(0f, wide);
    }
}
