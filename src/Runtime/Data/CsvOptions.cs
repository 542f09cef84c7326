using Dendrite.Internal;

namespace Dendrite.Data;

/// <summary>How <see cref="CsvReader"/> splits a numeric text file into rows and columns, and which numbers it accepts.</summary>
public sealed class CsvOptions
{
    private readonly char _delimiter = ',';

    /// <summary>
    /// The separator between cells. Default ','. A space means "any run of spaces and tabs". A character that can be
    /// part of a number (a digit, '.', '+', '-', 'e', 'E') or end a line is refused with an
    /// <see cref="System.ArgumentOutOfRangeException"/> (HyperParameterValidationTests).
    /// </summary>
    public char Delimiter
    {
        get => _delimiter;
        init => _delimiter = IsPossibleDelimiter(value)
            ? value
            : throw Guard.OutOfRange(nameof(Delimiter), value, "to be a character that cannot appear in a number or end a line", Shown(value));
    }

    /// <summary>Whether the first line is a header to skip rather than data. Default false.</summary>
    public bool HasHeader { get; init; }

    /// <summary>
    /// Accept cells that are not finite numbers: <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, and numbers beyond
    /// float's range such as <c>1e39</c>, which become ±∞. Default false: such a cell is refused with its line and
    /// column, because one NaN or ∞ in the inputs makes every loss and every weight it touches NaN
    /// (CsvNonFiniteTests). Opt in only to mark missing values that are cleaned up before training.
    /// </summary>
    public bool AllowNonFiniteValues { get; init; }

    /// <summary>Comma-separated with no header: the default.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>Separated by runs of spaces or tabs, with no header.</summary>
    public static CsvOptions Whitespace { get; } = new() { Delimiter = ' ' };

    private static bool IsPossibleDelimiter(char c) => !char.IsAsciiDigit(c) && c is not ('.' or '+' or '-' or 'e' or 'E' or '\n' or '\r');

    private static string Shown(char c) => c switch
    {
        '\n' => "'\\n'",
        '\r' => "'\\r'",
        _ => "'" + c + "'",
    };
}
