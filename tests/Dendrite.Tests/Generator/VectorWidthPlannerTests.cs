using Dendrite.Generator.Planning;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The plan takes 512-bit vectors for an axis only when they need strictly fewer steps (whole vectors plus scalar
/// values left over) than 8-float ones, and the generated code passes that choice to each kernel it calls.
/// </summary>
public sealed class VectorWidthPlannerTests
{
    [Theory]
    [InlineData(784, true)] // 49 steps against 98
    [InlineData(256, true)]
    [InlineData(64, true)]
    [InlineData(32, true)]
    [InlineData(16, true)] // 1 against 2
    [InlineData(48, true)] // 3 against 6
    [InlineData(25, false)] // 1 + 9 = 10 against 3 + 1 = 4
    [InlineData(24, false)] // 1 + 8 against 3
    [InlineData(15, false)] // 15 scalars against 1 + 7
    [InlineData(8, false)] // no 512-bit vector at all
    [InlineData(1, false)]
    public void Chooses_512_bits_only_where_they_take_fewer_steps(int length, bool expected)
    {
        Assert.Equal(expected, VectorWidthPlanner.Prefers512(length));
    }

    [Fact]
    public void The_digit_network_runs_its_784_input_layer_on_512_bit_vectors_and_its_25_and_15_input_layers_on_the_portable_ones()
    {
        string source = GeneratorHarness.Run(Snapshots.GeneratedCodeSnapshotTests.DigitClassifier).NetworkSource();

        Assert.Contains("inputs: 784, units: 25, vector512: true);", source, StringComparison.Ordinal);
        Assert.Contains("inputs: 25, units: 15, vector512: false);", source, StringComparison.Ordinal);
        Assert.Contains("inputs: 15, units: 10, vector512: false);", source, StringComparison.Ordinal);
    }
}
