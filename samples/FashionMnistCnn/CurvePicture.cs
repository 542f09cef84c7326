using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Dendrite;

namespace FashionMnistCnn;

/// <summary>
/// Draws the training curves (accuracy and loss per epoch, training and test) as a small SVG file, with no
/// plotting dependency: two panels, one polyline per series.
/// </summary>
internal static class CurvePicture
{
    private const int PanelWidth = 420, PanelHeight = 300, Margin = 50;

    public static void Write(string path, TrainingHistory history)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{(2 * PanelWidth) + (3 * Margin)}\" height=\"{PanelHeight + (2 * Margin)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        Panel(svg, Margin, "Accuracy", history.Accuracy, history.ValidationAccuracy);
        Panel(svg, (2 * Margin) + PanelWidth, "Loss", history.Loss, history.ValidationLoss);
        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    private static void Panel(StringBuilder svg, int left, string title, double[] training, double[] test)
    {
        double[] all = training.Concat(test).Where(double.IsFinite).ToArray();
        double low = all.Length == 0 ? 0 : all.Min(), high = all.Length == 0 ? 1 : all.Max();
        if (high - low < 1e-9)
        {
            high = low + 1;
        }

        int n = Math.Max(training.Length, 2);
        double X(int i) => left + (PanelWidth * i / (double)(n - 1));
        double Y(double v) => Margin + (PanelHeight * (high - v) / (high - low));

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{Margin}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#999\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (PanelWidth / 2)}\" y=\"{Margin - 20}\" text-anchor=\"middle\" font-size=\"14\">{title} per epoch</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{Margin + 4}\" text-anchor=\"end\">{high:0.###}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{Margin + PanelHeight}\" text-anchor=\"end\">{low:0.###}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{Margin + PanelHeight + 16}\">1</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + PanelWidth}\" y=\"{Margin + PanelHeight + 16}\" text-anchor=\"end\">{training.Length}</text>\n");
        Series(svg, training, X, Y, "#1f77b4");
        Series(svg, test, X, Y, "#d62728");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 8}\" y=\"{Margin + PanelHeight + 36}\" fill=\"#1f77b4\">training</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 90}\" y=\"{Margin + PanelHeight + 36}\" fill=\"#d62728\">test</text>\n");
    }

    private static void Series(StringBuilder svg, double[] values, Func<int, double> x, Func<double, double> y, string colour)
    {
        string points = string.Join(" ", values.Select((v, i) => (v, i)).Where(p => double.IsFinite(p.v))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.i):F1},{y(p.v):F1}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
    }
}
