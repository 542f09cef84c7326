using System.Text;

namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>
/// Places drafts into source files the way users write them: in the global namespace, in block, dotted, nested and
/// file-scoped namespaces, nested in classes, structs, records and interfaces, with keyword names (@event), names of
/// framework types (Math, Span), sibling networks whose names differ only in case, and look-alike types beside them.
/// Every unit has its own number in its names, so units never collide unless a unit collides on purpose.
/// </summary>
internal sealed class FuzzLayout(Random random, string prefix, bool hostile, bool reachable)
{
    /// <summary>Names a user may give a class that are also C# keywords (written with @).</summary>
    private static readonly string[] KeywordNames = ["@event", "@class", "@int", "@namespace", "@object", "@string", "@this", "@operator", "@params", "@base", "@checked", "@fixed"];

    /// <summary>Names of types the generated code uses (or may): a user type of that name must not capture them.</summary>
    private static readonly string[] FrameworkNames =
    [
        "Math", "MathF", "Vector", "Random", "Array", "Parallel", "Buffer", "Unsafe", "Interlocked", "Environment", "GC",
        "Exception", "Stream", "File", "BitConverter", "Vector128", "Vector256", "MemoryMarshal", "System", "Dendrite",
        "TargetBatch", "FitOptions", "WeightsFile", "Parallelism", "Activations", "Losses", "Initializers",
    ];

    /// <summary>Look-alike declarations placed beside networks: if generated code names these unqualified, it picks them up.</summary>
    private static readonly (string Name, string Declaration)[] Decoys =
    [
        ("Math", "internal static class Math { }"),
        ("MathF", "internal static class MathF { }"),
        ("Span", "internal sealed class Span<T> { }"),
        ("ReadOnlySpan", "internal sealed class ReadOnlySpan<T> { }"),
        ("Vector", "internal sealed class Vector<T> { }"),
        ("Vector128", "internal static class Vector128 { }"),
        ("Random", "internal sealed class Random { }"),
        ("Array", "internal static class Array { }"),
        ("InvalidOperationException", "internal sealed class InvalidOperationException { }"),
        ("ArgumentException", "internal sealed class ArgumentException { }"),
        ("MemoryMarshal", "internal static class MemoryMarshal { }"),
        ("Unsafe", "internal static class Unsafe { }"),
        ("Func", "internal sealed class Func<T> { }"),
        ("Buffer", "internal sealed class Buffer { }"),
        ("System", "namespace System { internal static class Marker { } }"),
        ("Dendrite", "namespace Dendrite { internal static class Marker { } }"),
        ("Runtime", "namespace Runtime { internal static class Marker { } }"),
    ];

    private static readonly (string Keyword, bool AllowsPrivate)[] OuterKinds =
    [
        ("partial class", true), ("partial struct", true), ("partial record", true), ("partial record class", true),
        ("partial record struct", true), ("partial interface", false), ("static partial class", true),
        ("sealed partial class", true), ("abstract partial class", true), ("readonly partial struct", true),
    ];

    private int _unit;

    /// <summary>Files holding <paramref name="drafts"/>, a few units per file.</summary>
    public FuzzBatch Batch(IReadOnlyList<NetworkDraft> drafts, int files)
    {
        var queue = new Queue<NetworkDraft>(drafts);
        int perFile = (drafts.Count + files - 1) / files;
        var result = new List<FuzzFile>();
        for (int f = 0; f < files && queue.Count > 0; f++)
        {
            string header = "using Dendrite;\n\n";
            string? fileNamespace = null;
            var fileNames = new HashSet<string>(StringComparer.Ordinal);
            if (random.Next(3) == 0)
            {
                fileNamespace = prefix + "File" + _unit++ + (random.Next(4) == 0 ? ".@namespace" : ".Scoped");
                header += "namespace " + fileNamespace + ";\n\n";
                if (hostile && random.Next(4) == 0)
                {
                    header += string.Join("\n", PickDecoys(fileNames, namespaces: false)) + "\n\n";
                }
            }

            var units = new List<FuzzUnit>();
            int taken = 0;
            while (taken < perFile && queue.Count > 0)
            {
                FuzzUnit unit = Unit(queue, fileNamespace, fileNames);
                units.Add(unit);
                taken += unit.Networks.Count;
            }

            result.Add(new FuzzFile(header, units));
        }

        return new FuzzBatch(result);
    }

