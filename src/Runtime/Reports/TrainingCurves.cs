using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Dendrite.Reports;

/// <summary>
/// Draws a <see cref="TrainingHistory"/> as an SVG picture: loss per epoch on the left, accuracy on the right,
/// training in blue and validation in orange, value axes on rounded ticks (1, 2 or 5 × 10^k) and epoch ticks on
/// whole epochs. Plain SVG text, so no plotting package is needed and any browser shows it. A curve with no
/// finite value (accuracy of a regression, validation without a validation set) is left out; the accuracy panel is
/// left out when no accuracy was measured (TrainingCurvesTests).
/// </summary>
public static class TrainingCurves
{
    private const int PanelWidth = 440;
    private const int PanelHeight = 300;
    private const int Margin = 60;
    private const int TitleHeight = 30;
    private const string TrainColour = "#1f77b4";
    private const string ValidationColour = "#ff7f0e";

    /// <summary>The SVG document of <paramref name="history"/>'s curves.</summary>
    /// <param name="history">What <c>Fit</c> returned; at least one epoch.</param>
    /// <param name="title">A line above the panels, or null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="history"/> has no epochs.</exception>
    public static string ToSvg(TrainingHistory history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs.Count == 0)
        {
            throw new ArgumentException("Expected a history with at least one epoch but found none (Fit stopped before the first epoch ended).", nameof(history));
        }

        double[] accuracy = history.Accuracy;
        double[] validationAccuracy = history.ValidationAccuracy;
        bool hasAccuracy = AnyFinite(accuracy) || AnyFinite(validationAccuracy);
        int panels = hasAccuracy ? 2 : 1;
        int width = (panels * PanelWidth) + ((panels + 1) * Margin);
        int height = TitleHeight + PanelHeight + (2 * Margin) + 20;
        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        if (title is not null)
        {
            svg.Append(F($"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n"));
        }

        int top = TitleHeight + Margin - 20;
        Panel(svg, Margin, top, "loss", history.Loss, history.ValidationLoss);
        if (hasAccuracy)
        {
            Panel(svg, (2 * Margin) + PanelWidth, top, "accuracy", accuracy, validationAccuracy);
        }

        int legendY = height - 14;
        Legend(svg, Margin, legendY, TrainColour, "training");
        if (AnyFinite(history.ValidationLoss) || AnyFinite(validationAccuracy))
        {
            Legend(svg, Margin + 110, legendY, ValidationColour, "validation");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>
    /// Writes <see cref="ToSvg"/>'s picture to <paramref name="path"/> atomically (a temporary beside it, then a
    /// rename, as weights are saved): a reader sees the old picture or the new one.
    /// </summary>
    public static void WriteSvg(TrainingHistory history, string path, string? title = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToSvg(history, title)), static stream => stream);
    }

    private static void Panel(StringBuilder svg, int left, int top, string name, double[] train, double[] validation)
    {
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in (IEnumerable<double>)[.. train, .. validation])
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        svg.Append(F($"<rect x=\"{left}\" y=\"{top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#888\"/>\n"));
        svg.Append(F($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top - 8}\" text-anchor=\"middle\">{name}</text>\n"));
        if (double.IsInfinity(min))
        {
            return; // nothing finite to draw (a loss that diverged from the first epoch)
        }

        AxisTicks ticks = AxisTicks.For(min, max, target: 5);
        double low = ticks.First;
        double high = ticks.Last;
        int epochs = train.Length;
        double X(int epochIndex) => left + (epochs == 1 ? PanelWidth / 2.0 : epochIndex * (double)PanelWidth / (epochs - 1));
        double Y(double value) => top + PanelHeight - ((value - low) / (high - low) * PanelHeight);

        for (int t = 0; t < ticks.Count; t++)
        {
            double y = Y(ticks.Value(t));
            svg.Append(F($"<line x1=\"{left}\" y1=\"{y:0.0}\" x2=\"{left + PanelWidth}\" y2=\"{y:0.0}\" stroke=\"#eee\"/>\n"));
            svg.Append(F($"<text x=\"{left - 4}\" y=\"{y + 4:0.0}\" text-anchor=\"end\">{ticks.Label(t)}</text>\n"));
        }

        // Whole epochs: every one up to 10, else every 2, 5, 10, 20, … so at most about 10 labels.
        int every = epochs <= 10 ? 1 : (int)AxisTicks.NiceStep(epochs / 10.0);
        for (int e = 0; e < epochs; e++)
        {
            int epoch = e + 1;
            if (epoch == 1 || epoch % every == 0)
            {
                svg.Append(F($"<text x=\"{X(e):0.0}\" y=\"{top + PanelHeight + 16}\" text-anchor=\"middle\">{epoch}</text>\n"));
            }
        }

        svg.Append(F($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top + PanelHeight + 34}\" text-anchor=\"middle\">epoch</text>\n"));
        Curve(svg, train, TrainColour, X, Y, epochs);
        Curve(svg, validation, ValidationColour, X, Y, epochs);
    }

    private static void Curve(StringBuilder svg, double[] values, string colour, Func<int, double> x, Func<double, double> y, int epochs)
    {
        var points = new List<string>();
        bool dots = epochs <= 50; // beyond that the dots hide the line
        for (int e = 0; e < values.Length; e++)
        {
            if (double.IsFinite(values[e]))
            {
                points.Add(F($"{x(e):0.0},{y(values[e]):0.0}"));
                if (dots)
                {
                    svg.Append(F($"<circle cx=\"{x(e):0.0}\" cy=\"{y(values[e]):0.0}\" r=\"3\" fill=\"{colour}\"/>\n"));
                }
            }
        }

        if (points.Count > 1)
        {
            svg.Append(F($"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n"));
        }
    }

    private static void Legend(StringBuilder svg, int x, int y, string colour, string label)
    {
        svg.Append(F($"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{colour}\" stroke-width=\"3\"/>\n"));
        svg.Append(F($"<text x=\"{x + 30}\" y=\"{y}\">{label}</text>\n"));
    }

    private static bool AnyFinite(double[] values) => Array.Exists(values, double.IsFinite);

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
