namespace Dendrite.Data;

/// <summary>
/// The original MNIST handwritten digits (60,000 + 10,000 images of 28×28 pixels, classes 0–9) in IDX format,
/// read from a directory you name.
/// </summary>
public static class Mnist
{
    /// <summary>Pixels per image (28 × 28).</summary>
    public const int InputSize = 28 * 28;

    /// <summary>
    /// Finds the four files in <paramref name="directory"/>: <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, each gzipped (<c>.gz</c>) or not.
    /// </summary>
    /// <exception cref="System.ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DatasetNotFoundException">
    /// The directory does not exist or lacks a file; the message names the directory, the missing files and the
    /// file names accepted (DatasetLocatorTests).
    /// </exception>
    public static IdxDatasetFiles Locate(string directory) => IdxDatasetFiles.Locate("MNIST", directory);

    /// <summary>Reads the training and test sets from <paramref name="directory"/>, pixels scaled to [0, 1].</summary>
    /// <exception cref="System.ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says which and where.</exception>
    /// <exception cref="System.IO.InvalidDataException">A file is corrupt.</exception>
    public static (Dataset Train, Dataset Test) Load(string directory) => Locate(directory).LoadBoth();
}
