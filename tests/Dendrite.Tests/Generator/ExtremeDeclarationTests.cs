using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Sizes, strides, pools and kernels at and just past the limits of the generated code's ints and arrays. Each
/// declaration either gets DN0013 on the layer (or [Input]) that does not fit, or generates code that compiles with
/// no error and no warning: never a CS error in generated code (k + -1294967296, a constant that overflows, a
/// −1×−1×1 layer), never an exception.
/// </summary>
public class ExtremeDeclarationTests
{
    private const string Fits = "";

    public static readonly TheoryData<string, string, string> Declarations = new()
    {
        // Dense: the 4-sample kernels write offsets up to 3 × inputs and 3 × units as int constants.
        { "inputs × 4 past int", "[Input(715_827_883)] [Dense(1)]", "DN0013" },
        { "inputs × 4 just fits", "[Input(536_870_911)] [Dense(1)]", Fits },
        { "inputs × 4 one past", "[Input(536_870_912)] [Dense(1)]", "DN0013" },
        { "units × 4 past int", "[Input(1)] [Dense(536_870_912)]", "DN0013" },
        { "parameters just fit", "[Input(100_000)] [Dense(21_474)]", Fits },
        { "parameters one layer past", "[Input(100_000)] [Dense(21_475)]", "DN0013" },
        { "parameters past only in the sum of two layers", "[Input(46_000)] [Dense(25_000, Activation.ReLU)] [Dense(46_000)]", "DN0013" },
        { "int.MaxValue units", "[Input(1)] [Dense(int.MaxValue)]", "DN0013" },
        { "image input past int in 32 bits", "[Input(65536, 65536, 3)] [Dense(1)]", "DN0013" },
        { "image input past long", "[Input(int.MaxValue, int.MaxValue, int.MaxValue)] [Dense(1)]", "DN0013" },
        { "image input near the longest array", "[Input(46_340, 46_340, 1)] [MaxPool2D(46_340)] [Flatten] [Dense(1)]", Fits },

        // Conv2D, MaxPool2D and AveragePooling2D: window positions, strides and padding are int constants and int expressions.
        { "stride 2^30", "[Input(8, 8, 1)] [Conv2D(1, 3, Stride = 1 << 30)] [Flatten] [Dense(1)]", "DN0013" },
        { "stride 2^29 with Same padding", "[Input(8, 8, 1)] [Conv2D(1, 3, Stride = 1 << 29, Padding = Padding.Same)] [Flatten] [Dense(1)]", "DN0013" },
        { "stride int.MaxValue with Same padding", "[Input(5, 5, 1)] [Conv2D(1, 3, Stride = int.MaxValue, Padding = Padding.Same)] [Flatten] [Dense(1)]", "DN0013" },
        { "large stride that fits", "[Input(8, 8, 2)] [Conv2D(1, 3, Stride = 250_000_000)] [Flatten] [Dense(1)]", Fits },
        { "kernel int.MaxValue with Same padding", "[Input(4, 4, 1)] [Conv2D(1, int.MaxValue, Padding = Padding.Same)] [Flatten] [Dense(1)]", "DN0013" },
        { "filters × 4 past int", "[Input(1, 1, 1)] [Conv2D(600_000_000, 1)] [Flatten] [Dense(1)]", "DN0013" },
        { "pool int.MaxValue with Same padding", "[Input(4, 4, 1)] [MaxPool2D(int.MaxValue, Padding = Padding.Same)] [Flatten] [Dense(1)]", "DN0013" },
        { "pool stride int.MaxValue", "[Input(4, 4, 1)] [MaxPool2D(2, Stride = int.MaxValue)] [Flatten] [Dense(1)]", "DN0013" },
        { "pool stride 2^30 − 1", "[Input(4, 4, 1)] [MaxPool2D(2, Stride = (1 << 30) - 1)] [Flatten] [Dense(1)]", "DN0013" },
        { "large Same pool that fits", "[Input(28, 28, 1)] [MaxPool2D(1_000_000, Padding = Padding.Same)] [Flatten] [Dense(1)]", Fits },
        { "large Same kernel that fits", "[Input(6, 6, 1)] [Conv2D(2, 10_001, Padding = Padding.Same)] [Flatten] [Dense(1)]", Fits },
        { "Same padding, stride near the input", "[Input(7, 5, 3)] [Conv2D(4, 3, Stride = 6, Padding = Padding.Same)] [MaxPool2D(3, Stride = 5, Padding = Padding.Same)] [Flatten] [Dense(1)]", Fits },
        { "Valid pool stride 5·10^8 over a 10^9-wide image", "[Input(2, 1_000_000_000, 1)] [MaxPool2D(2, Stride = 500_000_000)] [Flatten] [Dense(1)]", "DN0013" },
        { "Valid stride 10^9 over a 2·10^9-wide image", "[Input(1, 2_000_000_000, 1)] [Conv2D(1, 1, Stride = 1_000_000_000)] [Flatten] [Dense(1)]", "DN0013" },
        { "Valid pool halving a 10^9-wide image", "[Input(2, 1_000_000_000, 1)] [MaxPool2D(2)] [Flatten] [Dense(1)]", "DN0013" },
        { "Valid pool stride 5·10^7 over a 2·10^8-wide image", "[Input(2, 200_000_000, 1)] [MaxPool2D(2, Stride = 50_000_000)] [Flatten] [Dense(1)]", Fits },
        { "average pool int.MaxValue with Same padding", "[Input(4, 4, 1)] [AveragePooling2D(int.MaxValue, Padding = Padding.Same)] [Flatten] [Dense(1)]", "DN0013" },
        { "average pool stride int.MaxValue", "[Input(4, 4, 1)] [AveragePooling2D(2, Stride = int.MaxValue)] [Flatten] [Dense(1)]", "DN0013" },
        { "large Same average pool that fits", "[Input(28, 28, 1)] [AveragePooling2D(1_000_000, Padding = Padding.Same)] [GlobalAveragePooling2D] [Dense(1)]", Fits },
        { "global average over the largest image", "[Input(46_340, 46_340, 1)] [GlobalAveragePooling2D] [Dense(1)]", Fits },
        { "conv weights past the longest array", "[Input(2, 2, 50_000)] [Conv2D(50_000, 1)] [Flatten] [Dense(1)]", "DN0013" },
        { "hidden activations past the inference chunk", "[Input(1, 1, 1)] [Conv2D(40_000_000, 1)] [Flatten] [Dense(1)]", "DN0013" },

        // θ is an AlignedBuffer, which allocates up to 15 values more than it holds: 2,147,483,576 parameters at most.
        { "parameters exactly the longest aligned buffer", "[Input(3)] [Dense(5)] [Dense(357_913_926)]", Fits },
        { "parameters one past the longest aligned buffer", "[Input(2)] [Dense(5)] [Dense(357_913_927)]", "DN0013" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void An_extreme_declaration_gets_DN0013_or_compiles_cleanly(string what, string attributes, string expected)
    {
        GeneratorRun run = GeneratorHarness.Run("using Dendrite;\n\n[Network]\n" + attributes.Replace("] [", "]\n[", StringComparison.Ordinal) + "\npublic partial class Net;\n");

        Assert.True(run.Exceptions.Count == 0, what + ": the generator threw " + string.Join("\n", run.Exceptions));
        if (expected.Length > 0)
        {
            Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal(expected, diagnostic.Id);
            Assert.Equal("Network0.cs", diagnostic.Location.GetLineSpan().Path);
            Assert.StartsWith("Network 'Net' is too large at ", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            run.AssertOnlyStubsGenerated();
            return;
        }

        Assert.True(run.GeneratorDiagnostics.IsEmpty, what + ":\n" + GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.Equal(3, run.Sources.Count); // the readable file, its plumbing and the shared kernels
        IReadOnlyList<Diagnostic> problems = run.CompilationProblems();
        Assert.True(problems.Count == 0, what + ": the generated code does not compile cleanly:\n" + GeneratorRun.Describe(problems.Take(10)));
    }
}
