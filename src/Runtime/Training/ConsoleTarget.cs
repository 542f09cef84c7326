using System;
using System.IO;

namespace Dendrite;

/// <summary>
/// Where <c>Fit</c>'s own report goes and whether that output is an interactive terminal, the one fact the default
/// <see cref="Verbosity.ProgressBar"/> adapts to: a bar redrawn in place on a terminal, one line per epoch when the
/// output is redirected to a file or a pipe, where carriage returns would only clutter the log.
/// </summary>
/// <param name="Writer">Receives the report.</param>
/// <param name="IsInteractive">True when <paramref name="Writer"/> is a terminal that shows a line redrawn in place.</param>
internal sealed record ConsoleTarget(TextWriter Writer, bool IsInteractive)
{
    /// <summary>
    /// The process's console as it is now. Tests replace this (a module initializer), so that the report of every
    /// <c>Fit</c> they run without choosing a verbosity goes nowhere, and choose a target per call with
    /// <see cref="FitOptions.Console"/> to test both paths (DefaultVerbosityTests).
    /// </summary>
    internal static Func<ConsoleTarget> Current { get; set; } = static () => new ConsoleTarget(System.Console.Out, !System.Console.IsOutputRedirected);

    /// <summary>
    /// The reporter <paramref name="verbosity"/> asks for on this target, or null for <see cref="Verbosity.Silent"/>:
    /// <see cref="Verbosity.ProgressBar"/> draws the bar only when the target is interactive and otherwise writes the
    /// lines <see cref="Verbosity.EpochLines"/> writes.
    /// </summary>
    internal ConsoleReporter? ReporterFor(Verbosity verbosity) => verbosity switch
    {
        Verbosity.Silent => null,
        Verbosity.ProgressBar => new ConsoleReporter(Writer, progressBar: IsInteractive),
        Verbosity.EpochLines => new ConsoleReporter(Writer, progressBar: false),
        _ => throw new ArgumentOutOfRangeException(nameof(verbosity), verbosity, "Expected a named Verbosity value."),
    };
}
