using Dendrite.Data;
using Xunit;

namespace Dendrite.Tests.Data;

/// <summary>
/// The IDX header is not trusted: its counts are checked against what the file holds before anything of that size
/// is allocated, so a hostile or corrupt header gives an <see cref="InvalidDataException"/> naming the file, never an
/// <see cref="OutOfMemoryException"/> or a multi-gigabyte allocation.
/// </summary>
public class IdxHeaderTrustTests
{
    [Fact]
    public void A_tiny_label_file_claiming_int_max_labels_is_refused_with_the_counts()
    {
        using var dir = new TempDirectory();
        // 12 bytes: magic, a count of 2^31 − 1, and four labels.
        string path = IdxFiles.Write(dir.File("labels"), IdxFiles.Build(IdxFiles.LabelMagic, [int.MaxValue], [1, 2, 3, 4]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("header says 2147483647 labels", e.Message);
        Assert.Contains("file holds 4", e.Message);
    }

    [Fact]
    public void A_gzip_label_file_claiming_int_max_labels_is_refused_when_its_data_runs_out()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("labels.gz"), IdxFiles.Build(IdxFiles.LabelMagic, [int.MaxValue], [1, 2, 3, 4]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("header says 2147483647 labels", e.Message);
        Assert.Contains("file holds 4", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_image_header_claiming_far_more_than_the_file_holds_allocates_only_what_was_read(bool gzip)
    {
        using var dir = new TempDirectory();
        // The header claims 100,000 images of 28×28 (78 MB of pixels, 313 MB as floats); 10 bytes follow.
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Images(100_000, 28, 28, new byte[10]), gzip);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("header says 100000 images of 28×28 pixels (78400000 bytes)", e.Message);
        Assert.Contains("file holds 10 bytes", e.Message);
        Assert.True(allocated < 8_000_000, $"allocated {allocated} bytes for a file of a few dozen bytes");
    }

    [Fact]
    public void Dimensions_whose_product_wraps_around_64_bits_are_refused()
    {
        using var dir = new TempDirectory();
        // 2^21 × 2^21 × 2^22 = 2^64, which is 0 in 64-bit arithmetic.
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Images(1 << 21, 1 << 21, 1 << 22, []), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("2097152 images of 2097152×4194304 pixels", e.Message);
        Assert.Contains("more than one array can hold", e.Message);
    }

    [Theory]
    [InlineData(0, 2, 3, "announces 0 images")]
    [InlineData(2, 0, 3, "images of 0×3 pixels")]
    [InlineData(2, 3, 0, "images of 3×0 pixels")]
    public void A_zero_size_in_an_image_header_is_refused(int count, int rows, int columns, string found)
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Images(count, rows, columns, []), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(found, e.Message);
    }

    [Fact]
    public void A_label_file_announcing_no_labels_is_refused()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("labels"), IdxFiles.Labels([]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("announces 0 labels", e.Message);
    }

    [Theory]
    [InlineData(0x00000D03u, "type code 0x0D")] // float values
    [InlineData(0x00000903u, "type code 0x09")] // signed bytes
    public void A_type_code_other_than_unsigned_bytes_is_named(uint magic, string found)
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Build(magic, [1, 1, 1], [7]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(found, e.Message);
        Assert.Contains("0x08 (unsigned bytes)", e.Message);
    }

    [Fact]
    public void A_wrong_number_of_dimensions_is_named()
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("images"), IdxFiles.Build(0x00000802u, [1, 1], [7]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("3 dimensions", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Theory]
    [InlineData(8)] // the trailer (CRC-32 and length) is missing
    [InlineData(12)] // the end of the deflate data is missing as well
    public void A_gzip_file_cut_short_is_reported_as_truncated_with_the_path(int bytesCut)
    {
        using var dir = new TempDirectory();
        string path = IdxFiles.Write(dir.File("labels.gz"), IdxFiles.Labels(Enumerable.Range(0, 200).Select(i => (byte)(i % 10)).ToArray()), gzip: true);
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..^bytesCut]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_complete_gzip_file_still_reads()
    {
        using var dir = new TempDirectory();
        byte[] labels = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 10)).ToArray(); // more than one read block
        string path = IdxFiles.Write(dir.File("labels.gz"), IdxFiles.Labels(labels), gzip: true);

        int[] read = IdxReader.ReadLabels(path);

        Assert.Equal(labels.Select(b => (int)b), read);
    }
}
