using Microsoft.CodeAnalysis.Text;

namespace Dendrite.Tests.Generator;

/// <summary>
/// A test source with one span marked as <c>[|...|]</c> (the Roslyn testing convention): the markers are removed
/// and the span they enclosed is kept, so a test states where a diagnostic belongs by pointing at the token
/// instead of hard-coding offsets that break when the source is edited.
/// </summary>
internal sealed record MarkedSource(string Source, TextSpan Span)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static MarkedSource Parse(string markup)
    {
        int start = markup.IndexOf(Open, StringComparison.Ordinal);
        int end = markup.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start || markup.IndexOf(Open, start + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Expected exactly one [|...|] span in the test source.", nameof(markup));
        }

        string source = markup.Remove(end, Close.Length).Remove(start, Open.Length);
        return new MarkedSource(source, TextSpan.FromBounds(start, end - Open.Length));
    }

    /// <summary>The marked span as 0-based line and character positions, as a diagnostic reports it.</summary>
    public LinePositionSpan LineSpan => SourceText.From(Source).Lines.GetLinePositionSpan(Span);

    public string MarkedText => Source.Substring(Span.Start, Span.Length);
}
