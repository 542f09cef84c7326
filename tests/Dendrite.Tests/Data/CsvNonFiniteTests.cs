using Dendrite.Data;
using Xunit;

namespace Dendrite.Tests.Data;

/// <summary>
/// NaN, infinities and numbers beyond float's range (which would become infinities) are refused with the line and
/// the column, unless the caller opts in with <see cref="CsvOptions.AllowNonFiniteValues"/>.
/// </summary>
public class CsvNonFiniteTests
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e39")]
    [InlineData("-1e39")]
    [InlineData("3.5e38")]
    public void A_non_finite_or_out_of_range_cell_is_refused_with_line_and_column(string cell)
    {
        using var dir = new TempDirectory();
        string path = dir.File("data.csv");
        File.WriteAllText(path, $"1,2,3\n4,5,{cell}\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path));

        Assert.StartsWith($"{path}, line 2, column 3: ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{cell}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("finite", e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CsvOptions.AllowNonFiniteValues), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_finite_floats_are_accepted()
    {
        using var dir = new TempDirectory();
        string path = dir.File("data.csv");
        File.WriteAllText(path, "3.4028235e38,-3.4028235e38,1e-50\n");

        CsvTable table = CsvReader.Read(path);

        Assert.Equal([float.MaxValue, float.MinValue, 0f], table.Values);
    }

    [Fact]
    public void Opting_in_accepts_NaN_and_infinities()
    {
        using var dir = new TempDirectory();
        string path = dir.File("data.csv");
        File.WriteAllText(path, "NaN,Infinity,-Infinity,1e39\n");

        CsvTable table = CsvReader.Read(path, new CsvOptions { AllowNonFiniteValues = true });

        Assert.True(float.IsNaN(table.Values[0]));
        Assert.Equal([float.PositiveInfinity, float.NegativeInfinity, float.PositiveInfinity], table.Values[1..]);
    }
}
