using Dendrite.Generator;
using Dendrite.Generator.Model;
using Dendrite.Generator.Weights;
using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Weights;

/// <summary>
/// The generator checks a compiled-in weights file against its own fingerprint of the plan; the runtime writes
/// NetworkArchitecture.Fingerprint into every file it saves. The two must be the same text for every layer kind and
/// option, or a file the runtime saved is refused at build time (DN0021). Each case runs the generator on a
/// declaration, takes the plan from its pipeline, and loads the generated type to read the runtime's fingerprint.
/// </summary>
public class ArchitectureFingerprintTests
{
    private static readonly string[] Cases =
    [
        // Flat input, every activation on Dense.
        "[Network(Loss = Loss.MeanSquaredError)] [Input(7)] [Dense(5, Activation.ReLU)] [Dense(4, Activation.Tanh)] [Dense(3, Activation.Sigmoid)] [Dense(2)]",
        "[Network(Loss = Loss.CategoricalCrossentropy)] [Input(3)] [Dense(3, Activation.Softmax)]",
        // Image input, Conv2D with every option: stride, padding, activation.
        "[Network] [Input(9, 7, 2)] [Conv2D(37, kernel: 3, Activation.ReLU)] [Flatten] [Dense(1)]",
        "[Network] [Input(9, 7, 2)] [Conv2D(4, kernel: 3, Activation.Tanh, Stride = 2, Padding = Padding.Same)] [Flatten] [Dense(1)]",
        "[Network] [Input(9, 7, 2)] [Conv2D(3, kernel: 2, Activation.Sigmoid, Stride = 3)] [Conv2D(2, kernel: 1, Padding = Padding.Same)] [Flatten] [Dense(1)]",
        // MaxPool2D with the default stride (the pool size), an explicit stride, Same padding.
        "[Network] [Input(8, 8, 3)] [MaxPool2D(2)] [Flatten] [Dense(2)]",
        "[Network] [Input(9, 7, 3)] [MaxPool2D(3, Stride = 2)] [MaxPool2D(2, Stride = 1, Padding = Padding.Same)] [Flatten] [Dense(2)]",
        "[Network] [Input(7, 5, 1)] [MaxPool2D(2, Padding = Padding.Same)] [Flatten] [Dense(2)]",
        // AveragePooling2D with the default stride, an explicit stride and Same padding; GlobalAveragePooling2D into Dense.
        "[Network] [Input(8, 8, 3)] [AveragePooling2D(2)] [Flatten] [Dense(2)]",
        "[Network] [Input(9, 7, 3)] [AveragePooling2D(3, Stride = 2, Padding = Padding.Same)] [GlobalAveragePooling2D] [Dense(2)]",
        "[Network] [Input(5, 4, 6)] [GlobalAveragePooling2D] [Dense(2)]",
        // The CNN shape, and an image input of height and width 1 (the runtime prints it as a vector).
        "[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)] [Input(28, 28, 1)] [Conv2D(8, kernel: 3, Activation.ReLU)] [MaxPool2D(2)] [Conv2D(16, kernel: 3, Activation.ReLU)] [MaxPool2D(2)] [Flatten] [Dense(32, Activation.ReLU)] [Dense(10)]",
        "[Network] [Input(1, 1, 5)] [Conv2D(3, kernel: 1, Activation.Tanh)] [Flatten] [Dense(2)]",
        // Dropout on an image and a vector, its rate as written (a float constant, a fraction with no short decimal).
        "[Network] [Input(6, 6, 1)] [Dropout(0.1f)] [Conv2D(2, kernel: 3)] [Dropout(0.25)] [Flatten] [Dropout(1 / 3.0)] [Dense(2)]",
        // LeakyReLU's slope: the default (no text), declared slopes on Dense and Conv2D, one with no short decimal, 0, and
        // BatchNormalization's LeakyReLU (always the default).
        "[Network(Loss = Loss.MeanSquaredError)] [Input(7)] [Dense(5, Activation.LeakyReLU)] [Dense(4, Activation.LeakyReLU, Slope = 0.2f)] [Dense(3, Activation.LeakyReLU, Slope = 0.1f)] [Dense(2)]",
        "[Network(Loss = Loss.MeanSquaredError)] [Input(7)] [Dense(5, Activation.LeakyReLU, Slope = 1 / 3f)] [Dense(4, Activation.LeakyReLU, Slope = 0f)] [Dense(3, Activation.LeakyReLU, Slope = 1.5f)] [Dense(2)]",
        "[Network] [Input(9, 7, 2)] [Conv2D(4, kernel: 3, Activation.LeakyReLU, Slope = 0.05f)] [Conv2D(3, kernel: 3)] [BatchNormalization(Activation = Activation.LeakyReLU)] [Flatten] [Dense(1)]",
    ];

    public static TheoryData<string> Declarations => new(Cases);

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Generator_fingerprint_equals_the_runtime_fingerprint_of_the_generated_type(string attributes)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\nnamespace Probe;\n" + attributes + "\npublic partial class Net;\n");
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        NetworkPlan plan = Assert.Single(PlansOf(run));

        using InMemoryAssembly assembly = InMemoryAssembly.Load(run.Output);
        var architecture = (NetworkArchitecture)assembly.StaticProperty("Probe.Net", "Architecture")!;

