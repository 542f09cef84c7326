using Dendrite.Data;
using Xunit;

namespace Dendrite.Tests.Data;

public class IdxReaderTests
{
    // Two 2×3 images; 51/255 = 0.2 and 255/255 = 1 exactly.
    private static readonly byte[] TwoImages = [0, 51, 255, 102, 0, 0, /* image 2 */ 255, 255, 0, 0, 51, 153];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesScaledToUnitRange_RawOrGzip(bool gzip)
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Images(2, 2, 3, TwoImages), gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal(2, images.Count);
        Assert.Equal(2, images.Rows);
        Assert.Equal(3, images.Columns);
        Assert.Equal([0f, 0.2f, 1f, 0.4f, 0f, 0f], images.Image(0).ToArray());
        Assert.Equal([1f, 1f, 0f, 0f, 0.2f, 0.6f], images.Image(1).ToArray());
    }

    [Fact]
    public void ConvertsEveryByteValue_AcrossVectorAndTailPaths()
    {
        // 256 × 3 + 5 pixels: whole vectors plus a scalar tail, every byte value present.
        byte[] pixels = Enumerable.Range(0, 773).Select(i => (byte)(i % 256)).ToArray();
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("images.gz"), IdxFiles.Images(1, 1, 773, pixels), gzip: true);

        float[] read = IdxReader.ReadImages(path).Pixels;

        for (int i = 0; i < pixels.Length; i++)
        {
            Assert.Equal(pixels[i] / 255f, read[i]);
        }
    }

    [Fact]
    public void DetectsGzipFromContentNotName()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("labels-without-extension"), IdxFiles.Labels([3, 1, 4]), gzip: true);

        Assert.Equal([3, 1, 4], IdxReader.ReadLabels(path));
    }

    [Fact]
    public void ReadsDataset_ImagesFlattenedWithLabels()
    {
        using var dir = new TempDirectory();
        string images = IdxFiles.Write(dir.File("i.gz"), IdxFiles.Images(2, 2, 3, TwoImages), gzip: true);
        string labels = IdxFiles.Write(dir.File("l"), IdxFiles.Labels([7, 2]), gzip: false);

        Dataset data = IdxReader.ReadDataset(images, labels);

        Assert.Equal(2, data.Count);
        Assert.Equal(6, data.InputSize);
        Assert.Equal([7, 2], data.Labels!);
        Assert.Equal(0.6f, data.Input(1)[5]);
    }

    [Fact]
    public void WrongMagic_LabelFileReadAsImages_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("labels.gz"), IdxFiles.Labels([1, 2]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("expected an IDX image file (magic number 0x00000803", e.Message);
        Assert.Contains("found magic number 0x00000801", e.Message);
    }

    [Fact]
    public void WrongMagic_NotAnIdxFile_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("notes.txt");
        File.WriteAllText(path, "hello, world");

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("expected an IDX label file", e.Message);
        Assert.Contains("0x68656C6C", e.Message); // "hell" as a big-endian number
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedPixels_AreRefused(bool gzip)
    {
        using var dir = new TempDirectory();
        // The header announces 2 images of 2×3 but only 9 of the 12 pixels follow.
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Images(2, 2, 3, TwoImages[..9]), gzip);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("2 images of 2×3 pixels (12 bytes)", e.Message);
        Assert.Contains("file holds 9 bytes", e.Message);
    }

    [Fact]
    public void TruncatedHeader_IsRefused()
    {
        using var dir = new TempDirectory();
        byte[] full = IdxFiles.Images(2, 2, 3, TwoImages);
        string path = IdxFiles.Write(dir.File("images"), full[..10], gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated: the header needs 12 bytes of sizes", e.Message);
    }

    [Fact]
    public void ImagesWithoutPixels_AreRefused()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Images(4, 28, 0, []), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("images of 28×0 pixels", e.Message);
    }

    [Fact]
    public void TruncatedLabels_AreRefused()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("labels"), IdxFiles.Build(IdxFiles.LabelMagic, [5], [1, 2, 3]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("header says 5 labels but the file holds 3", e.Message);
    }

    [Fact]
    public void DataBeyondTheHeaderCount_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("labels"), IdxFiles.Build(IdxFiles.LabelMagic, [2], [1, 2, 3]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("more data than its header announces (2 labels)", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsDisagree_AreRefused()
    {
        using var dir = new TempDirectory();
        string images = IdxFiles.Write(dir.File("images"), IdxFiles.Images(2, 2, 3, TwoImages), gzip: false);
        string labels = IdxFiles.Write(dir.File("labels"), IdxFiles.Labels([1, 2, 3]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels));

        Assert.Contains($"{images} holds 2 images but {labels} holds 3 labels", e.Message);
    }

    [Fact]
    public void CorruptGzip_IsRefusedWithTheFileName()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("images.gz"), IdxFiles.Images(2, 2, 3, TwoImages), gzip: true);
        byte[] bytes = File.ReadAllBytes(path);
        for (int i = 10; i < bytes.Length - 8; i++)
        {
            bytes[i] ^= 0x5A; // scramble the deflate stream, keep the gzip magic
        }

        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
    }
}
