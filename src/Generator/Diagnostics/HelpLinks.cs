using System;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Diagnostics;

/// <summary>
/// Where a diagnostic's help link points. The package's build/Dendrite.targets sets the MSBuild property
/// <c>DendriteDiagnosticsHelp</c> to the docs/diagnostics.html it ships (in the NuGet packages folder; in this
/// repository, the checked-in docs/diagnostics.html), so the link opens the ID's section offline, from where the
/// user is. A project may set it to any other page (an intranet copy): the link is that address + "#dn0001".
/// Without the property (a project that does not import the targets) the descriptor's own link stays: the
/// repository's docs/diagnostics.md.
/// </summary>
internal static class HelpLinks
{
    /// <summary>The property as the compiler hands it to generators (listed as CompilerVisibleProperty by the targets).</summary>
    public const string Property = "build_property.DendriteDiagnosticsHelp";

    public static IncrementalValueProvider<string?> Base(IncrementalGeneratorInitializationContext context) =>
        context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue(Property, out string? value) ? ToUri(value) : null);

    /// <summary>An absolute path or URI as an absolute URI (file:///… for a path), or null for anything else.</summary>
    public static string? ToUri(string? pathOrUri)
    {
        string value = (pathOrUri ?? string.Empty).Trim();
        if (value.Length == 0 || value.IndexOf('#') >= 0 || !Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }

    /// <summary><paramref name="descriptor"/> linking to its section of the page at <paramref name="helpBase"/>, or itself when there is none.</summary>
    public static DiagnosticDescriptor WithHelp(DiagnosticDescriptor descriptor, string? helpBase) =>
        helpBase is null
            ? descriptor
            : new DiagnosticDescriptor(
                descriptor.Id,
                descriptor.Title,
                descriptor.MessageFormat,
                descriptor.Category,
                descriptor.DefaultSeverity,
                descriptor.IsEnabledByDefault,
                descriptor.Description,
                helpBase + "#" + descriptor.Id.ToLowerInvariant(),
                System.Linq.Enumerable.ToArray(descriptor.CustomTags));
}
