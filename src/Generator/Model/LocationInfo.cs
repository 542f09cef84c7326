using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dendrite.Generator.Model;

/// <summary>
/// A source location as plain data (file path and spans), so diagnostics can live in cached models without
/// holding on to a syntax tree.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
