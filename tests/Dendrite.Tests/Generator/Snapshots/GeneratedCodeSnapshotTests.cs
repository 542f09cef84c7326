using System.Runtime.CompilerServices;
using Dendrite.Tests.Weights;
using Xunit;

namespace Dendrite.Tests.Generator.Snapshots;

/// <summary>
/// The generated code of representative networks, compared with reviewed snapshots in this folder: the readable file
/// (<c>&lt;Test&gt;.verified.cs</c>) and the kernels file (<c>&lt;Test&gt;.Kernels.verified.cs</c>) of each. Each test also compiles the generated file together with its declaration under nullable
/// enable and every warning level, and requires zero warnings: users build with warnings as errors.
/// To accept an intended change: <c>DENDRITE_ACCEPT_SNAPSHOTS=1 dotnet test --filter GeneratedCodeSnapshotTests</c>.
/// </summary>
public class GeneratedCodeSnapshotTests
{
    /// <summary>The course's digit network; ReadableSizeTests holds its generated files to the documented budgets.</summary>
    internal const string DigitClassifier = """
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(784)]
        [Dense(25, Activation.ReLU)]
        [Dense(15, Activation.ReLU)]
        [Dense(10, Activation.Linear)]
        public partial class DigitClassifier;
        """;

    /// <summary>The smallest network; ReadableSizeTests holds its readable file to the documented budget.</summary>
    internal const string LogisticRegression = """
        using Dendrite;

        [Network(Loss = Loss.BinaryCrossentropy)]
        [Input(2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class LogisticRegression;
        """;

    [Fact]
    public void DigitClassifier_784_25_15_10_SparseCrossEntropyFromLogits() => Verify(DigitClassifier);

    [Fact]
    public void LogisticRegression_TwoInputs_SigmoidBinaryCrossEntropy() => Verify(LogisticRegression);

