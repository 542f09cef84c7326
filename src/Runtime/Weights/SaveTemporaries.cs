using System;
using System.Collections.Generic;
using System.IO;

namespace Dendrite;

/// <summary>
/// Names the temporary file of an atomic save, <c>.&lt;file name&gt;.&lt;32 hex digits&gt;.tmp</c> beside the target, and
/// removes the ones that saves of the same target left behind when they were killed midway (a process killed
/// between creating the temporary and renaming it). Only names of exactly that shape for exactly that target are
/// touched, and only when no save holds them open, so a save running at the same time keeps its temporary and
/// the good file and every other file are never deleted (WeightsFileSaveTests).
/// </summary>
internal static class SaveTemporaries
{
    private const string Suffix = ".tmp";
    private const int RandomDigits = 32; // a Guid in "N" format

    /// <summary>A new, unique temporary name for a save of <paramref name="fileName"/>.</summary>
    public static string NewName(string fileName) => Prefix(fileName) + Guid.NewGuid().ToString("N") + Suffix;

    /// <summary>
    /// Deletes the stale temporaries of <paramref name="fileName"/> in <paramref name="directory"/>. Best effort:
    /// a temporary that cannot be opened exclusively (another save is writing it) or deleted is left alone, and no
    /// error escapes, because the save itself has already succeeded.
    /// </summary>
    public static void RemoveStale(string directory, string fileName)
    {
        string prefix = Prefix(fileName);
        List<string> stale = [];
        try
        {
            foreach (string path in Directory.EnumerateFiles(directory, "*" + Suffix))
            {
                if (IsTemporaryName(Path.GetFileName(path), prefix))
                {
                    stale.Add(path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string path in stale)
        {
            TryDeleteUnlessOpen(path);
        }
    }

    private static string Prefix(string fileName) => "." + fileName + ".";

    private static bool IsTemporaryName(string name, string prefix)
    {
        if (name.Length != prefix.Length + RandomDigits + Suffix.Length
            || !name.StartsWith(prefix, StringComparison.Ordinal)
            || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name.AsSpan(prefix.Length, RandomDigits))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Opens the file exclusively and deletes it on close. A save in progress holds its temporary open (a lock on
    /// Unix, a sharing mode on Windows), so the open fails and that file is kept.
    /// </summary>
    private static void TryDeleteUnlessOpen(string path)
    {
        try
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // In use, already gone, or not ours to delete: leave it.
        }
    }
}
