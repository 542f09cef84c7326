using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Model;

/// <summary>
/// A diagnostic as equatable data: which descriptor, where, the message arguments and, for the code fixes
/// (src/CodeFixes), properties as key/value pairs (<see cref="DiagnosticProperties"/>).
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>Alternating keys and values, handed to the code fixes as <see cref="Diagnostic.Properties"/>.</summary>
    public EquatableArray<string> Properties { get; init; } = EquatableArray<string>.Empty;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        new(descriptor, location, System.Linq.Enumerable.Select(arguments, a => a?.ToString() ?? string.Empty).ToEquatableArray());

    /// <summary>This diagnostic with one more property for the code fixes.</summary>
    public DiagnosticInfo WithProperty(string key, string value) =>
        this with { Properties = System.Linq.Enumerable.Concat(Properties, new[] { key, value }).ToEquatableArray() };

    /// <summary>The diagnostic, its help link on the page at <paramref name="helpBase"/> when there is one (<see cref="Diagnostics.HelpLinks"/>).</summary>
    public Diagnostic ToDiagnostic(string? helpBase = null)
    {
        ImmutableDictionary<string, string?>.Builder properties = ImmutableDictionary.CreateBuilder<string, string?>();
        for (int i = 0; i + 1 < Properties.Count; i += 2)
        {
            properties[Properties[i]] = Properties[i + 1];
        }

        return Diagnostic.Create(Diagnostics.HelpLinks.WithHelp(Descriptor, helpBase), Location?.ToLocation(), properties.ToImmutable(), System.Linq.Enumerable.ToArray(Arguments));
    }
}