    [Fact]
    public void MultiLabel_SigmoidOutputs_BinaryCrossEntropy() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.BinaryCrossentropy)]
        [Input(12)]
        [Dense(16, Activation.ReLU)]
        [Dense(5, Activation.Sigmoid)]
        public partial class TagPredictor;
        """);

    [Fact]
    public void Regression_LinearOutput_MeanSquaredError() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(3)]
        [Dense(7, Activation.Tanh)]
        [Dense(1, Activation.Linear)]
        public partial class HousePrice;
        """);

    [Fact]
    public void Regularized_L2OnConv2DAndDense() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(6, 6, 1)]
        [Conv2D(4, kernel: 3, Activation.ReLU, L2 = 1e-3f)]
        [Flatten]
        [Dense(8, Activation.ReLU, L2 = 1e-4f)]
        [Dense(3)]
        public partial class RegularizedNet;
        """);

    [Fact]
    public void NestedClass_InNamespace() => Verify("""
        using Dendrite;

        namespace Contoso.Models;

        public static partial class Zoo
        {
            internal partial class Cages
            {
                [Network(Loss = Loss.CategoricalCrossentropy, FromLogits = true)]
                [Input(4)]
                [Dense(8, Activation.ReLU)]
                [Dense(3)]
                public partial class IrisNet;
            }
        }
        """);

    [Fact]
    public void SoftmaxOutput_CategoricalCrossEntropy() => Verify("""
        using Dendrite;

        namespace Shapes
        {
            [Network(Loss = Loss.CategoricalCrossentropy)]
            [Input(17)]
            [Dense(33, Activation.ReLU)]
            [Dense(4, Activation.Softmax)]
            public partial class ShapeClassifier { }
        }
        """);

    [Fact]
    public void Cnn_Conv2DStrideSame_MaxPool_Flatten_Dense() => Verify("""
        using Dendrite;

        namespace Vision;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(9, 7, 2)]
        [Conv2D(6, kernel: 3, Activation.ReLU, Stride = 2, Padding = Padding.Same)]
        [Conv2D(4, kernel: 2, Activation.Tanh)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(3)]
        public partial class TinyCnn;
        """);

    [Fact]
    public void Pooling_MaxPool2DStrideAndSamePadding() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(7, 5, 3)]
        [MaxPool2D(3, Stride = 2, Padding = Padding.Same)]
        [MaxPool2D(2, Stride = 1)]
        [Flatten]
        [Dense(2, Activation.Tanh)]
        public partial class PoolingNet;
        """);

    [Fact]
    public void Pooling_AveragePooling2DStrideSame_GlobalAveragePooling2D() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(7, 5, 3)]
        [AveragePooling2D(3, Stride = 2, Padding = Padding.Same)]
        [Conv2D(4, kernel: 1, Activation.ReLU)]
        [AveragePooling2D(2, Stride = 1)]
        [GlobalAveragePooling2D]
        [Dense(3)]
        public partial class AveragePoolingNet;
        """);

    [Fact]
    public void Dropout_OnInputImagesAndVectors() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(6, 6, 1)]
        [Dropout(0.1)]
        [Conv2D(2, 3, Activation.ReLU)]
        [Dropout(0.25)]
        [Flatten]
        [Dense(8, Activation.ReLU)]
        [Dropout(0.5)]
        [Dense(3)]
        public partial class DropoutNet;
        """);

    /// <summary>BatchNormalization per channel after a linear Conv2D (with ReLU on the normalisation) and per unit after Dense.</summary>
    [Fact]
    public void BatchNormalization_AfterConv2DAndDense() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(6, 6, 1)]
        [Conv2D(3, kernel: 3)]
        [BatchNormalization(Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(5)]
        [BatchNormalization]
        [Dense(3)]
        public partial class NormalizedNet;
        """);

    /// <summary>The second file of a network with compiled-in weights (a CNN, so the fingerprint check is exercised).</summary>
    /// <summary>Every activation added for current architectures; GELU, GELUTanh and SiLU keep Z for their backward, Softplus is the output (its Z is the logits).</summary>
    [Fact]
    public void ModernActivations_Dense_MeanSquaredError() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(6)]
        [Dense(8, Activation.LeakyReLU, Slope = 0.1f)]
        [Dense(8, Activation.ELU)]
        [Dense(8, Activation.GELU)]
        [Dense(8, Activation.GELUTanh)]
        [Dense(8, Activation.SiLU)]
        [Dense(2, Activation.Softplus)]
        public partial class ModernRegressor;
        """);

    /// <summary>Conv2D with LeakyReLU at Keras' default slope and with GELU, which keeps the convolution's Z.</summary>
    [Fact]
    public void ModernActivations_Conv2D_LeakyReLU_GELU() => Verify("""
        using Dendrite;

        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
        [Input(6, 6, 1)]
        [Conv2D(4, kernel: 3, Activation.LeakyReLU)]
        [Conv2D(4, kernel: 3, Activation.GELU)]
        [Flatten]
        [Dense(3)]
        public partial class ModernCnn;
        """);

    [Fact]
    public void Pretrained_CompiledInCnnWeights()
    {
        const string Declaration = """
            using Dendrite;

            namespace Vision;

            [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "tiny.weights")]
            [Input(4, 4, 1)]
            [Conv2D(2, kernel: 3, Activation.ReLU)]
            [Flatten]
            [Dense(2)]
            public partial class PretrainedCnn;
            """;

        // A file as the runtime saves it for that architecture, holding simple known values.
        var network = new SnapshotPretrainedCnn();
        for (int i = 0; i < network.Parameters.Length; i++)
        {
            network.Parameters[i] = (i * 0.25f) - 4f;
        }

        GeneratorRun run = GeneratorHarness.Run(
            GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("tiny.weights", WeightsFile.Serialize(network))), Declaration);

        Assert.True(run.Exceptions.Count == 0, "The generator threw: " + string.Join("\n", run.Exceptions));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "Unexpected generator diagnostics:\n" + GeneratorRun.Describe(run.GeneratorDiagnostics));
        IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> problems = run.CompilationProblems();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + GeneratorRun.Describe(problems));
        Snapshot.Match(run.SourceEndingWith(".Pretrained.g.cs"), nameof(Pretrained_CompiledInCnnWeights));
    }

    /// <summary>A small PyTorch CNN (Conv without bias, BatchNormalization, ReLU, Flatten, Gemm) imported from ONNX: the same emitters as a declared network.</summary>
    [Fact]
    public void Onnx_ImportedPyTorchConvBatchNormalization() => Verify(
        Onnx.Import.OnnxImportHarness.Source("op-batchnorm-conv.onnx", "MeanSquaredError", fromLogits: false),
        GeneratorOptions.WithAdditionalFiles(Onnx.Import.OnnxImportHarness.Copy("op-batchnorm-conv.onnx", Onnx.Import.OnnxImportHarness.Fixture("op-batchnorm-conv.onnx"))));

    private static void Verify(string declaration, [CallerMemberName] string testName = "") => Verify(declaration, GeneratorOptions.Default, testName);

    private static void Verify(string declaration, GeneratorOptions options, [CallerMemberName] string testName = "")
    {
        GeneratorRun run = GeneratorHarness.Run(options, declaration);

        Assert.True(run.Exceptions.Count == 0, "The generator threw: " + string.Join("\n", run.Exceptions));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "Unexpected generator diagnostics:\n" + GeneratorRun.Describe(run.GeneratorDiagnostics));
        IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> problems = run.CompilationProblems();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + GeneratorRun.Describe(problems));

        Snapshot.Match(run.NetworkSource(), testName);
        Snapshot.Match(run.KernelsSource(), testName + ".Kernels");
    }
}