    /// <param name="fileNamespace">The file-scoped namespace of the file, or null for a file of block namespaces.</param>
    /// <param name="fileNames">Names declared directly in the file-scoped namespace so far (decoys, networks, outer types).</param>
    private FuzzUnit Unit(Queue<NetworkDraft> drafts, string? fileNamespace, HashSet<string> fileNames)
    {
        bool fileScoped = fileNamespace is not null;
        int u = _unit++;
        var description = new List<string>();

        // Namespace around the unit (a file-scoped file already has one).
        int wrapper = fileScoped ? -1 : random.Next(5);
        (string open, string close, string ns) = wrapper switch
        {
            0 => (string.Empty, string.Empty, string.Empty),
            1 => ("namespace " + prefix + u + "\n{\n", "}\n", prefix + u + "."),
            2 => ("namespace " + prefix + u + ".Inner\n{\n", "}\n", prefix + u + ".Inner."),
            3 => ("namespace " + prefix + u + "\n{\n    namespace Deep\n    {\n", "    }\n}\n", prefix + u + ".Deep."),
            4 => ("namespace " + prefix + u + ".@class.@if\n{\n", "}\n", prefix + u + ".@class.@if."),
            _ => (string.Empty, string.Empty, fileNamespace + "."),
        };
        description.Add(wrapper switch
        {
            -1 => "file-scoped namespace",
            0 => "global namespace",
            1 => "block namespace",
            2 => "dotted namespace",
            3 => "nested namespace blocks",
            _ => "keyword namespace",
        });
        bool uniqueNamespace = wrapper > 0 || fileScoped;

        // Two namespaces differing only in case, each with a network of the same name: one hint name each.
        if (hostile && !fileScoped && random.Next(20) == 0 && drafts.Count >= 2)
        {
            string lower = prefix + u + ".a.B", upper = prefix + u + ".A.B";
            var pair = new List<PlacedNetwork>
            {
                Place(drafts.Dequeue(), "Net", lower + ".", isPrivate: false),
                Place(drafts.Dequeue(), "Net", upper + ".", isPrivate: false),
            };
            string text = "namespace " + lower + "\n{\n" + pair[0].Draft.Render("Net", "    ") + "}\n\nnamespace " + upper + "\n{\n" + pair[1].Draft.Render("Net", "    ") + "}\n";
            return new FuzzUnit(text, "namespaces differing only in case (" + lower + ", " + upper + ")", pair);
        }

        string indent = wrapper == 3 ? "        " : wrapper > 0 ? "    " : string.Empty;
        var body = new StringBuilder();
        var closers = new Stack<string>();
        // Names declared in the unit's own scope, so that a hostile name never collides with a decoy or an outer type.
        HashSet<string> names = fileScoped ? fileNames : new HashSet<string>(StringComparer.Ordinal);

        if (hostile && uniqueNamespace && random.Next(6) == 0)
        {
            // A file-scoped namespace cannot hold namespace declarations (CS8955).
            List<string> decoys = PickDecoys(names, namespaces: !fileScoped);
            foreach (string decoy in decoys)
            {
                body.Append(indent).Append(decoy).Append('\n');
            }

            description.Add("beside " + string.Join(", ", decoys));
        }

        // Outer types, innermost last.
        bool isPrivate = false, outerAllowsPrivate = false, inInterface = false;
        int depth = random.Next(3) == 0 ? 1 + random.Next(3) : 0;
        string typePath = ns;
        for (int d = 0; d < depth; d++)
        {
            (string keyword, bool allowsPrivate) = OuterKinds[random.Next(OuterKinds.Length)];
            string modifier = d == 0
                ? Pick("public ", "internal ", string.Empty)
                : inInterface ? Pick("public ", string.Empty) : Pick("public ", "internal ", string.Empty, "private ");
            isPrivate |= d > 0 && !inInterface && modifier is "" or "private ";
            bool scopeIsUnique = uniqueNamespace || d > 0;
            string outerName = hostile && scopeIsUnique && random.Next(5) == 0 ? HostileName() : "Outer" + u + "x" + d;
            if (!names.Add(outerName.TrimStart('@')))
            {
                outerName = "Outer" + u + "x" + d;
                names.Add(outerName);
            }

            body.Append(indent).Append(modifier).Append(keyword).Append(' ').Append(outerName).Append('\n').Append(indent).Append("{\n");
            closers.Push(indent + "}\n");
            indent += "    ";
            typePath += outerName + ".";
            description.Add("in " + modifier + keyword + " " + outerName);
            outerAllowsPrivate = allowsPrivate;
            inInterface = keyword == "partial interface";
        }

        bool nested = depth > 0;
        bool siblings = hostile && (uniqueNamespace || nested) && random.Next(10) == 0 && drafts.Count >= 2;
        var placed = new List<PlacedNetwork>();
        string first = hostile && (uniqueNamespace || nested) && random.Next(4) == 0 ? HostileName() : prefix + "Net" + u;
        if (siblings)
        {
            first = "Net" + u;
            description.Add("siblings differing only in case");
        }

        string[] networkNames = siblings ? [first, first.ToUpperInvariant()] : [first];
        foreach (string name in networkNames)
        {
            string declared = names.Add(name.TrimStart('@')) ? name : prefix + "Net" + u + "x" + names.Count;
            NetworkDraft draft = drafts.Dequeue();
            string modifiers = !nested
                ? Pick("public partial", "internal partial", "partial", "public sealed partial", "internal sealed partial")
                : inInterface
                    ? Pick("public partial", "partial", "public sealed partial")
                    : outerAllowsPrivate ? Pick("public partial", "internal partial", "partial", "private partial", "private sealed partial") : "public partial";
            draft.Modifiers = draft.WithoutPartial ? modifiers.Replace("partial", string.Empty, StringComparison.Ordinal).Trim() : modifiers;
            bool networkPrivate = isPrivate || (nested && !inInterface && (modifiers.StartsWith("private", StringComparison.Ordinal) || modifiers.StartsWith("partial", StringComparison.Ordinal)));
            body.Append(draft.Render(declared, indent));
            placed.Add(Place(draft, declared, typePath, networkPrivate));
            description.Add((declared.StartsWith('@') ? "keyword name " : string.Empty) + declared);
        }

        while (closers.Count > 0)
        {
            body.Append(closers.Pop());
        }

        return new FuzzUnit(open + body + close, string.Join(", ", description), placed);
    }

    private PlacedNetwork Place(NetworkDraft draft, string name, string typePath, bool isPrivate) =>
        new(name, reachable && !isPrivate ? "global::" + typePath + name : null, draft);

    private List<string> PickDecoys(HashSet<string> names, bool namespaces)
    {
        var chosen = new List<string>();
        int count = 1 + random.Next(3);
        for (int i = 0; i < count; i++)
        {
            (string name, string declaration) = Decoys[random.Next(Decoys.Length)];
            if ((namespaces || !declaration.StartsWith("namespace", StringComparison.Ordinal)) && names.Add(name))
            {
                chosen.Add(declaration);
            }
        }

        return chosen;
    }

    private string HostileName() => random.Next(2) == 0
        ? KeywordNames[random.Next(KeywordNames.Length)]
        : FrameworkNames[random.Next(FrameworkNames.Length)];

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}
