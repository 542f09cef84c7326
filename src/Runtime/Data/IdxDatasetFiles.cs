using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Dendrite.Data;

/// <summary>
/// The four files of an MNIST-style data set (training and test images and labels), found on disk.
/// </summary>
/// <param name="Directory">The directory holding them.</param>
/// <param name="TrainImages">Training images (<c>train-images-idx3-ubyte[.gz]</c>).</param>
/// <param name="TrainLabels">Training labels (<c>train-labels-idx1-ubyte[.gz]</c>).</param>
/// <param name="TestImages">Test images (<c>t10k-images-idx3-ubyte[.gz]</c>).</param>
/// <param name="TestLabels">Test labels (<c>t10k-labels-idx1-ubyte[.gz]</c>).</param>
public sealed record IdxDatasetFiles(string Directory, string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    private static readonly string[] BaseNames = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Reads the training set.</summary>
    public Dataset LoadTrain() => IdxReader.ReadDataset(TrainImages, TrainLabels);

    /// <summary>Reads the test set.</summary>
    public Dataset LoadTest() => IdxReader.ReadDataset(TestImages, TestLabels);

    /// <summary>Reads the training and the test set at the same time, on two threads.</summary>
    public (Dataset Train, Dataset Test) LoadBoth()
    {
        Task<Dataset> test = Task.Run(LoadTest);
        Dataset train = LoadTrain();
        // GetAwaiter().GetResult() rethrows the reader's own exception rather than an AggregateException.
        return (train, test.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Looks for the four files in <paramref name="directory"/>, under their usual names, gzipped (<c>.gz</c>) or
    /// raw, with a dash or a dot before <c>idx</c>. Returns null and the base names of the missing files when some are absent.
    /// </summary>
    internal static IdxDatasetFiles? Find(string directory, out IReadOnlyList<string> missing)
    {
        var found = new string[BaseNames.Length];
        var absent = new List<string>();
        for (int i = 0; i < BaseNames.Length; i++)
        {
            string? path = Candidates(BaseNames[i]).Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
            if (path is null)
            {
                absent.Add(BaseNames[i]);
            }
            else
            {
                found[i] = path;
            }
        }

        missing = absent;
        return absent.Count == 0 ? new IdxDatasetFiles(directory, found[0], found[1], found[2], found[3]) : null;
    }

    /// <summary>
    /// Finds the four files of <paramref name="name"/> in <paramref name="directory"/>, or throws
    /// <see cref="DatasetNotFoundException"/> naming the directory, the missing files and the names accepted.
    /// </summary>
    internal static IdxDatasetFiles Locate(string name, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            string problem = File.Exists(directory) ? "is a file, not a directory" : "does not exist";
            throw new DatasetNotFoundException(
                $"{name} was not found: '{directory}' {problem}. Expected a directory holding {JoinNames(BaseNames)}, each gzipped (.gz) or not.",
                directory,
                BaseNames);
        }

        IdxDatasetFiles? files = Find(directory, out IReadOnlyList<string> missing);
        if (files is null)
        {
            string example = missing[0];
            throw new DatasetNotFoundException(
                $"{name} was not found: the directory '{directory}' lacks {JoinNames(missing)}. " +
                $"Each file is accepted gzipped or not, and with '.idx' in place of '-idx', for example {JoinNames(Candidates(example).ToList(), "or")}.",
                directory,
                missing);
        }

        return files;
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    private static string JoinNames(IReadOnlyList<string> names, string last = "and") =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " " + last + " " + names[^1];

    private static IEnumerable<string> Candidates(string baseName)
    {
        string dotted = baseName.Replace("-idx", ".idx", StringComparison.Ordinal);
        yield return baseName + ".gz";
        yield return baseName;
        yield return dotted + ".gz";
        yield return dotted;
    }
}
