using Dendrite.Internal;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// <c>RowCopy.Copy</c> is the shuffled batch's copy (BatchAssembler): whole cache lines in vectors, the rest byte by
/// byte, and a prefetch of another row. Every bit pattern (NaN payloads, negative zero, subnormals) must arrive as it
/// was, nothing past the row may be written, and the prefetched row must not change.
/// </summary>
public class RowCopyTests
{
    public static TheoryData<int> Lengths() => [1, 3, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 784, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public unsafe void Copies_every_bit_and_nothing_past_the_row(int length)
    {
        var random = new Random(length);
        float[] source = new float[length];
        for (int i = 0; i < length; i++)
        {
            source[i] = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
        }

        source[0] = -0f;
        const int Guard = 20;
        float[] destination = Enumerable.Repeat(12345f, length + (2 * Guard)).ToArray();
        float[] next = Enumerable.Range(0, length).Select(i => (float)i).ToArray();
        float[] nextBefore = (float[])next.Clone();

        fixed (float* from = source)
        fixed (float* to = destination)
        fixed (float* ahead = next)
        {
            RowCopy.Copy(from, to + Guard, length, ahead);
        }

        for (int i = 0; i < length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(source[i]), BitConverter.SingleToInt32Bits(destination[Guard + i]));
        }

        Assert.All(destination.Take(Guard), value => Assert.Equal(12345f, value));
        Assert.All(destination.Skip(Guard + length), value => Assert.Equal(12345f, value));
        Assert.Equal(nextBefore, next);
    }

    [Fact]
    public unsafe void Copies_without_a_row_to_prefetch()
    {
        float[] source = Enumerable.Range(0, 100).Select(i => i * 0.5f).ToArray();
        float[] destination = new float[100];
        fixed (float* from = source)
        fixed (float* to = destination)
        {
            RowCopy.Copy(from, to, source.Length, null);
        }

        Assert.Equal(source, destination);
    }
}
