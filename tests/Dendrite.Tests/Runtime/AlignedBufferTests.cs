using System.Reflection;
using Dendrite.Tests.Cnn;
using Dendrite.Tests.Kernels;
using Dendrite.Tests.Normalization;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// <see cref="AlignedBuffer"/> starts on a 64-byte boundary and stays there through compacting collections; generated
/// networks keep θ in one, and <c>Fit</c>'s shuffled batches are assembled in one, so the kernels' row loads never
/// straddle two cache lines.
/// </summary>
public sealed unsafe class AlignedBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(1_000)]
    [InlineData(300_000)] // past the large-object threshold
    public void Values_start_on_a_cache_line_are_zero_and_stay_put_through_a_compacting_collection(int length)
    {
        var buffers = Enumerable.Range(0, 8).Select(_ => new AlignedBuffer(length)).ToArray();
        nuint[] before = buffers.Select(b => Address(b.Span)).ToArray();
        foreach (AlignedBuffer buffer in buffers)
        {
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            Assert.Equal(0u, Address(buffer.Span) % AlignedBuffer.Alignment);
            Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0, "a new buffer holds a value other than zero");
            buffer.Span.Fill(length);
        }

        // Garbage between them, then a full compacting collection: pinned buffers do not move.
        _ = Enumerable.Range(0, 1000).Select(i => new float[i % 97]).ToList();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        for (int i = 0; i < buffers.Length; i++)
        {
            Assert.Equal(before[i], Address(buffers[i].Span));
            Assert.True(buffers[i].Span.IndexOfAnyExcept((float)length) < 0, "values changed");
        }
    }

    [Fact]
    public void CopyOf_and_the_conversions_give_the_values_and_null_gives_an_empty_span()
    {
        var buffer = new AlignedBuffer(3);
        Span<float> writable = buffer;
        writable[2] = 7f;
        ReadOnlySpan<float> readable = buffer;
        Assert.Equal(7f, readable[2]);

        float[] values = [1f, -2f, 3.5f, float.NaN, 5f];
        AlignedBuffer copy = AlignedBuffer.CopyOf(values);
        Assert.Equal(0u, Address(copy.Span) % AlignedBuffer.Alignment);
        Assert.True(copy.Span.SequenceEqual(values), "CopyOf changed the values");
        values[0] = 9f;
        Assert.Equal(1f, copy.Span[0]); // a copy, not a view

        AlignedBuffer? none = null;
        Span<float> empty = none;
        Assert.True(empty.IsEmpty);
        Assert.True(new AlignedBuffer(0).Span.IsEmpty);
    }

    [Fact]
    public void A_negative_length_is_refused_naming_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer(-1));
        Assert.Equal("length", error.ParamName);
        Assert.Contains("-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_networks_keep_their_parameters_on_a_cache_line()
    {
        var networks = Enumerable.Range(0, 8).Select(seed => new WideDigitClassifier(seed)).ToArray();
        var normalized = Enumerable.Range(0, 8).Select(seed => new NormalizedDenseNet(seed)).ToArray();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.All(networks, n => Assert.Equal(0u, Address(n.Parameters) % AlignedBuffer.Alignment));
        Assert.All(normalized, n => Assert.Equal(0u, Address(n.Parameters) % AlignedBuffer.Alignment));
    }

    [Fact]
    public void Fit_assembles_each_shuffled_batch_on_a_cache_line_in_the_epochs_order()
    {
        const int Samples = 7, Batch = 3;
        int inputs = WideDigitClassifier.InputSize;
        float[] data = Enumerable.Range(0, Samples * inputs).Select(i => (float)i).ToArray();
        int[] labels = Enumerable.Range(0, Samples).ToArray();
        int[] order = [4, 0, 6, 2, 1, 5, 3];
        var assembler = new BatchAssembler(WideDigitClassifier.Architecture, order, Batch, shuffled: true, overlap: false);
        fixed (float* x = data)
        fixed (int* y = labels)
        {
            assembler.Attach(x, y, null);
            for (int batch = 0; batch < assembler.BatchesPerEpoch; batch++)
            {
                int count = assembler.Take(batch, out ReadOnlySpan<float> batchInputs, out _);
                Assert.Equal(0u, Address(batchInputs) % AlignedBuffer.Alignment);
                for (int k = 0; k < count; k++)
                {
                    int sample = order[(batch * Batch) + k];
                    Assert.True(batchInputs.Slice(k * inputs, inputs).SequenceEqual(data.AsSpan(sample * inputs, inputs)), $"batch {batch}, row {k}");
                }
            }

            assembler.Detach();
        }
    }

    [Fact]
    public void Generated_per_thread_buffers_that_kernels_read_start_on_a_cache_line()
    {
        // The per-thread buffers of generated code: inference scratch, batch inference's folded copy of the weights
        // (NormalizedWideDenseNet: folded Dense layers; NormalizedFashionCnn: a folded Conv2D and Dense), Predict's
        // BatchNormalization scale and shift, and a convolution's transposed weights for its input gradient (FashionCnn).
        AssertPerThreadBuffersAligned(new NormalizedWideDenseNet(seed: 1), "t_BatchNormalization2ScaleShift t_BatchNormalization4ScaleShift t_foldedParameters t_inferenceScratch");
        AssertPerThreadBuffersAligned(new NormalizedFashionCnn(seed: 1), "t_BatchNormalization2ScaleShift t_BatchNormalization6ScaleShift t_foldedParameters t_inferenceScratch");
        AssertPerThreadBuffersAligned(new FashionCnn(seed: 1), "t_Conv2D3TransposedWeights t_inferenceScratch");
    }

    /// <summary>
    /// Runs Predict, PredictBatch and a training step on this thread (one thread each, so every per-thread buffer is
    /// this thread's), then checks every [ThreadStatic] buffer of floats the generated type declares: an
    /// <see cref="AlignedBuffer"/> (never a float[], whose values start 8-byte aligned), made, and on a cache line
    /// after a compacting collection.
    /// </summary>
    private static void AssertPerThreadBuffersAligned<TNetwork>(TNetwork network, string expectedBuffers)
        where TNetwork : class, INetwork<TNetwork>
    {
        const int Samples = 4;
        float[] inputs = Enumerable.Range(0, Samples * TNetwork.InputSize).Select(i => (float)Math.Sin(i * 0.37)).ToArray();
        int[] labels = Enumerable.Range(0, Samples).Select(i => i % TNetwork.OutputSize).ToArray();
        network.Predict(inputs.AsSpan(0, TNetwork.InputSize), new float[TNetwork.OutputSize]);
        network.PredictBatch(inputs, new float[Samples * TNetwork.OutputSize], maxThreads: 1);
        new TrainingSession<TNetwork>(network, new Sgd(0.01f), maxThreads: 1).Step(inputs, TargetBatch.FromLabels(labels));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        FieldInfo[] perThread = typeof(TNetwork).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.IsDefined(typeof(ThreadStaticAttribute)) && field.FieldType != typeof(bool))
            .ToArray();
        Assert.Equal(expectedBuffers, string.Join(' ', perThread.Select(field => field.Name).Order(StringComparer.Ordinal)));
        Assert.All(perThread, field =>
        {
            Assert.True(field.FieldType == typeof(AlignedBuffer), $"{typeof(TNetwork).Name}.{field.Name} is a {field.FieldType.Name}, not an AlignedBuffer");
            var buffer = (AlignedBuffer?)field.GetValue(null);
            Assert.True(buffer is not null, $"{typeof(TNetwork).Name}.{field.Name} was not made by the calls above");
            Assert.True(Address(buffer.Span) % AlignedBuffer.Alignment == 0, $"{typeof(TNetwork).Name}.{field.Name} starts off a cache line");
        });
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("sgd-momentum")]
    [InlineData("rmsprop-centered-momentum")]
    public void The_built_in_optimizers_keep_their_state_on_cache_lines(string kind)
    {
        Optimizer optimizer = kind switch
        {
            "adam" => new Adam(),
            "adamw" => new AdamW(),
            "sgd-momentum" => new Sgd(0.01f, momentum: 0.9f),
            _ => new RmsProp(centered: true, momentum: 0.9f),
        };
        optimizer.PrepareState(1_000);

        Assert.True(optimizer.StateViewCount > 0);
        for (int i = 0; i < optimizer.StateViewCount; i++)
        {
            Assert.Equal(1_000, optimizer.StateView(i).Length);
            Assert.Equal(0u, Address(optimizer.StateView(i)) % AlignedBuffer.Alignment);
        }
    }

    private static nuint Address(ReadOnlySpan<float> values)
    {
        fixed (float* first = values)
        {
            return (nuint)first;
        }
    }
}
