using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Dendrite.Samples;

/// <summary>Console pictures the samples share: a confusion matrix with class names and a small image as ASCII art.</summary>
internal static class ConsoleFormat
{
    /// <summary>Counts[actual, predicted] over a set of labelled predictions.</summary>
    public static int[,] ConfusionMatrix(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        var counts = new int[classCount, classCount];
        for (int i = 0; i < actual.Length; i++)
        {
            counts[actual[i], predicted[i]]++;
        }

        return counts;
    }

    /// <summary>
    /// The matrix as text: one row per true class, one column per predicted class, the diagonal (right answers)
    /// in brackets, and each row's recall at the end.
    /// </summary>
    public static string FormatConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        int n = classNames.Count;
        int nameWidth = 0;
        foreach (string name in classNames)
        {
            nameWidth = Math.Max(nameWidth, name.Length);
        }

        const int cell = 7;
        var text = new StringBuilder();
        text.Append(' ', nameWidth + 2).Append("predicted →").AppendLine();
        text.Append("actual ↓".PadRight(nameWidth + 2));
        for (int p = 0; p < n; p++)
        {
            string head = classNames[p].Length > cell - 1 ? classNames[p][..(cell - 1)] : classNames[p];
            text.Append(head.PadLeft(cell));
        }

        text.AppendLine("  recall");
        for (int a = 0; a < n; a++)
        {
            text.Append(classNames[a].PadRight(nameWidth + 2));
            int total = 0;
            for (int p = 0; p < n; p++)
            {
                total += counts[a, p];
                string value = counts[a, p].ToString(CultureInfo.InvariantCulture);
                text.Append((a == p ? $"[{value}]" : value).PadLeft(cell));
            }

            double recall = total == 0 ? 0 : (double)counts[a, a] / total;
            text.Append("  ").AppendLine(recall.ToString("0.000", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>A greyscale image with values in [0, 1] drawn with characters of increasing ink.</summary>
    public static string[] AsciiArt(ReadOnlySpan<float> pixels, int rows, int columns)
    {
        const string ramp = " .:-=+*#%@";
        var lines = new string[rows];
        var line = new StringBuilder(columns * 2);
        for (int r = 0; r < rows; r++)
        {
            line.Clear();
            for (int c = 0; c < columns; c++)
            {
                float v = Math.Clamp(pixels[(r * columns) + c], 0f, 1f);
                char ch = ramp[(int)MathF.Round(v * (ramp.Length - 1))];
                line.Append(ch).Append(ch); // two characters per pixel: terminal cells are about twice as tall as wide
            }

            lines[r] = line.ToString();
        }

        return lines;
    }
}
