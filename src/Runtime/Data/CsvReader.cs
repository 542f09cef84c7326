using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Dendrite.Data;

/// <summary>
/// Reads numeric CSV files (gzip-compressed or plain, detected from the content) line by line into a
/// <see cref="CsvTable"/>. Every cell must be a finite number in the invariant culture (NaN, infinities and values
/// beyond float's range only with <see cref="CsvOptions.AllowNonFiniteValues"/>); every data row must have as
/// many cells as the first. Blank lines are skipped. A bad cell or row is refused with an
/// <see cref="InvalidDataException"/> naming the file, the line and the column, and no table is returned.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads every cell of <paramref name="path"/> as a number.</summary>
    /// <exception cref="InvalidDataException">A cell is not a number, a row is ragged, or there are no data rows.</exception>
    public static CsvTable Read(string path, CsvOptions? options = null)
    {
        options ??= CsvOptions.Default;
        using Stream stream = DataFile.OpenRead(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        string? header = null;
        var values = new List<float>();
        var lineNumbers = new List<int>();
        int columns = -1;
        int firstDataLine = 0;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1 && options.HasHeader)
            {
                header = line;
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int found = ParseRow(line, options, values, path, lineNumber);
            if (columns < 0)
            {
                columns = found;
                firstDataLine = lineNumber;
            }
            else if (found != columns)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: expected {columns} columns (as on line {firstDataLine}) but found {found}.");
            }

            lineNumbers.Add(lineNumber);
        }

        if (columns < 0)
        {
            throw new InvalidDataException($"{path}: expected at least one data row but the file has none{(options.HasHeader ? " after the header" : string.Empty)}.");
        }

        return new CsvTable(path, values.ToArray(), lineNumbers.Count, columns, header, lineNumbers.ToArray());
    }

    /// <summary>
    /// Reads a classification dataset: column <paramref name="labelColumn"/> (negative counts from the end,
    /// −1 is the last) holds whole-number class labels, the other columns are the inputs.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is bad (see <see cref="Read"/>) or a label is not a whole number ≥ 0.</exception>
    public static Dataset ReadLabeled(string path, int labelColumn, CsvOptions? options = null) =>
        Read(path, options).ToLabeledDataset(labelColumn);

    /// <summary>Appends the cells of one line to <paramref name="values"/> and returns how many there were.</summary>
    private static int ParseRow(string line, CsvOptions options, List<float> values, string path, int lineNumber)
    {
        char delimiter = options.Delimiter;
        ReadOnlySpan<char> rest = line.AsSpan();
        bool whitespace = delimiter == ' ';
        if (whitespace)
        {
            rest = rest.Trim();
        }

        int column = 0;
        while (true)
        {
            column++;
            int end = whitespace ? rest.IndexOfAny(' ', '\t') : rest.IndexOf(delimiter);
            ReadOnlySpan<char> cell = (end < 0 ? rest : rest[..end]).Trim();
            if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            {
                string shown = cell.IsEmpty ? "an empty cell" : $"'{cell.ToString()}'";
                throw new InvalidDataException($"{path}, line {lineNumber}, column {column}: expected a number but found {shown}.");
            }

            if (!float.IsFinite(value) && !options.AllowNonFiniteValues)
            {
                throw new InvalidDataException(
                    $"{path}, line {lineNumber}, column {column}: expected a finite number within float's range (±3.4028235E+38) but found '{cell.ToString()}'; set CsvOptions.{nameof(CsvOptions.AllowNonFiniteValues)} to accept NaN and infinities.");
            }

            values.Add(value);
            if (end < 0)
            {
                return column;
            }

            rest = rest[(end + 1)..];
            if (whitespace)
            {
                rest = rest.TrimStart();
            }
        }
    }
}
