using System;
using System.Collections.Generic;

namespace Dendrite.Generator.Weights;

/// <summary>
/// The did-you-mean of DN0020: among the project's AdditionalFiles items, the one whose file name is closest to the
/// name the network asked for (edit distance, case-insensitive, at most a third of the name and never more than
/// 3 edits), written as a Weights value that matches it. Ties go to the ordinally first path, so the suggestion
/// does not depend on the order the compiler lists the files in.
/// </summary>
internal static class WeightsNameSuggestion
{
    private const string Base64Suffix = ".base64";

    public static string? Closest(string requested, IEnumerable<string> additionalFilePaths)
    {
        string requestedFileName = FileName(requested);
        int allowed = Math.Min(3, Math.Max(1, requestedFileName.Length / 3));
        string? best = null;
        string? bestPath = null;
        int bestDistance = int.MaxValue;
        foreach (string path in additionalFilePaths)
        {
            string normalized = path.Replace('\\', '/');
            if (normalized.EndsWith(Base64Suffix, StringComparison.OrdinalIgnoreCase))
            {
                normalized = normalized.Substring(0, normalized.Length - Base64Suffix.Length);
            }

            string candidate = FileName(normalized);
            int distance = Distance(requestedFileName, candidate);
            if (distance == 0 || distance > allowed)
            {
                continue; // 0: the same file name in another folder, which Matches already ruled out; keep the message honest
            }

            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(path, bestPath) < 0))
            {
                bestDistance = distance;
                bestPath = path;
                best = WithFileName(requested, candidate, path);
            }
        }

        return best;
    }

    /// <summary>The requested value with its file name replaced, if that still names <paramref name="path"/>; else the bare file name.</summary>
    private static string WithFileName(string requested, string fileName, string path)
    {
        int slash = requested.Replace('\\', '/').LastIndexOf('/');
        string sameFolder = requested.Substring(0, slash + 1) + fileName;
        return AdditionalWeightsReader.Matches(path, sameFolder) ? sameFolder : fileName;
    }

    private static string FileName(string path)
    {
        string normalized = path.Replace('\\', '/');
        return normalized.Substring(normalized.LastIndexOf('/') + 1);
    }

    /// <summary>Levenshtein distance, case-insensitive (file names on Windows and macOS usually are).</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
