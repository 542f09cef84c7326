using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Writes one CSV row per epoch during <c>Fit</c> (Keras' <c>CSVLogger</c>): a header row, then the epoch (1-based,
/// as <see cref="EpochResult.Epoch"/>) and every metric the call measures, in the order the console shows them —
/// <c>epoch,loss,accuracy,val_loss,val_accuracy</c> for a classifier with validation data, <c>epoch,loss</c> for a
/// regression without. Numbers are written in the invariant culture, in the shortest form that reads back as the
/// same <see cref="double"/>; a value the epoch did not measure (validation of an epoch cut short) is an empty cell.
/// Each row is written and the file closed at the end of its epoch, so the file is complete up to the last finished
/// epoch even if the process dies (CsvLoggerTests).
/// </summary>
public sealed class CsvLogger : ITrainingCallback
{
    private readonly List<Metric> _columns = [];

    /// <summary>Logs to <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file. A missing directory is created.</param>
    /// <param name="append">
    /// Keep the rows already in the file and add this call's below them, as Keras' <c>append=True</c>; the header is
    /// written only when the file is new or empty, and an existing header must name the same columns. Default false:
    /// the file is replaced when training starts.
    /// </param>
    /// <param name="separator">Between cells: any character that cannot appear in a number, a column name or end a line. Default ','.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="separator"/> could appear in a cell.</exception>
    public CsvLogger(string path, bool append = false, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ArgumentException("Expected a file path but found an empty string.", nameof(path));
        }

        if (char.IsLetterOrDigit(separator) || separator is '.' or '+' or '-' or '_' or '"' or '\n' or '\r')
        {
            throw Guard.OutOfRange(nameof(separator), separator, "to be a character that cannot appear in a number, a column name or end a line", Shown(separator));
        }

        Path = path;
        Append = append;
        Separator = separator;
    }

    /// <summary>The CSV file.</summary>
    public string Path { get; }

    /// <summary>Whether rows are added to an existing file rather than replacing it.</summary>
    public bool Append { get; }

    /// <summary>The character between cells.</summary>
    public char Separator { get; }

    /// <summary>Chooses the columns and writes the header (or, when appending, checks the file's).</summary>
    /// <exception cref="InvalidOperationException">Appending to a file whose header names other columns.</exception>
    public void OnTrainingStart(TrainingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _columns.Clear();
        var header = new StringBuilder("epoch");
        foreach (Metric metric in MetricNames.All)
        {
            if (MetricNames.IsMeasured(metric, plan))
            {
                _columns.Add(metric);
                header.Append(Separator).Append(MetricNames.Name(metric));
            }
        }

        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        if (Append && new FileInfo(Path) is { Exists: true, Length: > 0 })
        {
            string existing = FirstLine(Path);
            if (!string.Equals(existing, header.ToString(), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"CsvLogger cannot append to \"{Path}\": expected its header to be \"{header}\" but found \"{existing}\".");
            }

            return;
        }

        File.WriteAllText(Path, header.Append('\n').ToString());
    }

    /// <summary>Appends the epoch's row and closes the file.</summary>
    public void OnEpochEnd(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var row = new StringBuilder(result.Epoch.ToString(CultureInfo.InvariantCulture));
        foreach (Metric metric in _columns)
        {
            row.Append(Separator);
            if (result.Get(metric) is { } value)
            {
                row.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        File.AppendAllText(Path, row.Append('\n').ToString());
    }

    private static string FirstLine(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() ?? string.Empty;
    }

    private static string Shown(char c) => c switch
    {
        '\n' => "'\\n'",
        '\r' => "'\\r'",
        _ => "'" + c + "'",
    };
}
