using System.Globalization;
using Dendrite.Reports;
using Xunit;

namespace Dendrite.Tests.Reports;

public class AxisTicksTests
{
    [Theory]
    [InlineData(0.2834, 0.4911, "0.25 0.30 0.35 0.40 0.45 0.50")]
    [InlineData(0.8123, 0.9712, "0.80 0.85 0.90 0.95 1.00")]
    [InlineData(0, 2390.1, "0 500 1000 1500 2000 2500")]
    [InlineData(-0.37, 0.12, "-0.4 -0.3 -0.2 -0.1 0.0 0.1 0.2")]
    [InlineData(1.5, 1.5, "1.40 1.45 1.50 1.55 1.60")]
    public void Ticks_are_whole_steps_of_1_2_or_5_with_the_decimals_the_step_needs(double min, double max, string expected)
    {
        AxisTicks ticks = AxisTicks.For(min, max, target: 5);
        string labels = string.Join(' ', Enumerable.Range(0, ticks.Count).Select(ticks.Label));
        Assert.Equal(expected, labels);
        Assert.True(ticks.First <= min && ticks.Last >= max);
    }

    [Theory]
    [InlineData(0.013, 0.02)]
    [InlineData(0.3, 0.5)]
    [InlineData(0.11, 0.2)]
    [InlineData(7, 10)]
    [InlineData(4.2, 5)]
    [InlineData(1, 1)]
    public void NiceStep_is_the_smallest_1_2_or_5_times_a_power_of_ten_not_below_the_rough_step(double rough, double expected)
    {
        Assert.Equal(expected, AxisTicks.NiceStep(rough), 12);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), AxisTicks.NiceStep(rough).ToString("G12", CultureInfo.InvariantCulture));
    }
}
