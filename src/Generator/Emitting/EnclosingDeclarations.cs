using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// What surrounds the generated part of a network class in every generated file: the namespace, the partial types it
/// is nested in, and the class itself. No using directives: every type inside is written with global::, so no name
/// the user declares can capture one (GeneratedNameTests).
/// </summary>
internal static class EnclosingDeclarations
{
    /// <summary>Writes the preamble and opens each containing type; the caller opens the class itself.</summary>
    public static void Open(CodeWriter w, NetworkSpec spec)
    {
        w.Line("#nullable enable");
        if (HasLowercaseName(spec))
        {
            // The user chose an all-lowercase name and allowed it in their file; repeating it here must not warn again.
            w.Line("#pragma warning disable CS8981 // lower-case type name, as the user declared it");
        }

        w.Line();
        if (spec.Namespace is not null)
        {
            w.Line("namespace " + spec.Namespace + ";");
            w.Line();
        }

        foreach (ContainingType outer in spec.ContainingTypes)
        {
            w.Open("partial " + outer.Keyword + " " + CodeWriter.Identifier(outer.Name));
        }
    }

    /// <summary>Closes the containing types.</summary>
    public static void Close(CodeWriter w, NetworkSpec spec)
    {
        foreach (ContainingType _ in spec.ContainingTypes)
        {
            w.Close();
        }
    }

    /// <summary>Whether a type the file declares has a name the compiler warns about (CS8981: only a–z, which C# may reserve).</summary>
    private static bool HasLowercaseName(NetworkSpec spec)
    {
        if (IsLowercase(spec.ClassName))
        {
            return true;
        }

        foreach (ContainingType outer in spec.ContainingTypes)
        {
            if (IsLowercase(outer.Name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLowercase(string name)
    {
        foreach (char c in name)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
