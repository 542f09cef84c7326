using System;
using System.Globalization;
using System.IO;

namespace Dendrite.Samples.OnnxImport;

/// <summary>
/// What PyTorch measured for an ONNX fixture, read from fixtures.json (written by make-fixtures.py, embedded in this
/// program): the number of the 10,000 test images its model classified correctly. A plain text search for the two
/// fields, so the binary carries no JSON library.
/// </summary>
internal static class PyTorchRecord
{
    /// <summary>(<c>test_correct</c>, <c>test_count</c>) of the entry whose <c>file</c> is <paramref name="file"/>.</summary>
    public static (int Correct, int Count) TestResult(string file)
    {
        using Stream stream = typeof(PyTorchRecord).Assembly.GetManifestResourceStream("fixtures.json")
            ?? throw new InvalidOperationException("fixtures.json is not embedded in this program.");
        string json = new StreamReader(stream).ReadToEnd();
        int entry = json.IndexOf($"\"file\": \"{file}\"", StringComparison.Ordinal);
        if (entry < 0)
        {
            throw new InvalidDataException($"fixtures.json has no entry for {file}.");
        }

        int next = json.IndexOf("\"file\":", entry + 1, StringComparison.Ordinal);
        string text = next < 0 ? json[entry..] : json[entry..next];
        return (Field(text, "test_correct"), Field(text, "test_count"));
    }

    private static int Field(string entry, string name)
    {
        string key = $"\"{name}\": ";
        int start = entry.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException($"fixtures.json's entry has no {name}.");
        }

        start += key.Length;
        int end = start;
        while (end < entry.Length && char.IsAsciiDigit(entry[end]))
        {
            end++;
        }

        return int.Parse(entry.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
