using System;
using System.Collections.Generic;
using System.IO;

namespace Dendrite.Data;

/// <summary>
/// A data set's files are not in the directory they were looked for in. The message names the directory, the
/// missing files and the file names accepted; <see cref="Directory"/> and <see cref="MissingFiles"/> hold them for
/// a program that wants to tell its users how to get the data (as the samples do).
/// </summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception for files missing from <paramref name="directory"/>.</summary>
    /// <param name="message">What is missing and where.</param>
    /// <param name="directory">The directory looked in.</param>
    /// <param name="missingFiles">The base names of the missing files (without <c>.gz</c>).</param>
    public DatasetNotFoundException(string message, string directory, IReadOnlyList<string> missingFiles)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(missingFiles);
        Directory = directory;
        MissingFiles = missingFiles;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DatasetNotFoundException()
        : this("The data set was not found.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DatasetNotFoundException(string message)
        : base(message)
    {
        Directory = string.Empty;
        MissingFiles = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DatasetNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Directory = string.Empty;
        MissingFiles = [];
    }

    /// <summary>The directory that was looked in; empty when the exception was created with a message only.</summary>
    public string Directory { get; }

    /// <summary>
    /// The base names of the files that are not there (<c>train-images-idx3-ubyte</c>, …), every file of the data set
    /// when the directory does not exist; empty when the exception was created with a message only.
    /// </summary>
    public IReadOnlyList<string> MissingFiles { get; }
}
