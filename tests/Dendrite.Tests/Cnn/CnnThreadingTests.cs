using Dendrite.Tests.Kernels;
using Dendrite.Tests.Reference;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>
/// A convolutional network's training step split across two threads (samples in phase 1, kernel rows in phase 2)
/// gives the same gradients, bit for bit, as one thread, and the same as the double-precision
/// <see cref="ReferenceNetwork"/>'s backward pass.
/// </summary>
[Collection(nameof(ThreadSettingCollection))]
public sealed class CnnThreadingTests
{
    private const int Batch = 9; // two shards of whole 4-sample blocks, and a remainder

    [Fact]
    public void One_and_two_threads_give_bit_identical_gradients()
    {
        var network = new FashionCnn(seed: 5);
        var random = new Random(17);
        float[] inputs = Enumerable.Range(0, Batch * FashionCnn.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, Batch).Select(s => (s * 7) % FashionCnn.OutputSize).ToArray();
        var outputs = new float[Batch * FashionCnn.OutputSize];

        float[] single = Gradients(network, inputs, labels, outputs, threads: 1, out float singleLoss);
        float[] dual = Gradients(network, inputs, labels, outputs, threads: 2, out float dualLoss);

        Assert.True(single.AsSpan().SequenceEqual(dual), "1 and 2 threads gave different gradients.");
        Assert.Equal(singleLoss, dualLoss);
        Assert.Contains(single, g => g != 0f);

        var expected = new double[FashionCnn.ParameterCount];
        double expectedLoss = ReferenceNetwork.Gradients(
            FashionCnn.Architecture, network.Parameters.ToArray().Select(v => (double)v).ToArray(), inputs, labels, null, expected);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - dual[i]) <= 1e-4 * scale, $"gradient {i}: expected {expected[i]:R} (double reference), found {dual[i]:R}");
        }

        Assert.Equal(expectedLoss, dualLoss, 1e-4 * Math.Max(1, expectedLoss));
    }

    /// <summary>
    /// The same for a network that pools by averaging only (AveragePooling2D with overlap-free and Same-padded windows,
    /// then GlobalAveragePooling2D): the pooling backward passes accumulate per sample, so the split cannot change a bit.
    /// </summary>
    [Fact]
    public void Average_pooling_gives_bit_identical_gradients_at_one_and_two_threads()
    {
        const int batch = 16;
        var network = new AveragePoolingCnn(seed: 5);
        var random = new Random(19);
        float[] inputs = Enumerable.Range(0, batch * AveragePoolingCnn.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, batch).Select(s => (s * 3) % AveragePoolingCnn.OutputSize).ToArray();

        float[] single = AveragePoolGradients(1, out float singleLoss);
        float[] dual = AveragePoolGradients(2, out float dualLoss);

        Assert.True(single.AsSpan().SequenceEqual(dual), "1 and 2 threads gave different gradients.");
        Assert.Equal(singleLoss, dualLoss);

        var expected = new double[AveragePoolingCnn.ParameterCount];
        double expectedLoss = ReferenceNetwork.Gradients(
            AveragePoolingCnn.Architecture, network.Parameters.ToArray().Select(v => (double)v).ToArray(), inputs, labels, null, expected);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - dual[i]) <= 1e-4 * scale, $"gradient {i}: expected {expected[i]:R} (double reference), found {dual[i]:R}");
        }

        Assert.Equal(expectedLoss, dualLoss, 1e-4 * Math.Max(1, expectedLoss));

        float[] AveragePoolGradients(int threads, out float loss)
        {
            (float[] gradients, loss) = ThreadSettings.WithMaxThreads(threads, () =>
            {
                // The step must really be split: 12·12·16·27 + 6·6·24·144 multiply-adds per sample in the convolutions alone.
                Assert.Equal(threads, Parallelism.ThreadsFor(batch * ((12L * 12 * 16 * 27) + (6L * 6 * 24 * 144))));
                var gradients = new float[AveragePoolingCnn.ParameterCount];
                Array.Fill(gradients, float.NaN);
                float loss = network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, new float[batch * AveragePoolingCnn.OutputSize]);
                Assert.DoesNotContain(gradients, float.IsNaN);
                return (gradients, loss);
            });
            return gradients;
        }
    }

    private static float[] Gradients(FashionCnn network, float[] inputs, int[] labels, float[] outputs, int threads, out float loss)
    {
        (float[] gradients, loss) = ThreadSettings.WithMaxThreads(threads, () =>
        {
            // The step must really be split: 26·26·32·9 + 11·11·64·288 multiply-adds per sample in the convolutions alone.
            Assert.Equal(threads, Parallelism.ThreadsFor(Batch * ((26L * 26 * 32 * 9) + (11L * 11 * 64 * 288))));
            var gradients = new float[FashionCnn.ParameterCount];
            Array.Fill(gradients, float.NaN); // every gradient must be overwritten, whichever shard owns it
            float loss = network.ComputeGradients(inputs, TargetBatch.FromLabels(labels), gradients, outputs);
            Assert.DoesNotContain(gradients, float.IsNaN);
            return (gradients, loss);
        });
        return gradients;
    }
}
