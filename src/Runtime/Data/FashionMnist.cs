using System.Collections.Generic;

namespace Dendrite.Data;

/// <summary>
/// Zalando's Fashion-MNIST: 60,000 training and 10,000 test greyscale images of 28×28 pixels in 10 clothing
/// classes, in MNIST's IDX format. Debian ships it as the package <c>dataset-fashion-mnist</c>, installed in
/// <see cref="DefaultDirectory"/>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Pixels per image (28 × 28): the input size of a dense network reading it.</summary>
    public const int InputSize = 28 * 28;

    /// <summary>What to do when the files are missing.</summary>
    public const string HowToGet =
        "Install it with:  sudo apt-get install -y dataset-fashion-mnist   (files go to " + DefaultDirectory + ")\n" +
        "or put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz " +
        "(gzipped or not) in a directory and pass it with --data DIR.";

    /// <summary>The names of the 10 classes, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Finds the four files in <paramref name="directory"/>, or in <see cref="DefaultDirectory"/> when null.</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says how to get them.</exception>
    public static IdxDatasetFiles Locate(string? directory = null) =>
        IdxDatasetFiles.Locate("Fashion-MNIST", directory, DefaultDirectory, HowToGet);

    /// <summary>Reads the training and test sets, pixels scaled to [0, 1].</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says how to get them.</exception>
    /// <exception cref="System.IO.InvalidDataException">A file is corrupt.</exception>
    public static (Dataset Train, Dataset Test) Load(string? directory = null)
    {
        IdxDatasetFiles files = Locate(directory);
        return files.LoadBoth();
    }
}
