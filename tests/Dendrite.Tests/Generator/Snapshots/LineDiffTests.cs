using Xunit;

namespace Dendrite.Tests.Generator.Snapshots;

/// <summary>The snapshot failure message: hunks with line numbers, context, and only the lines that changed.</summary>
public class LineDiffTests
{
    [Fact]
    public void ChangedLine_ShowsHunkWithLineNumbersAndContext()
    {
        string expected = string.Join("\n", Enumerable.Range(1, 20).Select(i => "line " + i));
        string actual = expected.Replace("line 10", "line ten", StringComparison.Ordinal);

        string diff = LineDiff.Format(expected, actual, "verified", "received", maxLines: 100);

        Assert.Equal(
            "--- verified\n+++ received\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n",
            diff);
    }

    [Fact]
    public void InsertedAndRemovedLines_AreSeparateHunksWhenFarApart()
    {
        string expected = string.Join("\n", Enumerable.Range(1, 30).Select(i => "line " + i));
        List<string> lines = Enumerable.Range(1, 30).Select(i => "line " + i).ToList();
        lines.Insert(2, "new line");
        lines.Remove("line 25");
        string actual = string.Join("\n", lines);

        string diff = LineDiff.Format(expected, actual, "a", "b", maxLines: 100);

        Assert.Contains("@@ -1,5 +1,6 @@\n line 1\n line 2\n+new line\n line 3\n line 4\n line 5\n", diff, StringComparison.Ordinal);
        Assert.Contains("@@ -22,7 +23,6 @@\n line 22\n line 23\n line 24\n-line 25\n line 26\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void LongDiff_IsTruncated()
    {
        string expected = string.Join("\n", Enumerable.Range(1, 200).Select(i => "a" + i));
        string actual = string.Join("\n", Enumerable.Range(1, 200).Select(i => "b" + i));

        string diff = LineDiff.Format(expected, actual, "a", "b", maxLines: 10);

        Assert.Contains("diff truncated", diff, StringComparison.Ordinal);
        Assert.True(diff.Split('\n').Length < 20);
    }
}
