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

    [Fact]
    public void Every_layer_kind_appears_in_the_cases()
    {
        string all = string.Join(" ", Cases);
        foreach (string kind in new[] { "Dense(", "Conv2D(", "MaxPool2D(", "AveragePooling2D(", "GlobalAveragePooling2D", "Flatten", "Stride = ", "Padding.Same", "Activation.Softmax", "Input(1, 1,", "Dropout(" })
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
