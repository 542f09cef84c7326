using Dendrite.Data;
using Xunit;

namespace Dendrite.Tests.Data;

public class DatasetLocatorTests
{
    [Fact]
    public void MissingDirectory_SaysHowToGetFashionMnist()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Locate(missing));

        Assert.Contains($"the directory {missing} does not exist", e.Message);
        Assert.Contains("sudo apt-get install -y dataset-fashion-mnist", e.Message);
        Assert.Contains("--data DIR", e.Message);
        Assert.Equal(FashionMnist.HowToGet, e.HowToGet);
    }

    [Fact]
    public void MissingFiles_AreListed()
    {
        using var dir = new TempDirectory();
        IdxFiles.Write(dir.File("train-images-idx3-ubyte.gz"), IdxFiles.Images(1, 1, 1, [0]), gzip: true);

        var e = Assert.Throws<DatasetNotFoundException>(() => Mnist.Locate(dir.Path));

        Assert.Contains("lacks train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("--data DIR", e.Message);
    }

    [Fact]
    public void FindsAndLoadsRawFilesWithDottedNames()
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
    public void CorruptFileInTheDataSet_IsReportedNotHidden()
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
}
