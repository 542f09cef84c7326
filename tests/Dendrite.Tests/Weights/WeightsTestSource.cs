namespace Dendrite.Tests.Weights;

/// <summary>Source text of <see cref="WeightsTestNet"/>'s architecture compiling in a weights file, for generator runs.</summary>
internal static class WeightsTestSource
{
    /// <summary>Sample.Net, 3 → 4 (ReLU) → 2 logits, naming <paramref name="weights"/> in [Network(Weights = ...)]; the class name is on line 6 (0-based).</summary>
    public static string Network(string weights) => $$"""
        using Dendrite;
        namespace Sample;
        [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "{{weights}}")]
        [Input(3)]
        [Dense(4, Activation.ReLU)]
        [Dense(2, Activation.Linear)]
        public partial class Net;
        """;
}
