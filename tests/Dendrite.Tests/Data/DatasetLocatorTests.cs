using Dendrite.Data;
using Dendrite.Samples;
using Xunit;

namespace Dendrite.Tests.Data;

/// <summary>
/// The MNIST-style locators read the directory they are given and, when the files are not there, say which directory,
/// which files and which file names would have been accepted, and nothing about any one system's packages: where the
/// samples look by default and how to get the data is the samples' part (<see cref="FashionMnistData"/>).
/// </summary>
public class DatasetLocatorTests
{
    private static readonly string[] AllFiles = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    [Fact]
    public void A_missing_directory_is_named_with_the_four_files_it_should_hold()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Locate(missing));

        Assert.Equal(
            $"Fashion-MNIST was not found: '{missing}' does not exist. Expected a directory holding train-images-idx3-ubyte, " +
            "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each gzipped (.gz) or not.",
            e.Message);
        Assert.Equal(missing, e.Directory);
        Assert.Equal(AllFiles, e.MissingFiles);
    }

    [Fact]
    public void A_file_given_for_the_directory_is_called_a_file()
    {
        using var dir = new TempDirectory();
        string file = IdxFiles.Write(dir.File("train-images-idx3-ubyte.gz"), IdxFiles.Images(1, 1, 1, [0]), gzip: true);

        var e = Assert.Throws<DatasetNotFoundException>(() => Mnist.Load(file));

        Assert.StartsWith($"MNIST was not found: '{file}' is a file, not a directory.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_are_listed_by_name_with_the_names_accepted_for_them()
    {
        using var dir = new TempDirectory();
        IdxFiles.Write(dir.File("train-images-idx3-ubyte.gz"), IdxFiles.Images(1, 1, 1, [0]), gzip: true);
        IdxFiles.Write(dir.File("t10k-images.idx3-ubyte"), IdxFiles.Images(1, 1, 1, [0]), gzip: false);

        var e = Assert.Throws<DatasetNotFoundException>(() => Mnist.Locate(dir.Path));

        Assert.Equal(
            $"MNIST was not found: the directory '{dir.Path}' lacks train-labels-idx1-ubyte and t10k-labels-idx1-ubyte. " +
            "Each file is accepted gzipped or not, and with '.idx' in place of '-idx', for example train-labels-idx1-ubyte.gz, " +
            "train-labels-idx1-ubyte, train-labels.idx1-ubyte.gz or train-labels.idx1-ubyte.",
            e.Message);
        Assert.Equal(dir.Path, e.Directory);
        Assert.Equal(["train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"], e.MissingFiles);
    }

    [Fact]
    public void One_missing_file_is_named_alone()
    {
        using var dir = new TempDirectory();
        WriteAll(dir, gzip: true);
        File.Delete(dir.File("t10k-labels-idx1-ubyte.gz"));

        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains($"'{dir.Path}' lacks t10k-labels-idx1-ubyte. ", e.Message, StringComparison.Ordinal);
        Assert.Equal(["t10k-labels-idx1-ubyte"], e.MissingFiles);
    }

    [Fact]
    public void Gzipped_and_plain_files_load_to_the_same_data()
    {
        using var zipped = new TempDirectory();
        using var plain = new TempDirectory();
        WriteAll(zipped, gzip: true);
        WriteAll(plain, gzip: false);

        IdxDatasetFiles zippedFiles = FashionMnist.Locate(zipped.Path);
        IdxDatasetFiles plainFiles = FashionMnist.Locate(plain.Path);
        (Dataset zippedTrain, Dataset zippedTest) = FashionMnist.Load(zipped.Path);
        (Dataset plainTrain, Dataset plainTest) = FashionMnist.Load(plain.Path);

        Assert.Equal(zipped.File("train-images-idx3-ubyte.gz"), zippedFiles.TrainImages);
        Assert.Equal(plain.File("train-images-idx3-ubyte"), plainFiles.TrainImages);
        Assert.Equal([1, 0, 9], zippedTrain.Labels!);
        Assert.Equal([0f, 1f, 1f, 0f, 0.2f, 0.2f], zippedTrain.Inputs);
        Assert.Equal(zippedTrain.Inputs, plainTrain.Inputs);
        Assert.Equal(zippedTrain.Labels!, plainTrain.Labels!);
        Assert.Equal([4], plainTest.Labels!);
        Assert.Equal(zippedTest.Inputs, plainTest.Inputs);
    }

    [Fact]
    public void The_gzipped_file_is_preferred_when_both_are_there()
    {
        using var dir = new TempDirectory();
        WriteAll(dir, gzip: true);
        IdxFiles.Write(dir.File("train-labels-idx1-ubyte"), IdxFiles.Labels([2, 2, 2]), gzip: false);

        IdxDatasetFiles files = Mnist.Locate(dir.Path);

        Assert.Equal(dir.File("train-labels-idx1-ubyte.gz"), files.TrainLabels);
        Assert.Equal([1, 0, 9], files.LoadTrain().Labels!);
    }

    [Fact]
    public void Raw_files_with_dotted_names_are_found()
    {
        using var dir = new TempDirectory();
        IdxFiles.Write(dir.File("train-images.idx3-ubyte"), IdxFiles.Images(3, 1, 2, [0, 255, 255, 0, 51, 51]), gzip: false);
        IdxFiles.Write(dir.File("train-labels.idx1-ubyte"), IdxFiles.Labels([1, 0, 9]), gzip: false);
        IdxFiles.Write(dir.File("t10k-images-idx3-ubyte.gz"), IdxFiles.Images(1, 1, 2, [255, 255]), gzip: true);
        IdxFiles.Write(dir.File("t10k-labels-idx1-ubyte.gz"), IdxFiles.Labels([4]), gzip: true);

        (Dataset train, Dataset test) = Mnist.Load(dir.Path);

        Assert.Equal([1, 0, 9], train.Labels!);
        Assert.Equal([0f, 1f, 1f, 0f, 0.2f, 0.2f], train.Inputs);
        Assert.Equal([4], test.Labels!);
    }

    [Fact]
    public void No_directory_is_refused_before_looking()
    {
        Assert.Throws<ArgumentNullException>(() => FashionMnist.Load(null!));
        var empty = Assert.Throws<ArgumentException>(() => Mnist.Locate(string.Empty));
        Assert.Equal("directory", empty.ParamName);
    }

    [Fact]
    public void The_library_messages_name_no_package_manager_and_no_system_path()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"));
        using var dir = new TempDirectory();

        string[] messages =
        [
            Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(missing)).Message,
            Assert.Throws<DatasetNotFoundException>(() => Mnist.Load(dir.Path)).Message,
        ];

        Assert.All(messages, message =>
        {
            Assert.DoesNotContain("apt-get", message, StringComparison.Ordinal);
            Assert.DoesNotContain("/usr/share", message, StringComparison.Ordinal);
            Assert.DoesNotContain("--data", message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_samples_say_how_to_get_Fashion_MNIST_and_look_where_they_are_told()
    {
        string advice = FashionMnistData.HowToGet(howToPass: "the first argument");

        Assert.Contains("apt-get install -y dataset-fashion-mnist   (as root; as a user: sudo apt-get", advice, StringComparison.Ordinal);
        Assert.Contains(FashionMnistData.DebianDirectory, advice, StringComparison.Ordinal);
        Assert.Contains("https://github.com/zalandoresearch/fashion-mnist", advice, StringComparison.Ordinal);
        Assert.Contains("pass it with the first argument or set DENDRITE_FASHION_MNIST=DIR", advice, StringComparison.Ordinal);
        Assert.Equal("/data/fashion", FashionMnistData.Directory("/data/fashion"));
        string? fromEnvironment = Environment.GetEnvironmentVariable(FashionMnistData.EnvironmentVariable);
        Assert.Equal(string.IsNullOrEmpty(fromEnvironment) ? FashionMnistData.DebianDirectory : fromEnvironment, FashionMnistData.Directory(null));
    }

    [Fact]
    public void A_corrupt_file_in_the_data_set_is_reported_not_hidden()
    {
        using var dir = new TempDirectory();
        IdxFiles.Write(dir.File("train-images-idx3-ubyte.gz"), IdxFiles.Images(2, 1, 1, [0, 1]), gzip: true);
        IdxFiles.Write(dir.File("train-labels-idx1-ubyte.gz"), IdxFiles.Labels([1, 0]), gzip: true);
        IdxFiles.Write(dir.File("t10k-images-idx3-ubyte.gz"), IdxFiles.Images(1, 1, 1, [3]), gzip: true);
        string badLabels = IdxFiles.Write(dir.File("t10k-labels-idx1-ubyte.gz"), IdxFiles.Build(IdxFiles.LabelMagic, [4], [1]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains(badLabels, e.Message);
        Assert.Contains("header says 4 labels", e.Message);
    }

    /// <summary>Three 1×2 training images labelled 1, 0, 9 and one test image labelled 4, under the usual names.</summary>
    private static void WriteAll(TempDirectory dir, bool gzip)
    {
        string suffix = gzip ? ".gz" : string.Empty;
        IdxFiles.Write(dir.File("train-images-idx3-ubyte" + suffix), IdxFiles.Images(3, 1, 2, [0, 255, 255, 0, 51, 51]), gzip);
        IdxFiles.Write(dir.File("train-labels-idx1-ubyte" + suffix), IdxFiles.Labels([1, 0, 9]), gzip);
        IdxFiles.Write(dir.File("t10k-images-idx3-ubyte" + suffix), IdxFiles.Images(1, 1, 2, [255, 255]), gzip);
        IdxFiles.Write(dir.File("t10k-labels-idx1-ubyte" + suffix), IdxFiles.Labels([4]), gzip);
    }
}
