using System;
using System.IO;

namespace Dendrite.Data;

/// <summary>
/// A data set's files are not where they were looked for. The message lists where it looked and says exactly
/// how to get the files; <see cref="HowToGet"/> holds that advice on its own for command-line tools.
/// </summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public DatasetNotFoundException(string message, string howToGet)
        : base(message + Environment.NewLine + howToGet)
    {
        HowToGet = howToGet;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DatasetNotFoundException()
        : this("The data set was not found.", string.Empty)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DatasetNotFoundException(string message)
        : this(message, string.Empty)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DatasetNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        HowToGet = string.Empty;
    }

    /// <summary>The commands or steps that obtain the data set.</summary>
    public string HowToGet { get; }
}
