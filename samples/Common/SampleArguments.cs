using System;
using System.Collections.Generic;
using System.Globalization;

namespace Dendrite.Samples;

/// <summary>
/// The samples' tiny command line: <c>--name value</c> pairs and <c>--help</c>. Small enough to read at a glance,
/// so the samples need no command-line package.
/// </summary>
internal sealed class SampleArguments
{
    private readonly Dictionary<string, string> _values;

    private SampleArguments(Dictionary<string, string> values) => _values = values;

    /// <summary>
    /// Parses <paramref name="args"/> against the allowed options (name → description). Returns null after
    /// printing the usage when --help was asked for or an argument is not understood (then sets <paramref name="exitCode"/>).
    /// </summary>
    public static SampleArguments? Parse(string[] args, string usage, IReadOnlyDictionary<string, string> options, out int exitCode)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h")
            {
                PrintUsage(Console.Out, usage, options);
                exitCode = 0;
                return null;
            }

            string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : string.Empty;
            if (!options.ContainsKey(name) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine(options.ContainsKey(name) ? $"Option {arg} needs a value." : $"Unknown argument '{arg}'.");
                PrintUsage(Console.Error, usage, options);
                exitCode = 2;
                return null;
            }

            values[name] = args[++i];
        }

        exitCode = 0;
        return new SampleArguments(values);
    }

    /// <summary>The value of --<paramref name="name"/>, or null when not given.</summary>
    public string? Text(string name) => _values.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The positive whole number given with --<paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int PositiveInt(string name, int fallback)
    {
        string? text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value <= 0)
        {
            throw new ArgumentException($"Expected a positive whole number after --{name} but found '{text}'.");
        }

        return value;
    }

    private static void PrintUsage(System.IO.TextWriter writer, string usage, IReadOnlyDictionary<string, string> options)
    {
        writer.WriteLine(usage);
        writer.WriteLine("Options:");
        foreach ((string name, string description) in options)
        {
            writer.WriteLine($"  --{name,-14} {description}");
        }
    }
}
