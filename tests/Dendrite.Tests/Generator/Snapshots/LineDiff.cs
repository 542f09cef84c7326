using System.Text;

namespace Dendrite.Tests.Generator.Snapshots;

/// <summary>
/// A unified-style line diff for failure messages: hunks headed "@@ -line,count +line,count @@" with three lines
/// of context, " " for common lines, "-" for expected-only and "+" for actual-only lines. The longest common
/// subsequence is computed on the region between the common prefix and suffix, which for a generator change
/// is usually small; past a size cap it falls back to showing that whole region as replaced.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;

    /// <summary>Largest middle region (lines × lines) given to the quadratic LCS table.</summary>
    private const long MaxTableCells = 4_000_000;

    public static string Format(string expected, string actual, string expectedLabel, string actualLabel, int maxLines)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        List<Edit> edits = Diff(a, b);

        var text = new StringBuilder();
        text.Append("--- ").Append(expectedLabel).Append('\n');
        text.Append("+++ ").Append(actualLabel).Append('\n');
        int written = 0;
        foreach ((int start, int end) in Hunks(edits))
        {
            Edit first = edits[start];
            int expectedCount = 0, actualCount = 0;
            for (int i = start; i < end; i++)
            {
                expectedCount += edits[i].Kind != '+' ? 1 : 0;
                actualCount += edits[i].Kind != '-' ? 1 : 0;
            }

            text.Append("@@ -").Append(first.ExpectedLine).Append(',').Append(expectedCount)
                .Append(" +").Append(first.ActualLine).Append(',').Append(actualCount).Append(" @@\n");
            for (int i = start; i < end; i++)
            {
                if (++written > maxLines)
                {
                    text.Append("... (diff truncated; compare the two files for the rest)\n");
                    return text.ToString();
                }

                text.Append(edits[i].Kind).Append(edits[i].Text).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>One line of the diff; line numbers are 1-based positions in each text (for the hunk headers).</summary>
    private readonly record struct Edit(char Kind, string Text, int ExpectedLine, int ActualLine);

    private static List<Edit> Diff(string[] a, string[] b)
    {
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (int i = 0; i < prefix; i++)
        {
            edits.Add(new Edit(' ', a[i], i + 1, i + 1));
        }

        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        if ((long)n * m <= MaxTableCells)
        {
            AddLcsEdits(a, b, prefix, n, m, edits);
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                edits.Add(new Edit('-', a[prefix + i], prefix + i + 1, prefix + m + 1));
            }

            for (int j = 0; j < m; j++)
            {
                edits.Add(new Edit('+', b[prefix + j], prefix + n + 1, prefix + j + 1));
            }
        }

        for (int i = 0; i < suffix; i++)
        {
            edits.Add(new Edit(' ', a[a.Length - suffix + i], a.Length - suffix + i + 1, b.Length - suffix + i + 1));
        }

        return edits;
    }

    private static void AddLcsEdits(string[] a, string[] b, int offset, int n, int m, List<Edit> edits)
    {
        // lcs[i, j] = length of the longest common subsequence of a[i..n) and b[j..m) (relative to offset).
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[offset + i] == b[offset + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[offset + x] == b[offset + y])
            {
                edits.Add(new Edit(' ', a[offset + x], offset + x + 1, offset + y + 1));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                edits.Add(new Edit('+', b[offset + y], offset + x + 1, offset + y + 1));
                y++;
            }
            else
            {
                edits.Add(new Edit('-', a[offset + x], offset + x + 1, offset + y + 1));
                x++;
            }
        }
    }

    /// <summary>Ranges [start, end) of edits that form hunks: each change with up to three lines of context, merged when they touch.</summary>
    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> edits)
    {
        int i = 0;
        while (i < edits.Count)
        {
            while (i < edits.Count && edits[i].Kind == ' ')
            {
                i++;
            }

            if (i == edits.Count)
            {
                yield break;
            }

            int start = Math.Max(0, i - Context);
            int end = i;
            while (end < edits.Count)
            {
                if (edits[end].Kind != ' ')
                {
                    end++;
                    continue;
                }

                int run = 0;
                while (end + run < edits.Count && edits[end + run].Kind == ' ')
                {
                    run++;
                }

                if (end + run == edits.Count || run > 2 * Context)
                {
                    end += Math.Min(run, Context);
                    break;
                }

                end += run;
            }

            yield return (start, end);
            i = end;
        }
    }
}
