using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dendrite.Reports;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Reports;

public class TrainingCurvesTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_real_Fit_draws_four_curves_on_rounded_ticks_in_valid_svg()
    {
        TrainingHistory history = FitXor(validationSplit: 0.25f);
        XDocument svg = XDocument.Parse(TrainingCurves.ToSvg(history, "XOR <8 hidden> & sigmoid"));

        // Loss and accuracy, training and validation: four polylines, one point per epoch each.
        var lines = svg.Descendants(Svg + "polyline").ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, l => Assert.Equal(history.Epochs.Count, l.Attribute("points")!.Value.Split(' ').Length));
        Assert.Equal(2, lines.Count(l => l.Attribute("stroke")!.Value == "#ff7f0e"));

        // The title is escaped text, not markup.
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "XOR <8 hidden> & sigmoid");

        // Every value-axis label is a short decimal and consecutive labels differ by one 1/2/5 × 10^k step.
        var valueLabels = svg.Descendants(Svg + "text").Where(t => t.Attribute("text-anchor")?.Value == "end").Select(t => t.Value).ToList();
        Assert.True(valueLabels.Count >= 6, string.Join(", ", valueLabels));
        Assert.All(valueLabels, label => Assert.Matches(new Regex(@"^-?\d+(\.\d{1,3})?$"), label));
        foreach (var panel in SplitIntoAscendingRuns(valueLabels.Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList()))
        {
            double step = panel[1] - panel[0];
            Assert.Equal(AxisTicks.NiceStep(step * 0.999), step, 9);
            Assert.All(panel.Zip(panel.Skip(1)), pair => Assert.Equal(step, pair.Second - pair.First, 9));
        }
    }

    [Fact]
    public void Without_validation_or_accuracy_those_curves_and_the_accuracy_panel_are_left_out()
    {
        TrainingHistory noValidation = FitXor(validationSplit: 0);
        XDocument svg = XDocument.Parse(TrainingCurves.ToSvg(noValidation));
        Assert.Equal(2, svg.Descendants(Svg + "polyline").Count());
        Assert.DoesNotContain(svg.Descendants(Svg + "text"), t => t.Value == "validation");

        var regression = new TrainingHistory(
            [new EpochResult(1, 3.5, null, null, null, TimeSpan.Zero), new EpochResult(2, 2.25, null, null, null, TimeSpan.Zero)],
            StopReason.Completed,
            null);
        XDocument lossOnly = XDocument.Parse(TrainingCurves.ToSvg(regression));
        Assert.Single(lossOnly.Descendants(Svg + "polyline"));
        Assert.DoesNotContain(lossOnly.Descendants(Svg + "text"), t => t.Value == "accuracy");
    }

    [Fact]
    public void Many_epochs_are_labelled_on_round_epoch_numbers()
    {
        var epochs = Enumerable.Range(1, 100).Select(e => new EpochResult(e, 1.0 / e, 0.5 + (e / 250.0), null, null, TimeSpan.Zero)).ToList();
        XDocument svg = XDocument.Parse(TrainingCurves.ToSvg(new TrainingHistory(epochs, StopReason.Completed, null)));
        var epochLabels = svg.Descendants(Svg + "text")
            .Where(t => t.Attribute("text-anchor")?.Value == "middle" && int.TryParse(t.Value, out _))
            .Select(t => int.Parse(t.Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        Assert.Equal([1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], epochLabels);
    }

    [Fact]
    public void WriteSvg_replaces_the_file_atomically_and_leaves_no_temporary()
    {
        string directory = Directory.CreateTempSubdirectory("dendrite-curves-").FullName;
        try
        {
            string path = Path.Combine(directory, "curves.svg");
            File.WriteAllText(path, "old");
            TrainingHistory history = FitXor(validationSplit: 0.25f);
            TrainingCurves.WriteSvg(history, path, "xor");
            Assert.Equal(TrainingCurves.ToSvg(history, "xor"), File.ReadAllText(path));
            Assert.Equal(["curves.svg"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void An_empty_history_or_a_missing_path_is_refused_by_name()
    {
        var empty = new TrainingHistory([], StopReason.Completed, null);
        var e = Assert.Throws<ArgumentException>(() => TrainingCurves.ToSvg(empty));
        Assert.Equal("history", e.ParamName);
        Assert.Contains("at least one epoch but found none", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrainingCurves.WriteSvg(FitXor(0), " "));
    }

    private static TrainingHistory FitXor(float validationSplit)
    {
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0, 0, 1, 1, 0];
        var network = new XorNet(seed: 7);
        return network.Fit(inputs, targets, new FitOptions
        {
            Epochs = 12,
            BatchSize = 2,
            Optimizer = new Adam(0.05f),
            ValidationSplit = validationSplit,
            Seed = 1,
            Verbosity = Verbosity.Silent,
        });
    }

    private static List<List<double>> SplitIntoAscendingRuns(List<double> values)
    {
        var runs = new List<List<double>> { new() { values[0] } };
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i] <= values[i - 1])
            {
                runs.Add([]);
            }

            runs[^1].Add(values[i]);
        }

        return runs;
    }
}
