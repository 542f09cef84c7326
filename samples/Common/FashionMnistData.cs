using System;
using System.Diagnostics;
using System.IO;
using Dendrite.Data;

namespace Dendrite.Samples;

/// <summary>
/// Where the samples find Fashion-MNIST, and what they print when it is not there. The library reads a directory it
/// is given (<see cref="Dendrite.Data.FashionMnist.Load"/>); choosing that directory is the samples' business: the
/// one given on the command line, else <c>$DENDRITE_FASHION_MNIST</c>, else where Debian's package
/// <c>dataset-fashion-mnist</c> installs the files.
/// </summary>
internal static class FashionMnistData
{
    /// <summary>Where Debian's package <c>dataset-fashion-mnist</c> installs the four files: the samples' default.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The environment variable that names the directory when the command line does not.</summary>
    public const string EnvironmentVariable = "DENDRITE_FASHION_MNIST";

    /// <summary>The directory to read: <paramref name="given"/>, else <see cref="EnvironmentVariable"/>'s value, else <see cref="DebianDirectory"/>.</summary>
    public static string Directory(string? given) =>
        !string.IsNullOrEmpty(given) ? given
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DebianDirectory;

    /// <summary>
    /// How to get the files, for a sample that takes the directory as <paramref name="howToPass"/>
    /// (<c>--data DIR</c>, or a positional argument).
    /// </summary>
    public static string HowToGet(string howToPass = "--data DIR") =>
        "To get Fashion-MNIST:\n" +
        $"  on Debian:  apt-get install -y dataset-fashion-mnist   (as root; as a user: sudo apt-get ...; after apt-get update on a fresh machine)\n" +
        $"              installs the files in {DebianDirectory}, where the samples look by default\n" +
        "  elsewhere:  download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and\n" +
        "              t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist (folder data/fashion)\n" +
        $"              into a directory, and pass it with {howToPass} or set {EnvironmentVariable}=DIR.";

    /// <summary>
    /// Reads the training and test sets from <see cref="Directory"/>(<paramref name="directory"/>) and prints how long
    /// it took. When a file is missing or corrupt, prints the reason (for a missing file, also how to get the data)
    /// and returns false, so the sample can exit with status 1.
    /// </summary>
    public static bool TryLoad(string? directory, out Dataset train, out Dataset test, string howToPass = "--data DIR")
    {
        var clock = Stopwatch.StartNew();
        try
        {
            (train, test) = global::Dendrite.Data.FashionMnist.Load(Directory(directory)); // qualified: a sample namespace is also called FashionMnist
        }
        catch (Exception e) when (Report(e, howToPass))
        {
            train = test = null!;
            return false;
        }

        Console.WriteLine($"Loaded {train.Count:N0} training and {test.Count:N0} test images in {clock.Elapsed.TotalSeconds:0.00} s.");
        return true;
    }

    /// <summary>Reads only the test set, as <see cref="TryLoad"/> does (without printing the time).</summary>
    public static bool TryLoadTest(string? directory, out Dataset test, string howToPass = "--data DIR")
    {
        try
        {
            test = global::Dendrite.Data.FashionMnist.Locate(Directory(directory)).LoadTest();
            return true;
        }
        catch (Exception e) when (Report(e, howToPass))
        {
            test = null!;
            return false;
        }
    }

    /// <summary>Prints why the data could not be read and returns true, for a data error; returns false for any other exception.</summary>
    private static bool Report(Exception e, string howToPass)
    {
        switch (e)
        {
            case DatasetNotFoundException:
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(HowToGet(howToPass));
                return true;
            case InvalidDataException:
                Console.Error.WriteLine(e.Message);
                return true;
            default:
                return false;
        }
    }
}
