using System;
using System.IO;

namespace Dendrite;

/// <summary>
/// Writes a whole file atomically, as <see cref="WeightsFile"/>, <see cref="OnnxExport"/> and <see cref="Reports.TrainingCurves.WriteSvg"/> save: into a temporary file
/// beside the target (<see cref="SaveTemporaries"/>), flushed to disk, then renamed over the target. A crash or a full
/// disk during the write leaves the previous file untouched (WeightsFileSaveTests, OnnxExportSaveTests).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/>; <paramref name="decorate"/> lets tests wrap the file stream to inject failures.</summary>
    /// <exception cref="IOException">The file could not be written; any previous file at the path is intact.</exception>
    public static void Write(string path, byte[] contents, Func<Stream, Stream> decorate)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(directory, SaveTemporaries.NewName(Path.GetFileName(fullPath)));
        try
        {
            // The temporary stays open (and so locked against SaveTemporaries' cleanup by another save) until it
            // has replaced the target; FileShare.Delete is what lets it be renamed while open on Windows.
            using var fileStream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete);
            Stream stream = decorate(fileStream);
            stream.Write(contents, 0, contents.Length);
            stream.Flush();
            fileStream.Flush(flushToDisk: true);

            // A rename within one directory replaces the destination atomically: readers see the old file or the
            // new one, never a mixture.
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        // Saves of this path that were killed midway left their temporaries behind; nothing else ever removes them.
        SaveTemporaries.RemoveStale(directory, Path.GetFileName(fullPath));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temporary file is hidden and uniquely named; the next save of the same path removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
