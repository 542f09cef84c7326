using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;
using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Cnn;

/// <summary>
/// AveragePooling2D and GlobalAveragePooling2D against hand-computed maps (forward and backward, Same padding whose
/// overhanging cells are left out of the mean, windows that overlap), their shapes and architecture text, and a
/// pooling network's weights file round trip. Gradient checks: CnnGradientCheckTests; threads: CnnThreadingTests.
/// </summary>
[Collection(nameof(ThreadSettingCollection))]
public sealed class AveragePoolTests
{
    /// <summary>
    /// Pool 2, stride 1 (windows overlap), Same on 3×4: TensorFlow pads one row below and one column to the right,
    /// and the windows that reach them average only their cells inside the map, as Keras' AveragePooling2D does:
    /// (0, 3) = (4 + 8)/2, (2, 0) = (9 + 10)/2, (2, 3) = 12/1. Counting the padding as zeros would give 3, 4.75 and 3.
    /// </summary>
    [Fact]
    public void Same_padding_averages_only_the_cells_inside_the_map()
    {
        var network = new AveragePoolProbeNet();
        SetIdentity(network.Parameters, AveragePoolProbeNet.Architecture.Layers[2], 12);
        float[] input = Enumerable.Range(1, 12).Select(v => (float)v).ToArray(); // row-major 3×4: 1 2 3 4 / 5 6 7 8 / 9 10 11 12
        var output = new float[12];

        network.Predict(input, output);

        Assert.Equal([3.5f, 4.5f, 5.5f, 6f, 7.5f, 8.5f, 9.5f, 10f, 9.5f, 10.5f, 11.5f, 12f], output);
    }

    /// <summary>
    /// The backward of the same layer: every one of the 12 windows shares ∂cost/∂output = 1 equally among its n
    /// cells, and overlapping windows add up. Cell (y, x) lies in windows whose row share is ½ (a full window) or 1
    /// (the bottom row's, n counts one row), and likewise for columns, so its gradient is R(y)·C(x) with
    /// R = (½, 1, 1½) and C = (½, 1, 1, 1½). The gradients sum to 12, one per window.
    /// </summary>
    [Fact]
    public void Each_output_gradient_is_shared_equally_by_the_cells_of_its_window_and_overlaps_add_up()
    {
        var network = new AveragePoolGradientProbeNet();
        IReadOnlyList<LayerInfo> layers = AveragePoolGradientProbeNet.Architecture.Layers;
        Span<float> parameters = network.Parameters;
        parameters.Clear();
        parameters.Slice(layers[0].WeightOffset, 12).Fill(1f); // the 1×1 convolution copies channel c's one-hot pixel
        parameters.Slice(layers[3].WeightOffset, 12).Fill(1f); // ŷ = Σ of the 12 pooled values = 12
        var input = new float[AveragePoolGradientProbeNet.InputSize];
        for (int pixel = 0; pixel < 12; pixel++)
        {
            input[(pixel * 12) + pixel] = 1f;
        }

        // Mean squared error with one output: ∂cost/∂ŷ = 2(ŷ − t) = 1 for t = 11.5.
        var gradients = new float[AveragePoolGradientProbeNet.ParameterCount];
        network.ComputeGradients(input, TargetBatch.FromValues([11.5f]), gradients, new float[1]);

        float[] expected = [0.25f, 0.5f, 0.5f, 0.75f, 0.5f, 1f, 1f, 1.5f, 0.75f, 1.5f, 1.5f, 2.25f];
        Assert.Equal(expected, gradients.AsSpan(layers[0].WeightOffset, 12).ToArray());
        Assert.Equal(12f, gradients[layers[0].BiasOffset]);
    }

