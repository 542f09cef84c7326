using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Dendrite.Tests.Docs;

/// <summary>
/// Renders docs/diagnostics.md as the self-contained docs/diagnostics.html that the package ships and that the
/// diagnostics' help links open (file:///…/docs/diagnostics.html#dn0001, offline). Only the Markdown that file uses:
/// headings (each "## DNxxxx" gets the id "dnxxxx", other headings GitHub's slug), paragraphs, "- " lists, pipe
/// tables, fenced code blocks, and inline code, bold, emphasis and links. Kept in the tests, not the build, because
/// the page is checked in: DiagnosticsPageTests fails when it is stale and rewrites it with DENDRITE_ACCEPT_SNAPSHOTS=1.
/// </summary>
internal static partial class DiagnosticsPage
{
    public static string Render(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Dendrite diagnostics</title>\n")
            .Append("<!-- Generated from docs/diagnostics.md by tests/Dendrite.Tests/Docs/DiagnosticsPage.cs: edit the Markdown, not this file. -->\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
            .Append("pre{background:#f4f4f4;padding:.75rem;overflow-x:auto}code{font-family:ui-monospace,monospace}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}h2{border-top:1px solid #ddd;padding-top:1rem}</style>\n")
            .Append("</head>\n<body>\n");
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            if (line.Length == 0)
            {
                i++;
            }
            else if (line.StartsWith("```", StringComparison.Ordinal))
            {
                string language = line.Substring(3).Trim();
                var code = new StringBuilder();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                {
                    code.Append(WebUtility.HtmlEncode(lines[i])).Append('\n');
                }

                i++;
                html.Append(language.Length > 0 ? "<pre><code class=\"language-" + language + "\">" : "<pre><code>").Append(code).Append("</code></pre>\n");
            }
            else if (HeadingPattern().Match(line) is { Success: true } heading)
            {
                int level = heading.Groups[1].Length;
                string text = heading.Groups[2].Value;
                html.Append("<h").Append(level).Append(" id=\"").Append(Slug(text)).Append("\">").Append(Inline(text)).Append("</h").Append(level).Append(">\n");
                i++;
            }
            else if (line.StartsWith('|'))
            {
                html.Append("<table>\n");
                bool header = true;
                for (; i < lines.Length && lines[i].StartsWith('|'); i++)
                {
                    string[] cells = lines[i].Trim().Trim('|').Split('|');
                    if (cells.All(c => c.Trim().Trim(':').All(ch => ch == '-')))
                    {
                        continue; // the |---|---| separator
                    }

                    string tag = header ? "th" : "td";
                    html.Append("<tr>").Append(string.Concat(cells.Select(c => "<" + tag + ">" + Inline(c.Trim()) + "</" + tag + ">"))).Append("</tr>\n");
                    header = false;
                }

                html.Append("</table>\n");
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                html.Append("<ul>\n");
                while (i < lines.Length && lines[i].StartsWith("- ", StringComparison.Ordinal))
                {
                    var item = new StringBuilder(lines[i].Substring(2));
                    for (i++; i < lines.Length && lines[i].StartsWith("  ", StringComparison.Ordinal) && lines[i].Trim().Length > 0; i++)
                    {
                        item.Append(' ').Append(lines[i].Trim());
                    }

                    html.Append("<li>").Append(Inline(item.ToString())).Append("</li>\n");
                }

                html.Append("</ul>\n");
            }
            else
            {
                var paragraph = new StringBuilder(line.Trim());
                for (i++; i < lines.Length && lines[i].Length > 0 && !IsBlockStart(lines[i]); i++)
                {
                    paragraph.Append(' ').Append(lines[i].Trim());
                }

                html.Append("<p>").Append(Inline(paragraph.ToString())).Append("</p>\n");
            }
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens ("DN0001" → "dn0001").</summary>
    public static string Slug(string heading) =>
        string.Concat(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    private static bool IsBlockStart(string line) =>
        line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith('|') || line.StartsWith("- ", StringComparison.Ordinal) || HeadingPattern().IsMatch(line);

    private static string Inline(string text)
    {
        // Code spans first (their content is literal), then links, bold and emphasis on the rest.
        var result = new StringBuilder();
        string[] parts = text.Split('`');
        for (int k = 0; k < parts.Length; k++)
        {
            string encoded = WebUtility.HtmlEncode(parts[k]);
            if (k % 2 == 1 && k < parts.Length - 1)
            {
                result.Append("<code>").Append(encoded).Append("</code>");
                continue;
            }

            // Links to other docs stay relative: they ship beside this page, in the package's docs/ folder.
            encoded = LinkPattern().Replace(encoded, m => "<a href=\"" + m.Groups[2].Value + "\">" + m.Groups[1].Value + "</a>");
            encoded = BoldPattern().Replace(encoded, "<strong>$1</strong>");
            encoded = EmphasisPattern().Replace(encoded, "<em>$1</em>");
            result.Append(k % 2 == 1 ? "`" + encoded : encoded);
        }

        return result.ToString();
    }

    [GeneratedRegex(@"^(#{1,6}) (.+)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex BoldPattern();

    [GeneratedRegex(@"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])")]
    private static partial Regex EmphasisPattern();
}
