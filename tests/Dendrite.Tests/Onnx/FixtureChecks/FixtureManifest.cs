using System.Text.Json;

namespace Dendrite.Tests.Onnx.FixtureChecks;

/// <summary>
/// tests/Dendrite.Tests/Onnx/Fixtures/fixtures.json, written by make-fixtures.py beside the files it describes: the
/// folder is found above the test's output directory (the source tree, else a copy in the output directory).
/// </summary>
internal static class FixtureManifest
{
    private static readonly Lazy<(string Folder, JsonElement Root)> Loaded = new(Load);

    /// <summary>The folder holding the fixtures and fixtures.json.</summary>
    public static string Folder => Loaded.Value.Folder;

    /// <summary>Every entry of fixtures.json's "fixtures" array.</summary>
    public static IEnumerable<JsonElement> Entries => Loaded.Value.Root.GetProperty("fixtures").EnumerateArray();

    /// <summary>The entries of one kind: "trained", "operator" or "hostile".</summary>
    public static IEnumerable<JsonElement> OfKind(string kind) => Entries.Where(e => e.GetProperty("kind").GetString() == kind);

    /// <summary>The entry for <paramref name="file"/>.</summary>
    public static JsonElement Entry(string file) => Entries.Single(e => e.GetProperty("file").GetString() == file);

    public static string PathOf(string file) => Path.Combine(Folder, file);

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static (string, JsonElement) Load()
    {
        // The source tree first: a copy in the output folder may leave out files that are not .onnx (the external
        // data file of hostile-external-data.onnx).
        string[][] layouts = [["tests", "Dendrite.Tests", "Onnx", "Fixtures"], ["Onnx", "Fixtures"]];
        foreach (string[] layout in layouts)
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine([dir.FullName, .. layout]);
                string manifest = Path.Combine(candidate, "fixtures.json");
                if (File.Exists(manifest) && File.Exists(Path.Combine(candidate, "fashion-cnn.onnx")))
                {
                    using JsonDocument document = JsonDocument.Parse(File.ReadAllText(manifest));
                    return (candidate, document.RootElement.Clone());
                }
            }
        }

        throw new FileNotFoundException("tests/Dendrite.Tests/Onnx/Fixtures/fixtures.json not found above " + AppContext.BaseDirectory);
    }
}
