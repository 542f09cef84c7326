using System.Linq;

namespace Dendrite.Generator.Model;

/// <summary>
/// Locations are only for diagnostics, which the parse stage has already produced. Planning from a spec without
/// them means an edit that merely moves the declaration (a comment or a using above it) gives an equal plan, so
/// the emit step is skipped instead of rewriting an identical file on every keystroke.
/// </summary>
internal static class SpecLocations
{
    public static NetworkSpec WithoutLocations(this NetworkSpec spec) => spec with
    {
        Location = null,
        WeightsLocation = null,
        Input = spec.Input with { Location = null },
        Layers = spec.Layers.Select(layer => layer with { Location = null }).ToEquatableArray(),
    };
}
