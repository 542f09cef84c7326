using System.Globalization;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Why a [Network(Weights = "...")] value cannot name an AdditionalFiles item, or null when it can. The rules are
/// the same on every OS, so a project that builds on Linux also builds on Windows: no empty or blank name, no name
/// that is only dots and slashes or ends in a slash (a folder), and none of the characters no Windows path may hold
/// (control characters and &lt; &gt; " | ? *). Null means "no compiled-in weights" and is not checked.
/// </summary>
internal static class WeightsNameProblem
{
    private const string ForbiddenCharacters = "<>\"|?*";

    public static string? Of(string name)
    {
        if (name.Length == 0)
        {
            return "an empty string";
        }

        if (name.Trim().Length == 0)
        {
            return "only white space";
        }

        foreach (char c in name)
        {
            if (char.IsControl(c) || ForbiddenCharacters.IndexOf(c) >= 0)
            {
                return "the character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
                    + (char.IsControl(c) ? " (a control character)" : " ('" + c + "')") + ", which no Windows path may hold";
            }
        }

        if (name.Trim('.', '/', '\\', ' ').Length == 0)
        {
            return "'" + name + "', which names a folder, not a file";
        }

        if (name.EndsWith("/", System.StringComparison.Ordinal) || name.EndsWith("\\", System.StringComparison.Ordinal))
        {
            return "'" + name + "', which ends in a folder separator";
        }

        return null;
    }
}
