namespace Dendrite.Data;

/// <summary>
/// The original MNIST handwritten digits (60,000 + 10,000 images of 28×28 pixels, classes 0–9) in IDX format.
/// No Debian package ships it: point <see cref="Locate"/> at a directory holding the four files.
/// </summary>
public static class Mnist
{
    /// <summary>Where MNIST is looked for when no directory is given.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/mnist";

    /// <summary>Pixels per image (28 × 28).</summary>
    public const int InputSize = 28 * 28;

    /// <summary>What to do when the files are missing.</summary>
    public const string HowToGet =
        "Put MNIST's four IDX files — train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and " +
        "t10k-labels-idx1-ubyte, gzipped (.gz) or not — in a directory and pass it with --data DIR " +
        "(or copy them to " + DefaultDirectory + ").";

    /// <summary>Finds the four files in <paramref name="directory"/>, or in <see cref="DefaultDirectory"/> when null.</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says how to get them.</exception>
    public static IdxDatasetFiles Locate(string? directory = null) =>
        IdxDatasetFiles.Locate("MNIST", directory, DefaultDirectory, HowToGet);

    /// <summary>Reads the training and test sets, pixels scaled to [0, 1].</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says how to get them.</exception>
    /// <exception cref="System.IO.InvalidDataException">A file is corrupt.</exception>
    public static (Dataset Train, Dataset Test) Load(string? directory = null)
    {
        IdxDatasetFiles files = Locate(directory);
        return files.LoadBoth();
    }
}
