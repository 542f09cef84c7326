using System.Collections.Generic;

namespace Dendrite.Generator.Parsing;

/// <summary>An attribute's values once its signature has been checked; readers cast them only through here.</summary>
internal sealed class AttributeArguments
{
    private readonly object?[] _positional;
    private readonly Dictionary<string, object?> _named;

    private AttributeArguments(bool ok, bool compilerError, string? mismatchedArgument, string? found, object?[] positional, Dictionary<string, object?> named)
    {
        Ok = ok;
        IsCompilerError = compilerError;
        MismatchedArgument = mismatchedArgument;
        Found = found;
        _positional = positional;
        _named = named;
    }

    public static AttributeArguments CompilerError { get; } = new(false, true, null, null, System.Array.Empty<object?>(), new Dictionary<string, object?>());

    /// <summary>The attribute was read; its values have the kinds of its signature.</summary>
    public bool Ok { get; }

    /// <summary>The compiler reports this application itself.</summary>
    public bool IsCompilerError { get; }

    /// <summary>When a named argument does not fit, its name (so the diagnostic can point at it); null for the constructor.</summary>
    public string? MismatchedArgument { get; }

    /// <summary>What was found instead of the expected signature, for the message.</summary>
    public string? Found { get; }

    public int Count => _positional.Length;

    public static AttributeArguments Mismatch(string? argument, string found) =>
        new(false, false, argument, found, System.Array.Empty<object?>(), new Dictionary<string, object?>());

    public static AttributeArguments Valid(object?[] positional, Dictionary<string, object?> named) => new(true, false, null, null, positional, named);

    /// <summary>Positional argument <paramref name="index"/> of an Int or enum kind (checked to be an int).</summary>
    public int Int(int index) => _positional[index] is int value ? value : 0;

    public bool Has(string name) => _named.ContainsKey(name);

    /// <summary>A named Int or enum argument, or null when it was not set.</summary>
    public int? NamedInt(string name) => _named.TryGetValue(name, out object? value) && value is int number ? number : null;

    /// <summary>A named Float argument, or null when it was not set.</summary>
    public float? NamedFloat(string name) => _named.TryGetValue(name, out object? value) && value is float number ? number : null;

    public bool? NamedBool(string name) => _named.TryGetValue(name, out object? value) && value is bool flag ? flag : null;

    public string? NamedString(string name) => _named.TryGetValue(name, out object? value) ? value as string : null;
}
