using System;
using System.IO;

namespace Dendrite.Data;

/// <summary>A rectangular table of numbers read by <see cref="CsvReader"/>, stored row-major.</summary>
public sealed class CsvTable
{
    private readonly int[] _lineNumbers;

    internal CsvTable(string path, float[] values, int rowCount, int columnCount, string? header, int[] lineNumbers)
    {
        Path = path;
        Values = values;
        RowCount = rowCount;
        ColumnCount = columnCount;
        Header = header;
        _lineNumbers = lineNumbers;
    }

    /// <summary>The file the table was read from.</summary>
    public string Path { get; }

    /// <summary>All cells, row-major: <see cref="RowCount"/> × <see cref="ColumnCount"/> values.</summary>
    public float[] Values { get; }

    /// <summary>Number of data rows (header and blank lines excluded).</summary>
    public int RowCount { get; }

    /// <summary>Number of columns, the same on every row.</summary>
    public int ColumnCount { get; }

    /// <summary>The header line as read, or null when the options said there is none.</summary>
    public string? Header { get; }

    /// <summary>The cells of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * ColumnCount, ColumnCount);

    /// <summary>A copy of column <paramref name="column"/> (negative counts from the end: −1 is the last).</summary>
    public float[] Column(int column)
    {
        int index = ResolveColumn(column);
        var values = new float[RowCount];
        for (int r = 0; r < RowCount; r++)
        {
            values[r] = Values[(r * ColumnCount) + index];
        }

        return values;
    }

    /// <summary>
    /// A classification dataset: column <paramref name="labelColumn"/> (negative counts from the end) holds the
    /// class labels, every other column is an input.
    /// </summary>
    /// <exception cref="InvalidDataException">A label is not a whole number ≥ 0 (the message names its line and column).</exception>
    public Dataset ToLabeledDataset(int labelColumn)
    {
        int labelIndex = ResolveColumn(labelColumn);
        if (ColumnCount < 2)
        {
            throw new InvalidDataException($"{Path}: a labelled dataset needs at least one input column besides the label, but the file has {ColumnCount} column.");
        }

        int inputSize = ColumnCount - 1;
        var inputs = new float[RowCount * inputSize];
        var labels = new int[RowCount];
        for (int r = 0; r < RowCount; r++)
        {
            ReadOnlySpan<float> row = Row(r);
            float label = row[labelIndex];
            if (!(label >= 0 && label <= int.MaxValue && label == MathF.Floor(label)))
            {
                throw new InvalidDataException(
                    $"{Path}, line {_lineNumbers[r]}, column {labelIndex + 1}: expected a class label (a whole number ≥ 0) but found {label.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }

            labels[r] = (int)label;
            Span<float> target = inputs.AsSpan(r * inputSize, inputSize);
            row[..labelIndex].CopyTo(target);
            row[(labelIndex + 1)..].CopyTo(target[labelIndex..]);
        }

        return Dataset.WithLabels(inputs, inputSize, labels);
    }

    private int ResolveColumn(int column)
    {
        int index = column < 0 ? ColumnCount + column : column;
        if ((uint)index >= (uint)ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"Expected a column in [−{ColumnCount}, {ColumnCount}) for {Path}, which has {ColumnCount} columns, but found {column}.");
        }

        return index;
    }
}
