using System.Runtime.CompilerServices;

namespace Dendrite.Tests;

/// <summary>
/// Fit reports to the console by default (Verbosity.ProgressBar); the tests' many Fit calls that do not choose a
/// verbosity would fill the test log, so their default report goes nowhere. DefaultVerbosityTests choose a target
/// per call (FitOptions.Console) to test what the default writes on a terminal and when redirected.
/// </summary>
internal static class QuietFitReports
{
#pragma warning disable CA2255 // A test assembly's own set-up, not a library's: it runs before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => ConsoleTarget.Current = static () => new ConsoleTarget(TextWriter.Null, IsInteractive: false);
}
