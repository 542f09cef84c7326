using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Model;

/// <summary>A diagnostic as equatable data: which descriptor, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        new(descriptor, location, System.Linq.Enumerable.Select(arguments, a => a?.ToString() ?? string.Empty).ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location?.ToLocation(), System.Linq.Enumerable.ToArray(Arguments));
}
