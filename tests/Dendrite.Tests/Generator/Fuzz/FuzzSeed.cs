using System.Globalization;

namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>
/// The fuzz tests' seed: fixed, so a run is reproducible and CI sees the same declarations every time, unless
/// DENDRITE_FUZZ_SEED names another (to explore: DENDRITE_FUZZ_SEED=7 dotnet test --filter GeneratorFuzzTests).
/// </summary>
internal static class FuzzSeed
{
    public const int Default = 20261130;

    public static int Value { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("DENDRITE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : Default;

    public static string Describe() =>
        "seed " + Value.ToString(CultureInfo.InvariantCulture) + (Value == Default ? " (the default; set DENDRITE_FUZZ_SEED to try another)" : " (from DENDRITE_FUZZ_SEED)");
}
