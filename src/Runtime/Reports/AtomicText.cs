using System;
using System.IO;
using System.Text;

namespace Dendrite.Reports;

/// <summary>Writes a text file the way weights are saved: to a temporary beside it, then one rename, so readers see the old file or the new one.</summary>
internal static class AtomicText
{
    public static void Write(string path, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(directory, SaveTemporaries.NewName(Path.GetFileName(fullPath)));
        try
        {
            // Open until it has replaced the target, as WeightsFile's save keeps it (locked against another save's cleanup).
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete);
            stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
            stream.Flush(flushToDisk: true);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original error is the one to report.
            }

            throw;
        }

        SaveTemporaries.RemoveStale(directory, Path.GetFileName(fullPath));
    }
}
