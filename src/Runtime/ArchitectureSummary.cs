using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Dendrite;

/// <summary>
/// Formats <see cref="NetworkArchitecture.Summary"/>: Keras 3's <c>model.summary()</c> table, e.g.
/// <code>
/// Model: "DigitClassifier"
/// ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┓
/// ┃ Layer (type)        ┃ Output Shape ┃ Param # ┃
/// ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━┩
/// │ input (Input)       │ (None, 784)  │       0 │
/// ├─────────────────────┼──────────────┼─────────┤
/// │ dense (Dense, ReLU) │ (None, 25)   │  19,625 │
/// ...
/// └─────────────────────┴──────────────┴─────────┘
///  Total params: 20,175 (78.81 KB)
///  Trainable params: 20,175 (78.81 KB)
///  Non-trainable params: 0 (0.00 B)
/// </code>
/// Layers are named as Keras names them, the layer kind in snake case, numbered from the second of a kind
/// (<c>dense</c>, <c>dense_1</c>, <c>conv2d</c>, <c>max_pool2d</c>), and typed by their kind, with the activation
/// when it is not linear. Numbers use the invariant culture.
/// </summary>
internal static class ArchitectureSummary
{
    private static readonly string[] Headers = ["Layer (type)", "Output Shape", "Param #"];

    public static string Format(NetworkArchitecture architecture)
    {
        var rows = new List<string[]> { new[] { "input (Input)", Shape(architecture.InputShape), Count(0) } };
        var seen = new Dictionary<LayerKind, int>();
        foreach (LayerInfo layer in architecture.Layers)
        {
            string kind = layer.Kind.ToString();
            int index = seen.TryGetValue(layer.Kind, out int count) ? count : 0;
            seen[layer.Kind] = index + 1;
            string name = SnakeCase(kind) + (index == 0 ? string.Empty : "_" + index.ToString(CultureInfo.InvariantCulture));
            string type = layer.Activation == Activation.Linear ? kind : kind + ", " + layer.Activation;
            rows.Add([name + " (" + type + ")", Shape(layer.OutputShape), Count(layer.ParameterCount + layer.NonTrainableParameterCount)]);
        }

        int[] widths = new int[Headers.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = Headers[c].Length;
            foreach (string[] row in rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var text = new StringBuilder();
        text.Append("Model: \"").Append(architecture.Name).Append("\"\n");
        Rule(text, widths, '┏', '━', '┳', '┓');
        Row(text, widths, Headers, '┃');
        Rule(text, widths, '┡', '━', '╇', '┩');
        for (int r = 0; r < rows.Count; r++)
        {
            if (r > 0)
            {
                Rule(text, widths, '├', '─', '┼', '┤');
            }

            Row(text, widths, rows[r], '│');
        }

        Rule(text, widths, '└', '─', '┴', '┘');
        int trainable = architecture.ParameterCount;
        int nonTrainable = architecture.NonTrainableParameterCount;
        Total(text, "Total params", (long)trainable + nonTrainable);
        Total(text, "Trainable params", trainable);
        Total(text, "Non-trainable params", nonTrainable);
        return text.ToString();
    }

    /// <summary>"(None, 25)" for a vector, "(None, 26, 26, 32)" for an image: Keras' shapes, batch first.</summary>
    private static string Shape(TensorShape shape) => shape.IsVector
        ? "(None, " + Int(shape.Channels) + ")"
        : "(None, " + Int(shape.Height) + ", " + Int(shape.Width) + ", " + Int(shape.Channels) + ")";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"MaxPool2D" → "max_pool2d", "BatchNormalization" → "batch_normalization", "Conv2D" → "conv2d".</summary>
    internal static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void Rule(StringBuilder text, int[] widths, char left, char line, char cross, char right)
    {
        text.Append(left);
        for (int c = 0; c < widths.Length; c++)
        {
            text.Append(line, widths[c] + 2).Append(c == widths.Length - 1 ? right : cross);
        }

        text.Append('\n');
    }

    /// <summary>A row; the last column (the counts and its header) is right-aligned, as Keras aligns it.</summary>
    private static void Row(StringBuilder text, int[] widths, string[] cells, char bar)
    {
        text.Append(bar);
        for (int c = 0; c < widths.Length; c++)
        {
            string cell = c == widths.Length - 1 ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]);
            text.Append(' ').Append(cell).Append(' ').Append(bar);
        }

        text.Append('\n');
    }

    /// <summary>" Total params: 20,175 (78.81 KB)": the count and its size as float32, in Keras' units (powers of 1024).</summary>
    private static void Total(StringBuilder text, string label, long count)
    {
        double size = count * (double)sizeof(float);
        string[] units = ["B", "KB", "MB", "GB"];
        int unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        text.Append(' ').Append(label).Append(": ").Append(Count(count)).Append(" (")
            .Append(size.ToString("0.00", CultureInfo.InvariantCulture)).Append(' ').Append(units[unit]).Append(")\n");
    }
}
