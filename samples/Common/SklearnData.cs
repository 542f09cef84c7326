using System;
using System.Collections.Generic;
using System.IO;

namespace Dendrite.Samples;

/// <summary>
/// Finds the small classic data sets that Debian's <c>python3-sklearn</c> package ships as CSV files
/// (digits, breast cancer, diabetes). <c>samples/Digits/get-data.sh</c> copies them into <c>samples/data/</c>
/// without installing the package; an installed package is used as it is.
/// </summary>
internal static class SklearnData
{
    /// <summary>Where an installed python3-sklearn keeps them.</summary>
    public const string InstalledDirectory = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    /// <summary>What to do when the files are missing.</summary>
    public const string HowToGet =
        "Get them with:  bash samples/Digits/get-data.sh   (downloads Debian's python3-sklearn package and copies its data files to samples/data/;\n" +
        "run 'apt-get update' first (as root; as a user: sudo apt-get update) if apt-get cannot find the package), or install the package: apt-get install -y python3-sklearn,\n" +
        "or pass --data DIR with a directory holding the file.";

    /// <summary>
    /// The path of <paramref name="fileName"/>: in <paramref name="directory"/> when given, else in samples/data
    /// (looked for above the program and the current directory), else in the installed package.
    /// Returns null after printing where it looked and how to get the file.
    /// </summary>
    public static string? Find(string fileName, string? directory)
    {
        var looked = new List<string>();
        foreach (string candidate in Candidates(directory))
        {
            string path = Path.Combine(candidate, fileName);
            if (File.Exists(path))
            {
                return path;
            }

            looked.Add(candidate);
        }

        Console.Error.WriteLine($"{fileName} was not found in: {string.Join(", ", looked)}.");
        Console.Error.WriteLine(HowToGet);
        return null;
    }

    private static IEnumerable<string> Candidates(string? directory)
    {
        if (!string.IsNullOrEmpty(directory))
        {
            yield return Path.GetFullPath(directory);
            yield break;
        }

        // samples/data, found by walking up from the program (samples/X/bin/Release/net10.0) and from the current directory.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string data = Path.Combine(dir.FullName, dir.Name == "samples" ? "data" : Path.Combine("samples", "data"));
                if (Directory.Exists(data) && seen.Add(data))
                {
                    yield return data;
                }
            }
        }

        if (seen.Count == 0)
        {
            yield return Path.Combine("samples", "data");
        }

        yield return InstalledDirectory;
    }
}
