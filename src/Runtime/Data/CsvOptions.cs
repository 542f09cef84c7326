namespace Dendrite.Data;

/// <summary>How <see cref="CsvReader"/> splits a numeric text file into rows and columns.</summary>
public sealed class CsvOptions
{
    /// <summary>The separator between cells. Default ','. A space means "any run of spaces and tabs".</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first line is a header to skip rather than data. Default false.</summary>
    public bool HasHeader { get; init; }

    /// <summary>Comma-separated with no header: the default.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>Separated by runs of spaces or tabs, with no header.</summary>
    public static CsvOptions Whitespace { get; } = new() { Delimiter = ' ' };
}
