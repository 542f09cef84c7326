using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Dendrite.Samples;

/// <summary>
/// Draws the training history as an SVG picture: loss per epoch on the left, accuracy on the right, training in
/// blue and validation in orange. Plain SVG text, so no plotting package is needed and any browser shows it.
/// </summary>
internal static class TrainingCurvesSvg
{
    private const int PanelWidth = 440;
    private const int PanelHeight = 300;
    private const int Margin = 50;
    private const string TrainColour = "#1f77b4";
    private const string ValidationColour = "#ff7f0e";

    /// <summary>Writes the picture of <paramref name="history"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, TrainingHistory history, string title)
    {
        int width = (2 * PanelWidth) + (3 * Margin);
        int height = PanelHeight + (2 * Margin) + 30;
        var svg = new StringBuilder();
        svg.AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.AppendLine(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"));
        svg.AppendLine(F($"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>"));
        Panel(svg, Margin, Margin, "loss", history.Loss, history.ValidationLoss);
        Panel(svg, (2 * Margin) + PanelWidth, Margin, "accuracy", history.Accuracy, history.ValidationAccuracy);
        int legendY = height - 18;
        Legend(svg, Margin, legendY, TrainColour, "training");
        Legend(svg, Margin + 110, legendY, ValidationColour, "validation");
        svg.AppendLine("</svg>");
        File.WriteAllText(path, svg.ToString());
    }

    private static void Panel(StringBuilder svg, int left, int top, string name, double[] train, double[] validation)
    {
        double[] all = train.Concat(validation).Where(double.IsFinite).ToArray();
        if (all.Length == 0)
        {
            return;
        }

        // Pad the value range by 5 % so the curves do not touch the frame.
        double min = all.Min();
        double max = all.Max();
        double pad = Math.Max((max - min) * 0.05, 1e-6);
        min -= pad;
        max += pad;
        int epochs = train.Length;
        double X(int epochIndex) => left + (epochs == 1 ? PanelWidth / 2.0 : epochIndex * (double)PanelWidth / (epochs - 1));
        double Y(double value) => top + PanelHeight - ((value - min) / (max - min) * PanelHeight);

        svg.AppendLine(F($"<rect x=\"{left}\" y=\"{top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#888\"/>"));
        svg.AppendLine(F($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top - 8}\" text-anchor=\"middle\">{name}</text>"));
        for (int tick = 0; tick <= 4; tick++)
        {
            double value = min + ((max - min) * tick / 4);
            double y = Y(value);
            svg.AppendLine(F($"<line x1=\"{left}\" y1=\"{y:0.0}\" x2=\"{left + PanelWidth}\" y2=\"{y:0.0}\" stroke=\"#eee\"/>"));
            svg.AppendLine(F($"<text x=\"{left - 4}\" y=\"{y + 4:0.0}\" text-anchor=\"end\">{value:0.000}</text>"));
        }

        for (int e = 0; e < epochs; e++)
        {
            svg.AppendLine(F($"<text x=\"{X(e):0.0}\" y=\"{top + PanelHeight + 16}\" text-anchor=\"middle\">{e + 1}</text>"));
        }

        svg.AppendLine(F($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top + PanelHeight + 32}\" text-anchor=\"middle\">epoch</text>"));
        Curve(svg, train, TrainColour, X, Y);
        Curve(svg, validation, ValidationColour, X, Y);
    }

    private static void Curve(StringBuilder svg, IReadOnlyList<double> values, string colour, Func<int, double> x, Func<double, double> y)
    {
        var points = new List<string>();
        for (int e = 0; e < values.Count; e++)
        {
            if (double.IsFinite(values[e]))
            {
                points.Add(F($"{x(e):0.0},{y(values[e]):0.0}"));
                svg.AppendLine(F($"<circle cx=\"{x(e):0.0}\" cy=\"{y(values[e]):0.0}\" r=\"3\" fill=\"{colour}\"/>"));
            }
        }

        if (points.Count > 1)
        {
            svg.AppendLine(F($"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>"));
        }
    }

    private static void Legend(StringBuilder svg, int x, int y, string colour, string label)
    {
        svg.AppendLine(F($"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{colour}\" stroke-width=\"3\"/>"));
        svg.AppendLine(F($"<text x=\"{x + 30}\" y=\"{y}\">{label}</text>"));
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
