namespace Dendrite.Generator.Model;

/// <summary>Names of a network type that both the real network and its stub surface are known by.</summary>
internal static class TypeNames
{
    /// <summary>
    /// The exact metadata name ("N.Outer+Net"): unique among the types of a compilation, and the key hint names are
    /// made from (<see cref="Emitting.CodeWriter.HintName"/>). Nested types are joined with '+', so a namespace N.Outer
    /// holding Net and a class N.Outer holding Net never share it.
    /// </summary>
    public static string Metadata(string? @namespace, EquatableArray<ContainingType> containingTypes, string className)
    {
        var text = new System.Text.StringBuilder();
        if (@namespace is not null)
        {
            text.Append(@namespace).Append('.');
        }

        foreach (ContainingType type in containingTypes)
        {
            text.Append(type.Name).Append('+');
        }

        return text.Append(className).ToString();
    }
}
