using System;
using System.Text;

namespace Dendrite.Samples;

/// <summary>A console picture the samples share: a small image as ASCII art (the confusion matrix and the training curves are library API, Dendrite.Reports).</summary>
internal static class ConsoleFormat
{
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
