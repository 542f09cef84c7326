using System.Collections.Generic;

namespace Dendrite.Data;

/// <summary>
/// Zalando's Fashion-MNIST: 60,000 training and 10,000 test greyscale images of 28×28 pixels in 10 clothing
/// classes, in MNIST's IDX format (files published at https://github.com/zalandoresearch/fashion-mnist). The library
/// reads them from a directory you name; where the samples look by default, and how they tell you to get the files,
/// is in <c>samples/Common/FashionMnistData.cs</c>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Pixels per image (28 × 28): the input size of a dense network reading it.</summary>
    public const int InputSize = 28 * 28;

    /// <summary>The names of the 10 classes, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Finds the four files in <paramref name="directory"/>: <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, each gzipped (<c>.gz</c>) or not.
    /// </summary>
    /// <exception cref="System.ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DatasetNotFoundException">
    /// The directory does not exist or lacks a file; the message names the directory, the missing files and the
    /// file names accepted (DatasetLocatorTests).
    /// </exception>
    public static IdxDatasetFiles Locate(string directory) => IdxDatasetFiles.Locate("Fashion-MNIST", directory);

    /// <summary>Reads the training and test sets from <paramref name="directory"/>, pixels scaled to [0, 1].</summary>
    /// <exception cref="System.ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says which and where.</exception>
    /// <exception cref="System.IO.InvalidDataException">A file is corrupt.</exception>
    public static (Dataset Train, Dataset Test) Load(string directory) => Locate(directory).LoadBoth();
}
