using System.Text;

namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>One network placed in a unit: its class name as declared, and how other code names its type.</summary>
/// <param name="Name">The identifier as written, "@event" for a keyword name.</param>
/// <param name="TypeReference">"global::A.Outer.Net", or null when the class is private and cannot be named from outside.</param>
internal sealed record PlacedNetwork(string Name, string? TypeReference, NetworkDraft Draft);

/// <summary>
/// A piece of a file that stands on its own: one or two networks with whatever namespaces, outer types and
/// look-alike types ("Math", "Span&lt;T&gt;") around them. Units are what a failure names: one unit with its file's
/// header is a complete file that reproduces the failure alone.
/// </summary>
internal sealed record FuzzUnit(string Text, string Description, IReadOnlyList<PlacedNetwork> Networks);

/// <summary>A source file of a fuzz batch: a header (usings, a file-scoped namespace) and the units after it.</summary>
internal sealed record FuzzFile(string Header, IReadOnlyList<FuzzUnit> Units)
{
    public string Render() => Header + string.Concat(Units.Select(u => u.Text + "\n"));

    /// <summary>This file with only <paramref name="unit"/>: what to paste into a test to reproduce a failure.</summary>
    public string RenderAlone(FuzzUnit unit) => Header + unit.Text;
}

/// <summary>A batch of files compiled together, plus a file naming every reachable network (so the generated API is used).</summary>
internal sealed record FuzzBatch(IReadOnlyList<FuzzFile> Files)
{
    public IEnumerable<FuzzUnit> Units => Files.SelectMany(f => f.Units);

    public string[] Sources() => Files.Select(f => f.Render()).Append(UsesFile(Units)).ToArray();

    /// <summary>The sources that reproduce <paramref name="unit"/> alone: its file with only that unit, and its uses.</summary>
    public string[] SourcesAlone(FuzzUnit unit)
    {
        FuzzFile file = Files.First(f => f.Units.Contains(unit));
        return [file.RenderAlone(unit), UsesFile([unit])];
    }

    /// <summary>
    /// Code that constructs every network other code can name and reads a generated constant, so that the
    /// public surface is compiled against, not only declared.
    /// </summary>
    public static string UsesFile(IEnumerable<FuzzUnit> units)
    {
        var text = new StringBuilder("internal static class FuzzUses\n{\n    internal static long Touch()\n    {\n        long total = 0;\n");
        foreach (PlacedNetwork network in units.SelectMany(u => u.Networks).Where(n => n.TypeReference is not null))
        {
            text.Append("        total += ").Append(network.TypeReference).Append(".ParameterCount + new ")
                .Append(network.TypeReference).Append("(seed: 1).Parameters.Length;\n");
        }

        return text.Append("        return total;\n    }\n}\n").ToString();
    }
}
