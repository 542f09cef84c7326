using System;
using System.Globalization;
using System.Text;

namespace Dendrite.Generator.Emitting;

/// <summary>Builds indented C# text with "\n" line endings, so output is byte-identical on every OS.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <param name="kernelsClass">
    /// The project's shared kernels class (<see cref="SharedKernelsEmitter"/>), <c>global::</c>-qualified, which the
    /// kernel calls written into this file name; empty for files that call no kernel.
    /// </param>
    public CodeWriter(string kernelsClass = "")
    {
        KernelsClass = kernelsClass;
    }

    /// <summary>The qualified name of the shared kernels class this file's kernel calls go to.</summary>
    public string KernelsClass { get; }

    /// <summary>"global::Dendrite.Generated.Kernels_App.DenseForward4x2": a kernel (or the shape interface) by its full name.</summary>
    public string Kernel(string name) => KernelsClass + "." + name;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public CodeWriter Open(string head)
    {
        Line(head);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Open()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Closes a block; a blank line left before the brace by the last member written is dropped.</summary>
    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        if (_text.Length >= 2 && _text[_text.Length - 1] == '\n' && _text[_text.Length - 2] == '\n')
        {
            _text.Length--;
        }

        return Line("}" + suffix);
    }

    /// <summary>Writes "/// &lt;summary&gt;text&lt;/summary&gt;".</summary>
    public CodeWriter Summary(string text) => Line("/// <summary>" + text + "</summary>");

    public CodeWriter Comment(string text) => Line("// " + text);

    public override string ToString() => _text.ToString();

    /// <summary>Characters written so far: a position for <see cref="ReplaceFrom"/>.</summary>
    public int Length => _text.Length;

    /// <summary>Replaces every <paramref name="oldValue"/> written since <paramref name="start"/>.</summary>
    public void ReplaceFrom(int start, string oldValue, string newValue) => _text.Replace(oldValue, newValue, start, _text.Length - start);

    /// <summary>An integer in invariant culture (never a locale's digits or separators).</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer with invariant thousands separators, for comments: 20,175.</summary>
    public static string Grouped(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A float literal that round-trips, in invariant culture: 0.5f.</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>
    /// A symbol name as a C# identifier: a class named <c>@event</c> has the name "event", which must be written
    /// with its @ again or the generated declaration does not parse.
    /// </summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>Longest readable part of a hint name, in UTF-8 bytes: file names stay well under the usual 255-byte limit.</summary>
    public const int MaxReadableHintBytes = 120;

    /// <summary>
    /// The hint name of a network's generated file(s), without the ".g.cs" suffix: a readable part made from
    /// <paramref name="metadataName"/> plus, always, a stable hash of the exact name ("N.Net.1f3c9a07").
    /// </summary>
    /// <remarks>
    /// Roslyn compares hint names ignoring case, and a duplicate makes AddSource throw, which drops every generated
    /// file of the project (CS8785). Names that differ only in case (Net, NET), that sanitise to the same text
    /// (Net‿a, Net_a) or that are cut short must still get different hint names, so the hash of the exact name is
    /// appended whatever else is in the compilation: the name of one network never depends on the others, and output
    /// stays deterministic. The readable part keeps letters, digits, '.' and '_' (the compiler refuses many other
    /// characters), drops the '@' of escaped keywords and is cut at <see cref="MaxReadableHintBytes"/> UTF-8 bytes so a
    /// very long namespace still gives a file name the file system accepts. Tests: HintNameTests.
    /// </remarks>
    public static string HintName(string metadataName)
    {
        var text = new StringBuilder(metadataName.Length);
        int bytes = 0;
        foreach (char c in metadataName)
        {
            if (c == '@')
            {
                continue;
            }

            char kept = char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_';
            int size = kept < 0x80 ? 1 : kept < 0x800 ? 2 : 3;
            if (bytes + size > MaxReadableHintBytes)
            {
                break;
            }

            text.Append(kept);
            bytes += size;
        }

        // A cut can end on a '.'; ".." in a file name is best avoided.
        return text.ToString().TrimEnd('.') + "." + StableHash(metadataName);
    }

    /// <summary>Eight hex digits of FNV-1a over <paramref name="text"/>: the same on every run and platform, unlike string.GetHashCode.</summary>
    public static string StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    public static string Plural(int count, string word) => Grouped(count) + " " + word + (count == 1 ? string.Empty : "s");

    public static string Join(string separator, params string[] parts) => string.Join(separator, parts);

    public static string Repeat(char c, int count) => new(c, Math.Max(0, count));
}
