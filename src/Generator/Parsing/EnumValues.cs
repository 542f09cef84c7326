using System;
using System.Linq;

namespace Dendrite.Generator.Parsing;

/// <summary>Checks integers read from attributes against the mirrored enums: (Activation)99 compiles, so it must be caught here.</summary>
internal static class EnumValues
{
    public static bool IsDefined<TEnum>(int value) where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);

    public static string List<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues(typeof(TEnum)).Cast<TEnum>().Select(v => v.ToString()));
}
