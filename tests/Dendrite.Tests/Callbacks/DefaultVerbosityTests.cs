using System.Text.RegularExpressions;
using Dendrite.Tests.Networks;
using Dendrite.Tests.Training;
using Xunit;

namespace Dendrite.Tests.Callbacks;

/// <summary>
/// Fit's default report, as Keras' verbose="auto": a progress bar redrawn in place on an interactive terminal, one
/// line per epoch when the output is redirected; an explicit Verbosity overrides. "Interactive" is injected through
/// FitOptions.Console, as no test runs on a real terminal.
/// </summary>
public class DefaultVerbosityTests
{
    [Fact]
    public void The_default_is_the_adaptive_progress_bar()
    {
        Assert.Equal(Verbosity.ProgressBar, new FitOptions().Verbosity);
    }

    [Fact]
    public void By_default_an_interactive_terminal_gets_the_bar_redrawn_in_place_and_one_line_per_epoch()
    {
        string output = Report(interactive: true, verbosity: null);

        Assert.Contains("\rEpoch 1/3", output, StringComparison.Ordinal);
        Assert.Equal(3, Lines(output).Length); // the bar is redrawn with \r, never adding a line
        Assert.All(Lines(output), line => Assert.Matches(EpochLine, line[(line.LastIndexOf('\r') + 1)..]));
    }

    [Fact]
    public void By_default_redirected_output_gets_plain_epoch_lines_without_carriage_returns()
    {
        string output = Report(interactive: false, verbosity: null);

        Assert.DoesNotContain('\r', output);
        Assert.Equal(3, Lines(output).Length);
        Assert.All(Lines(output), line => Assert.Matches(EpochLine, line));
    }

    [Fact]
    public void EpochLines_overrides_the_bar_on_a_terminal_and_Silent_writes_nothing()
    {
        string lines = Report(interactive: true, verbosity: Verbosity.EpochLines);
        Assert.DoesNotContain('\r', lines);
        Assert.Equal(3, Lines(lines).Length);

        Assert.Equal(string.Empty, Report(interactive: true, verbosity: Verbosity.Silent));
        Assert.Equal(string.Empty, Report(interactive: false, verbosity: Verbosity.Silent));
    }

    [Fact]
    public void An_explicit_ProgressBar_still_falls_back_to_lines_when_redirected()
    {
        string output = Report(interactive: false, verbosity: Verbosity.ProgressBar);

        Assert.DoesNotContain('\r', output);
        Assert.Equal(3, Lines(output).Length);
    }

    private static readonly Regex EpochLine = new(@"^Epoch \d/3  3/3 ━{20} \d+\.\ds \d+\.\d\dms/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}$");

    private static string Report(bool interactive, Verbosity? verbosity)
    {
        (float[] x, int[] labels) = SyntheticData.Spiral(perClass: 10, seed: 1); // 30 samples in batches of 10
        var writer = new StringWriter();
        var console = new ConsoleTarget(writer, interactive);
        FitOptions options = verbosity is { } chosen
            ? new FitOptions { Epochs = 3, BatchSize = 10, Console = console, Verbosity = chosen }
            : new FitOptions { Epochs = 3, BatchSize = 10, Console = console };
        new SpiralClassifier(seed: 1).Fit(x, labels, options);
        return writer.ToString();
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
