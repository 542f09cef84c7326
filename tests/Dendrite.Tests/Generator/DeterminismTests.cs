using System.Globalization;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Same declaration → byte-identical file, whatever the machine's culture. The generator runs inside the
/// compiler, on a thread with the user's culture: a culture-sensitive number format would put "1,5f", an
/// Arabic digit or a U+2212 minus sign into generated code (the Finnish-locale bug other generators had).
/// </summary>
public class DeterminismTests
{
    // Sizes with thousands (grouped in comments), a softmax output and every activation, so the header, the
    // parameter counts, the KiB figure and the layer comments all go through number formatting.
    private const string Declaration = """
        using Dendrite;

        namespace Determinism;

        [Network(Loss = Loss.CategoricalCrossentropy)]
        [Input(1234)]
        [Dense(1500, Activation.ReLU)]
        [Dense(33, Activation.Tanh)]
        [Dense(17, Activation.Sigmoid)]
        [Dense(5, Activation.Softmax)]
        public partial class CultureProbe;
        """;

    [Fact]
    public void SameInputGivesByteIdenticalOutput()
    {
        string first = GeneratorHarness.Run(Declaration).AllSources();
        string second = GeneratorHarness.Run(Declaration).AllSources();

        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi-FI")] // U+2212 minus, comma decimal separator, no-break-space grouping
    [InlineData("ar-SA")] // Arabic decimal separator, right-to-left marks
    [InlineData("de-DE")] // comma decimals, dot grouping
    public void OutputDoesNotDependOnTheCurrentCulture(string cultureName)
    {
        string invariant = RunUnder(CultureInfo.InvariantCulture);
        string localized = RunUnder(CultureInfo.GetCultureInfo(cultureName));

        Assert.Equal(invariant, localized);
    }

    [Fact]
    public void OutputDoesNotDependOnAHostileNumberFormat()
    {
        // Independent of the ICU data installed: a culture where every number-formatting symbol differs.
        var hostile = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        hostile.NumberFormat.NegativeSign = "\u2212";
        hostile.NumberFormat.NumberDecimalSeparator = "·";
        hostile.NumberFormat.NumberGroupSeparator = "'";
        hostile.NumberFormat.NumberGroupSizes = new[] { 2 };
        hostile.NumberFormat.PositiveSign = "⁺";

        string invariant = RunUnder(CultureInfo.InvariantCulture);
        string localized = RunUnder(hostile);

        Assert.Equal(invariant, localized);
        Assert.Contains("1,852,500", invariant, StringComparison.Ordinal); // the invariant grouping really is exercised
    }

    private static string RunUnder(CultureInfo culture)
    {
        CultureInfo previous = CultureInfo.CurrentCulture, previousUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return GeneratorHarness.Run(Declaration).AllSources();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
