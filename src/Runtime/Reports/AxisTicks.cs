using System;
using System.Globalization;

namespace Dendrite.Reports;

/// <summary>
/// "Nice" axis ticks: a step of 1, 2 or 5 × 10^k chosen so about <c>target</c> intervals cover the range, the axis
/// widened to whole steps, and labels with exactly the decimals the step needs (0.05 → "0.35", never
/// "0.35000000000000003"). AxisTicksTests.
/// </summary>
internal readonly record struct AxisTicks(double First, double Step, int Count, int Decimals)
{
    /// <summary>The last tick: the top of the axis.</summary>
    public double Last => First + (Step * (Count - 1));

    /// <summary>Ticks covering [<paramref name="min"/>, <paramref name="max"/>] (finite, min ≤ max) in about <paramref name="target"/> intervals.</summary>
    public static AxisTicks For(double min, double max, int target)
    {
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            // A flat curve: a small range around the value, so it sits mid-panel.
            double half = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.05 : 0.5;
            min -= half;
            max += half;
        }

        double step = NiceStep((max - min) / target);
        double first = Math.Floor((min / step) + 1e-9) * step;
        double last = Math.Ceiling((max / step) - 1e-9) * step;
        int count = (int)Math.Round((last - first) / step) + 1;
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return new AxisTicks(first, step, count, decimals);
    }

    /// <summary>The <paramref name="index"/>-th tick's value.</summary>
    public double Value(int index) => Math.Round(First + (Step * index), Decimals + 1);

    /// <summary>The <paramref name="index"/>-th tick's label: invariant culture, the step's decimals.</summary>
    public string Label(int index)
    {
        string label = Value(index).ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return label.StartsWith('-') && double.Parse(label, CultureInfo.InvariantCulture) == 0 ? label[1..] : label;
    }

    /// <summary>1, 2 or 5 × 10^k, the smallest at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return nice * magnitude;
    }
}