    /// <summary>
    /// The vector lanes and the scalar tail compute the same float expression, the window's cells summed row by row
    /// from 0 and divided by n, so the output is bit-identical to that scalar formula for every channel, whichever
    /// channels this machine's Vector&lt;float&gt; width sends through lanes: the result does not depend on the width.
    /// </summary>
    [Fact]
    public void Every_channel_is_the_scalar_mean_bit_for_bit_whatever_the_vector_width()
    {
        const int height = 5, width = 4, channels = 19, outHeight = 3, outWidth = 2, pool = 3, stride = 2, padTop = 1, padLeft = 0;
        var network = new AveragePoolLanesNet();
        SetIdentity(network.Parameters, AveragePoolLanesNet.Architecture.Layers[2], AveragePoolLanesNet.OutputSize);
        var random = new Random(23);
        float[] input = Enumerable.Range(0, AveragePoolLanesNet.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var output = new float[AveragePoolLanesNet.OutputSize];
        network.Predict(input, output);

        for (int oy = 0; oy < outHeight; oy++)
        {
            for (int ox = 0; ox < outWidth; ox++)
            {
                int yFrom = Math.Max((oy * stride) - padTop, 0), yTo = Math.Min((oy * stride) - padTop + pool, height);
                int xFrom = Math.Max((ox * stride) - padLeft, 0), xTo = Math.Min((ox * stride) - padLeft + pool, width);
                float n = (yTo - yFrom) * (xTo - xFrom);
                for (int c = 0; c < channels; c++)
                {
                    float sum = 0f;
                    for (int iy = yFrom; iy < yTo; iy++)
                    {
                        for (int ix = xFrom; ix < xTo; ix++)
                        {
                            sum += input[(((iy * width) + ix) * channels) + c];
                        }
                    }

                    Assert.Equal(BitConverter.SingleToInt32Bits(sum / n), BitConverter.SingleToInt32Bits(output[(((oy * outWidth) + ox) * channels) + c]));
                }
            }
        }
    }

    [Fact]
    public void Global_average_pooling_gives_each_channels_mean_and_spreads_its_gradient_evenly()
    {
        var network = new GlobalAverageProbeNet();
        SetIdentity(network.Parameters, GlobalAverageProbeNet.Architecture.Layers[1], 2);
        var input = new float[12];
        for (int pixel = 0; pixel < 6; pixel++)
        {
            input[pixel * 2] = pixel + 1; // channel 0: 1..6, mean 3.5
            input[(pixel * 2) + 1] = 10 * (pixel + 1); // channel 1: 10..60, mean 35
        }

        var output = new float[2];
        network.Predict(input, output);
        Assert.Equal([3.5f, 35f], output);

        // Backward: ŷ = mean of six ones = 1, t = 0.5, so ∂cost/∂ŷ = 1 and each of the 6 positions gets 1/6.
        var probe = new GlobalAverageGradientProbeNet();
        IReadOnlyList<LayerInfo> layers = GlobalAverageGradientProbeNet.Architecture.Layers;
        probe.Parameters.Clear();
        probe.Parameters.Slice(layers[0].WeightOffset, 6).Fill(1f);
        probe.Parameters[layers[2].WeightOffset] = 1f;
        var oneHot = new float[GlobalAverageGradientProbeNet.InputSize];
        for (int pixel = 0; pixel < 6; pixel++)
        {
            oneHot[(pixel * 6) + pixel] = 1f;
        }

        var gradients = new float[GlobalAverageGradientProbeNet.ParameterCount];
        probe.ComputeGradients(oneHot, TargetBatch.FromValues([0.5f]), gradients, new float[1]);
        Assert.All(gradients.AsSpan(layers[0].WeightOffset, 6).ToArray(), g => Assert.Equal(1f / 6f, g));
    }

    /// <summary>
    /// The divisor n is never 0: with the generator's Same-padding rule every window, first to last, keeps at least
    /// one cell inside the input, whatever the input side, pool size and stride (stride above the pool size too).
    /// </summary>
    [Fact]
    public void Every_same_padded_window_keeps_a_cell_inside_the_input()
    {
        for (long input = 1; input <= 24; input++)
        {
            for (long pool = 1; pool <= 26; pool++)
            {
                for (long stride = 1; stride <= 26; stride++)
                {
                    long outputs = NetworkGeometry.OutputSide(input, pool, stride, PaddingKind.Same);
                    long before = NetworkGeometry.PaddingBefore(input, pool, stride, PaddingKind.Same);
                    for (long o = 0; o < outputs; o++)
                    {
                        long from = Math.Max((o * stride) - before, 0), to = Math.Min((o * stride) - before + pool, input);
                        Assert.True(to > from, $"input {input}, pool {pool}, stride {stride}: window {o} covers no cell");
                    }
                }
            }
        }
    }

    [Fact]
    public void Shapes_follow_the_valid_and_same_rules_and_global_pooling_gives_a_vector()
    {
        // Pool 3 stride 2 Valid on 7×5: 3×2; pool 2 Same on 3×2: ⌈3/2⌉ × ⌈2/2⌉ = 2×1.
        Assert.Equal(
            [new TensorShape(7, 5, 3), new TensorShape(3, 2, 3), new TensorShape(2, 1, 3), TensorShape.Vector(6), TensorShape.Vector(2)],
            OddAveragePoolNet.Architecture.Layers.Select(l => l.OutputShape));
        // Same, stride 2 on 6×5: 3×3; global pooling: one value per channel.
        Assert.Equal(
            [new TensorShape(6, 5, 19), new TensorShape(3, 3, 19), TensorShape.Vector(19), TensorShape.Vector(4)],
            AverageThenGlobalNet.Architecture.Layers.Select(l => l.OutputShape));
        Assert.Equal([532, 0, 0, 80], AverageThenGlobalNet.Architecture.Layers.Select(l => l.ParameterCount));
        Assert.Equal(TensorShape.Vector(5), GlobalFirstNet.Architecture.Layers[0].OutputShape);

        LayerInfo pool = AverageThenGlobalNet.Architecture.Layers[1];
        Assert.Equal((LayerKind.AveragePooling2D, 3, 2, Padding.Same), (pool.Kind, pool.KernelSize, pool.Stride, pool.Padding));
        Assert.Equal(LayerKind.GlobalAveragePooling2D, AverageThenGlobalNet.Architecture.Layers[2].Kind);
        Assert.Equal(
            "Input(6×5×3) → Conv2D(19, kernel 3, stride 1, Same, Tanh) → AveragePooling2D(3, stride 2, Same) → GlobalAveragePooling2D → Dense(4, Linear)",
            AverageThenGlobalNet.Architecture.Fingerprint);
        // The default stride is the pool size, written out in the text.
        Assert.Contains("AveragePooling2D(2, stride 2, Valid)", AveragePoolingCnn.Architecture.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weights_file_saved_from_a_pooling_network_loads_back_bit_for_bit()
    {
        var trained = new AveragePoolingCnn(seed: 3);
        byte[] file = WeightsFile.Serialize(trained);
        var loaded = new AveragePoolingCnn(seed: 4);
        Assert.False(trained.Parameters.SequenceEqual(loaded.Parameters));

        WeightsFile.LoadInto(loaded, new MemoryStream(file));

        Assert.True(trained.Parameters.SequenceEqual(loaded.Parameters));
    }

    [Fact]
    public void Training_and_prediction_allocate_nothing_after_warm_up()
    {
        var network = new AverageThenGlobalNet(1);
        var inputs = new float[4 * AverageThenGlobalNet.InputSize];
        var targets = new float[4 * AverageThenGlobalNet.OutputSize];
        var gradients = new float[AverageThenGlobalNet.ParameterCount];
        var outputs = new float[4 * AverageThenGlobalNet.OutputSize];
        var output = new float[AverageThenGlobalNet.OutputSize];
        for (int i = 0; i < 3; i++)
        {
            network.ComputeGradients(inputs, TargetBatch.FromValues(targets), gradients, outputs);
            network.PredictBatch(inputs, outputs);
            network.Predict(inputs.AsSpan(0, AverageThenGlobalNet.InputSize), output);
        }

        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(20, () =>
        {
            network.ComputeGradients(inputs, TargetBatch.FromValues(targets), gradients, outputs);
            network.PredictBatch(inputs, outputs);
            network.Predict(inputs.AsSpan(0, AverageThenGlobalNet.InputSize), output);
        }));
    }

    /// <summary>Zero parameters but a units × units identity for the Dense <paramref name="layer"/>, so its output is its input.</summary>
    private static void SetIdentity(Span<float> parameters, LayerInfo layer, int units)
    {
        parameters.Clear();
        for (int j = 0; j < units; j++)
        {
            parameters[layer.WeightOffset + (j * units) + j] = 1f;
        }
    }
}