        Assert.Equal(architecture.Fingerprint, ArchitectureFingerprint.Of(plan));
    }

    [Fact]
    public void Dropout_is_in_the_fingerprint_with_its_rate()
    {
        Assert.Equal("Input(6×6×1) → Dropout(0.25) → Conv2D(2, kernel 3, stride 1, Valid, Linear) → Flatten → Dropout(0.5) → Dense(2, Linear)",
            global::Dendrite.Weights.ArchitectureText.Fingerprint(6, 6, 1, ["Dropout(0.25)", "Conv2D(2, kernel 3, stride 1, Valid, Linear)", "Flatten", global::Dendrite.Weights.ArchitectureText.Dropout(0.5), "Dense(2, Linear)"]));
        Assert.Equal("Dropout(0.3333333333333333)", new LayerInfo(LayerKind.Dropout, Activation.Linear, TensorShape.Vector(3), TensorShape.Vector(3), 0, 0, 0, 0, Rate: 1 / 3.0).Describe());
    }

    /// <summary>
    /// A LeakyReLU slope other than Keras' default is part of the fingerprint, so a weights file carries it; the default is
    /// written as before (plain "LeakyReLU"), so a version-2 file saved before the slope was recorded still loads into a
    /// network with the default slope (<see cref="Version_2_text_without_a_slope_still_loads_into_a_default_slope_network"/>).
    /// </summary>
    [Fact]
    public void LeakyReLU_slope_is_in_the_fingerprint_unless_it_is_the_default()
    {
        static string Dense(float slope) => new LayerInfo(LayerKind.Dense, Activation.LeakyReLU, TensorShape.Vector(3), TensorShape.Vector(4), 0, 12, 12, 4, Slope: slope).Describe();
        Assert.Equal("Dense(4, LeakyReLU)", Dense(0.2f));
        Assert.Equal("Dense(4, LeakyReLU(0.1))", Dense(0.1f));
        Assert.Equal("Dense(4, LeakyReLU(0))", Dense(-0f));
        Assert.Equal("Dense(4, LeakyReLU(0.33333334))", Dense(1 / 3f));
        Assert.Equal("Dense(4, ReLU)", new LayerInfo(LayerKind.Dense, Activation.ReLU, TensorShape.Vector(3), TensorShape.Vector(4), 0, 12, 12, 4).Describe());
        Assert.Equal(0.2f, global::Dendrite.Weights.ArchitectureText.DefaultLeakyReLUSlope);
    }

    /// <summary>
    /// A file saved from a network with slope 0.1 names its slope, and a network of the same shape with the default slope
    /// refuses it (DN0021's runtime twin: InvalidDataException naming both fingerprints); the default-slope network's own
    /// fingerprint is the text version-2 files have always had for it, so those still load.
    /// </summary>
    [Fact]
    public void Version_2_text_without_a_slope_still_loads_into_a_default_slope_network()
    {
        Assert.Equal("Input(5) → Dense(4, LeakyReLU) → Dense(2, Linear)", DefaultSlopeLeakyNet.Architecture.Fingerprint);
        Assert.Equal("Input(5) → Dense(4, LeakyReLU(0.1)) → Dense(2, Linear)", GentleSlopeLeakyNet.Architecture.Fingerprint);

        var gentle = new GentleSlopeLeakyNet(3);
        using var stream = new MemoryStream();
        gentle.Save(stream);
        stream.Position = 0;
        var refused = Assert.Throws<InvalidDataException>(() => DefaultSlopeLeakyNet.Load(stream));
        Assert.Contains("LeakyReLU(0.1)", refused.Message, StringComparison.Ordinal);

        var standard = new DefaultSlopeLeakyNet(3);
        using var own = new MemoryStream();
        standard.Save(own);
        own.Position = 0;
        Assert.Equal(standard.Parameters.ToArray(), DefaultSlopeLeakyNet.Load(own).Parameters.ToArray());
    }

    [Fact]
    public void Every_layer_kind_appears_in_the_cases()
    {
        string all = string.Join(" ", Cases);
        foreach (string kind in new[] { "Dense(", "Conv2D(", "MaxPool2D(", "AveragePooling2D(", "GlobalAveragePooling2D", "Flatten", "Stride = ", "Padding.Same", "Activation.Softmax", "Input(1, 1,", "Dropout(", "Slope = ", "BatchNormalization(" })
        {
            Assert.Contains(kind, all, StringComparison.Ordinal);
        }
    }

    private static List<NetworkPlan> PlansOf(GeneratorRun run)
    {
        var plans = new List<NetworkPlan>();
        foreach (GeneratorRunResult result in run.Result.Results)
        {
            foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[NetworkGenerator.Steps.Plan])
            {
                plans.AddRange(step.Outputs.Select(output => (NetworkPlan)output.Value));
            }
        }

        return plans;
    }
}

/// <summary>LeakyReLU with Keras' default slope (0.2): its fingerprint is the version-2 text.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5)]
[Dense(4, Activation.LeakyReLU)]
[Dense(2)]
public partial class DefaultSlopeLeakyNet;

/// <summary>The same shape with slope 0.1: another network, whose files say so.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5)]
[Dense(4, Activation.LeakyReLU, Slope = 0.1f)]
[Dense(2)]
public partial class GentleSlopeLeakyNet;
