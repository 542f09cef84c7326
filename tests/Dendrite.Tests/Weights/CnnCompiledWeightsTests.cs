using Dendrite.Tests.Generator;
using Xunit;

namespace Dendrite.Tests.Weights;

/// <summary>
/// A CNN weights file saved by the runtime compiles into the same architecture with [Network(Weights = ...)], and the
/// compiled-in model is the trained one, bit for bit. Until the generator and the runtime shared one fingerprint text,
/// every such file was refused with DN0021 ("expected ... Conv2D ..., found ... Conv2D(5, kernel 3, ...)").
/// </summary>
public class CnnCompiledWeightsTests
{
    private const int Samples = 48;

    // TrainedCnn's declaration, compiled again by the generator with the saved file, plus a probe that runs it.
    private const string Source = """
        using System;
        using Dendrite;
        namespace Compiled;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "trained-cnn.weights")]
        [Input(7, 6, 2)]
        [Conv2D(5, kernel: 3, Activation.ReLU, Padding = Padding.Same)]
        [MaxPool2D(2, Stride = 2, Padding = Padding.Same)]
        [Flatten]
        [Dense(3)]
        public partial class TrainedCnn;

        public static class Probe
        {
            public static float[] Parameters() => TrainedCnn.Pretrained.Parameters.ToArray();

            public static float[] PredictBatch(float[] inputs)
            {
                var outputs = new float[inputs.Length / TrainedCnn.InputSize * TrainedCnn.OutputSize];
                TrainedCnn.Pretrained.PredictBatch(inputs, outputs);
                return outputs;
            }
        }
        """;

    [Fact]
    public void A_trained_CNN_saved_by_the_runtime_compiles_in_and_predicts_bit_identically()
    {
        (float[] inputs, int[] labels) = Data();
        var trained = new TrainedCnn(seed: 4);
        trained.Fit(inputs, labels, new FitOptions { Epochs = 3, BatchSize = 8, Seed = 9 });
        byte[] file = WeightsFile.Serialize(trained);

        GeneratorRun run = GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("trained-cnn.weights", file)), Source);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));
        Assert.Contains(run.GeneratedTrees, tree => tree.FilePath.EndsWith(".Pretrained.g.cs", StringComparison.Ordinal));

        using InMemoryAssembly compiled = run.Load();
        var parameters = (float[])compiled.InvokeStatic("Compiled.Probe", "Parameters")!;
        Assert.Equal(Bits(trained.Parameters.ToArray()), Bits(parameters));

        var expected = new float[Samples * TrainedCnn.OutputSize];
        trained.PredictBatch(inputs, expected);
        var actual = (float[])compiled.InvokeStatic("Compiled.Probe", "PredictBatch", inputs)!;
        Assert.Equal(Bits(expected), Bits(actual));
    }

    private const string AveragePoolSource = """
        using System;
        using Dendrite;
        namespace Compiled;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "trained-average-pool-cnn.weights")]
        [Input(7, 6, 2)]
        [Conv2D(5, kernel: 3, Activation.ReLU, Padding = Padding.Same)]
        [AveragePooling2D(2, Stride = 1, Padding = Padding.Same)]
        [GlobalAveragePooling2D]
        [Dense(3)]
        public partial class TrainedAveragePoolCnn;

        public static class Probe
        {
            public static float[] Parameters() => TrainedAveragePoolCnn.Pretrained.Parameters.ToArray();

            public static float[] PredictBatch(float[] inputs)
            {
                var outputs = new float[inputs.Length / TrainedAveragePoolCnn.InputSize * TrainedAveragePoolCnn.OutputSize];
                TrainedAveragePoolCnn.Pretrained.PredictBatch(inputs, outputs);
                return outputs;
            }
        }
        """;

    /// <summary>The same with AveragePooling2D and GlobalAveragePooling2D, whose fingerprint text both sides must write alike.</summary>
    [Fact]
    public void A_trained_average_pooling_CNN_saved_by_the_runtime_compiles_in_and_predicts_bit_identically()
    {
        (float[] inputs, int[] labels) = Data();
        var trained = new TrainedAveragePoolCnn(seed: 4);
        trained.Fit(inputs, labels, new FitOptions { Epochs = 3, BatchSize = 8, Seed = 9 });
        byte[] file = WeightsFile.Serialize(trained);

        GeneratorRun run = GeneratorHarness.Run(GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("trained-average-pool-cnn.weights", file)), AveragePoolSource);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));

        using InMemoryAssembly compiled = run.Load();
        var parameters = (float[])compiled.InvokeStatic("Compiled.Probe", "Parameters")!;
        Assert.Equal(Bits(trained.Parameters.ToArray()), Bits(parameters));

        var expected = new float[Samples * TrainedAveragePoolCnn.OutputSize];
        trained.PredictBatch(inputs, expected);
        var actual = (float[])compiled.InvokeStatic("Compiled.Probe", "PredictBatch", inputs)!;
        Assert.Equal(Bits(expected), Bits(actual));
    }

    /// <summary>Random images labelled by which third of the first channel holds the most mass: learnable, seeded.</summary>
    private static (float[] Inputs, int[] Labels) Data()
    {
        var random = new Random(21);
        var inputs = new float[Samples * TrainedCnn.InputSize];
        var labels = new int[Samples];
        for (int s = 0; s < Samples; s++)
        {
            Span<float> image = inputs.AsSpan(s * TrainedCnn.InputSize, TrainedCnn.InputSize);
            for (int i = 0; i < image.Length; i++)
            {
                image[i] = (float)random.NextDouble();
            }

            labels[s] = random.Next(3);
            image[labels[s] * 2] += 2f;
        }

        return (inputs, labels);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
