using System;
using System.Globalization;
using System.Text;

namespace Dendrite.Generator.Emitting;

/// <summary>Builds indented C# text with "\n" line endings, so output is byte-identical on every OS.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

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

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>Writes "/// &lt;summary&gt;text&lt;/summary&gt;".</summary>
    public CodeWriter Summary(string text) => Line("/// <summary>" + text + "</summary>");

    public CodeWriter Comment(string text) => Line("// " + text);

    public override string ToString() => _text.ToString();

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

    /// <summary>
    /// A hint name the compiler accepts: it allows only letters, digits and a few punctuation marks, while a type
    /// name may hold '@' (from an escaped namespace) or other identifier characters such as U+203F; anything else
    /// would make AddSource throw, and a throwing generator loses all its output.
    /// </summary>
    public static string HintName(string name)
    {
        var text = new StringBuilder(name.Length);
        bool replaced = false;
        foreach (char c in name)
        {
            bool keep = char.IsLetterOrDigit(c) || c is '.' or '_';
            replaced |= !keep && c != '@';
            if (c != '@')
            {
                text.Append(keep ? c : '_');
            }
        }

        // Two names that differ only in a replaced character (Net‿a, Net_a) must not share a hint name: a duplicate
        // hint name also makes AddSource throw. A stable hash of the original name keeps them apart.
        if (replaced)
        {
            uint hash = 2166136261; // FNV-1a: the same on every run and platform, unlike string.GetHashCode
            foreach (char c in name)
            {
                hash = unchecked((hash ^ c) * 16777619);
            }

            text.Append('_').Append(hash.ToString("x8", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    public static string Plural(int count, string word) => Grouped(count) + " " + word + (count == 1 ? string.Empty : "s");

    public static string Join(string separator, params string[] parts) => string.Join(separator, parts);

    public static string Repeat(char c, int count) => new(c, Math.Max(0, count));
}
