using Dendrite.Generator.Planning;
using Dendrite.Tests.Cnn;
using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// A training session's sliced passes give each thread the parameters of the units whose gradients it computed
/// (<see cref="ParameterPartition"/>). Whatever the partition, every value is checked and updated exactly once, on
/// cache-line boundaries, and the trained weights are those of one thread.
/// </summary>
[Collection(nameof(ThreadSettingCollection))] // trains at limits of 2 and 3 threads
public sealed class ParameterPartitionTests
{
    public static TheoryData<string> Networks => new() { "WideDigitClassifier", "ShardedClassifier", "FashionCnn" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_value_belongs_to_one_shard_and_shards_meet_at_cache_line_boundaries(string name)
    {
        NetworkArchitecture architecture = Architecture(name);
        ParameterPartition partition = ParameterPartition.ByLayers(architecture);
        Assert.Equal(architecture.ParameterCount, partition.Count);
        for (int shards = 1; shards <= 6; shards++)
        {
            var owner = new int[partition.Count];
            Array.Fill(owner, -1);
            ParameterPartition.Segment[][] segments = partition.For(shards);
            Assert.Equal(shards, segments.Length);
            for (int shard = 0; shard < shards; shard++)
            {
                int previousEnd = -1;
                foreach (ParameterPartition.Segment segment in segments[shard])
                {
                    Assert.True(segment.Length > 0, $"{name}, shard {shard} of {shards}: an empty segment at {segment.Start}");
                    Assert.True(segment.Start > previousEnd, $"{name}, shard {shard} of {shards}: segments out of order or touching at {segment.Start}");
                    Assert.Equal(0, segment.Start % SlicedPasses.SliceAlignment);
                    Assert.True(segment.End == partition.Count || segment.End % SlicedPasses.SliceAlignment == 0, $"{name}: a segment ends at {segment.End}");
                    for (int i = segment.Start; i < segment.End; i++)
                    {
                        Assert.True(owner[i] == -1, $"{name}, {shards} shards: value {i} in shards {owner[i]} and {shard}");
                        owner[i] = shard;
                    }

                    previousEnd = segment.End;
                }
            }

            int missing = Array.IndexOf(owner, -1);
            Assert.True(missing < 0, $"{name}, {shards} shards: value {missing} in no shard");
        }
    }

    [Fact]
    public void A_dense_layer_is_divided_at_the_units_its_weight_gradients_are_divided_at()
    {
        // WideDigitClassifier is 784-256-128-10: W[1] holds values 0–200,703, b[1] 200,704–200,959, W[2] from 200,960.
        // At 2 threads the generated weight-gradient phase gives shard 0 units 0–127 of layer 1 and 0–63 of layer 2
        // (shard · units / shards / 4 · 4), so shard 0 takes W[1]'s first 128 rows (values 0–100,351), b[1]'s first
        // 128 entries (200,704–200,831) and W[2]'s first 64 rows (200,960 + 64 · 256 = 217,344), each boundary rounded
        // to the nearest multiple of 64.
        ParameterPartition.Segment[] shard0 = ParameterPartition.ByLayers(WideDigitClassifier.Architecture).For(2)[0];
        Assert.Equal(new ParameterPartition.Segment(0, 100_352), shard0[0]);
        Assert.Equal(new ParameterPartition.Segment(200_704, 128), shard0[1]);
        Assert.Equal(200_960, shard0[2].Start);
        Assert.Equal(217_344 - 200_960, shard0[2].Length);

        // The generated code's unit blocks and the partition's are one constant.
        Assert.Equal(KernelBlocks.UnitBlock, ParameterPartition.UnitBlock);
    }

    [Fact]
    public void Layers_that_do_not_tile_the_parameters_in_order_fall_back_to_even_slices()
    {
        var shape = new TensorShape(1, 1, 8);
        var gap = new LayerInfo(LayerKind.Dense, Activation.Linear, shape, new TensorShape(1, 1, 4), WeightOffset: 64, WeightCount: 32, BiasOffset: 96, BiasCount: 4);
        var architecture = new NetworkArchitecture("Gapped", shape, Loss.MeanSquaredError, fromLogits: false, [gap]);
        ParameterPartition partition = ParameterPartition.ByLayers(architecture);

        // The layer's 36 values are fewer than one alignment unit, so the even cut rounds to 0: shard 1 takes them all.
        Assert.Equal(36, architecture.ParameterCount);
        ParameterPartition.Segment[][] segments = partition.For(2);
        Assert.Empty(segments[0]);
        Assert.Equal([new ParameterPartition.Segment(0, 36)], segments[1]);
    }

    [Fact]
    public void Sessions_at_one_two_and_three_threads_train_to_the_same_weights()
    {
        const int Batch = 40;
        float[] x = RandomValues(seed: 9, Batch * WideDigitClassifier.InputSize);
        int[] labels = Enumerable.Range(0, Batch).Select(i => (i * 7) % WideDigitClassifier.OutputSize).ToArray();
        float[] one = Train(x, labels, maxThreads: 1);
        Assert.Equal(3, ThreadSettings.WithMaxThreads(3, () => SlicedPasses.ThreadsFor(WideDigitClassifier.ParameterCount)));
        Assert.True(one.AsSpan().SequenceEqual(Train(x, labels, maxThreads: 2)), "1 and 2 threads trained to different weights");
        Assert.True(one.AsSpan().SequenceEqual(Train(x, labels, maxThreads: 3)), "1 and 3 threads trained to different weights");
        Assert.False(one.AsSpan().SequenceEqual(new WideDigitClassifier(seed: 6).Parameters), "training did not change the weights");
    }

    private static float[] Train(float[] x, int[] labels, int maxThreads)
    {
        var session = new TrainingSession<WideDigitClassifier>(new WideDigitClassifier(seed: 6), new Adam(0.01f), maxThreads);
        for (int step = 0; step < 4; step++)
        {
            session.Step(x, TargetBatch.FromLabels(labels));
        }

        return session.Network.Parameters.ToArray();
    }

    private static NetworkArchitecture Architecture(string name) => name switch
    {
        "WideDigitClassifier" => WideDigitClassifier.Architecture,
        "ShardedClassifier" => ShardedClassifier.Architecture,
        _ => FashionCnn.Architecture,
    };

    private static float[] RandomValues(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }
}
