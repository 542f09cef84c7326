using System;
using System.Diagnostics;
using System.IO;
using Dendrite.Data;

namespace Dendrite.Samples;

/// <summary>Loading Fashion-MNIST the way the samples that train on it all do.</summary>
internal static class FashionMnistData
{
    /// <summary>
    /// Reads the training and test sets from <paramref name="directory"/> (or the Debian package's directory) and
    /// prints how long it took. When a file is missing or corrupt, prints the reason — for a missing file, how to
    /// get the data — and returns false, so the sample can exit with status 1.
    /// </summary>
    public static bool TryLoad(string? directory, out Dataset train, out Dataset test)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            (train, test) = global::Dendrite.Data.FashionMnist.Load(directory); // qualified: a sample namespace is also called FashionMnist
        }
        catch (Exception e) when (e is DatasetNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine(e.Message);
            train = test = null!;
            return false;
        }

        Console.WriteLine($"Loaded {train.Count:N0} training and {test.Count:N0} test images in {clock.Elapsed.TotalSeconds:0.00} s.");
        return true;
    }
}
