using System.IO.Compression;
using System.Text;
using Dendrite.Data;
using Xunit;

namespace Dendrite.Tests.Data;

public class CsvReaderTests
{
    private static string Write(TempDirectory dir, string text, string name = "data.csv", bool gzip = false)
    {
        string path = dir.File(name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(Encoding.UTF8.GetBytes(text));
        }
        else
        {
            File.WriteAllText(path, text);
        }

        return path;
    }

    [Fact]
    public void ReadsNumbersRowMajor_WithoutHeader()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "1,2.5,-3\n4,5e-1,6\n");

        CsvTable table = CsvReader.Read(path);

        Assert.Equal(2, table.RowCount);
        Assert.Equal(3, table.ColumnCount);
        Assert.Null(table.Header);
        Assert.Equal([1f, 2.5f, -3f, 4f, 0.5f, 6f], table.Values);
        Assert.Equal([-3f, 6f], table.Column(-1));
    }

    [Fact]
    public void SkipsHeaderAndBlankLines_HandlesCrLfAndGzip()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "a,b\r\n1,2\r\n\r\n3,4\r\n", "data.csv.gz", gzip: true);

        CsvTable table = CsvReader.Read(path, new CsvOptions { HasHeader = true });

        Assert.Equal("a,b", table.Header);
        Assert.Equal([1f, 2f, 3f, 4f], table.Values);
    }

    [Fact]
    public void WhitespaceDelimiter_AcceptsRunsOfSpacesAndTabs()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "  59 2\t32.1\n48   1 21.6  \n");

        CsvTable table = CsvReader.Read(path, CsvOptions.Whitespace);

        Assert.Equal(3, table.ColumnCount);
        Assert.Equal([59f, 2f, 32.1f, 48f, 1f, 21.6f], table.Values);
    }

    [Theory]
    [InlineData(-1, new[] { 7, 8 }, new[] { 1f, 2f, 3f, 4f, 5f, 6f })]
    [InlineData(0, new[] { 1, 4 }, new[] { 2f, 3f, 7f, 5f, 6f, 8f })]
    [InlineData(1, new[] { 2, 5 }, new[] { 1f, 3f, 7f, 4f, 6f, 8f })]
    public void ReadLabeled_TakesTheChosenColumnAsLabels(int labelColumn, int[] labels, float[] inputs)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "1,2,3,7\n4,5,6,8\n");

        Dataset data = CsvReader.ReadLabeled(path, labelColumn);

        Assert.Equal(labels, data.Labels!);
        Assert.Equal(3, data.InputSize);
        Assert.Equal(inputs, data.Inputs);
    }

    [Fact]
    public void GzipFileMissingItsTrailer_IsRefusedAsTruncated()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "1,2\n3,4\n5,6\n", name: "data.csv.gz", gzip: true);
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..^8]); // every row is still there; only the CRC-32 and length are gone

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void NonNumericCell_IsRefusedWithLineAndColumn()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "x,y\n1,2\n3,abc\n", gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, new CsvOptions { HasHeader = true }));

        Assert.Equal($"{path}, line 3, column 2: expected a number but found 'abc'.", e.Message);
    }

    [Fact]
    public void EmptyCell_IsRefusedWithLineAndColumn()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "1,2,3\n4,,6\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path));

        Assert.Equal($"{path}, line 2, column 2: expected a number but found an empty cell.", e.Message);
    }

    [Fact]
    public void RaggedRow_IsRefusedWithLineAndCounts()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "1,2,3\n4,5,6\n7,8\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path));

        Assert.Equal($"{path}, line 3: expected 3 columns (as on line 1) but found 2.", e.Message);
    }

    [Fact]
    public void FileWithoutDataRows_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "a,b\n\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, new CsvOptions { HasHeader = true }));

        Assert.Contains(path, e.Message);
        Assert.Contains("expected at least one data row but the file has none after the header", e.Message);
    }

    [Fact]
    public void NonWholeNumberLabel_IsRefusedWithLineAndColumn()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "h\n0.5,1\n0.25,2.5\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.ReadLabeled(path, -1, new CsvOptions { HasHeader = true }));

        Assert.Equal($"{path}, line 3, column 2: expected a class label (a whole number ≥ 0) but found 2.5.", e.Message);
    }

    [Fact]
    public void NegativeLabel_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "-1,0.5\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.ReadLabeled(path, 0));

        Assert.Contains("line 1, column 1: expected a class label", e.Message);
    }

    [Fact]
    public void LabelColumnOutsideTheTable_NamesTheColumnCount()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "1,2\n");

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CsvReader.ReadLabeled(path, 2));

        Assert.Equal("column", e.ParamName);
        Assert.Contains("which has 2 columns, but found 2", e.Message);
    }
}
