using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>The type an attribute argument must have.</summary>
internal enum ArgumentKind
{
    Int,
    Double,
    Float,
    Bool,
    String,
    Activation,
    Loss,
    Padding,
}

/// <summary>
/// What one of Dendrite's attributes looks like: its constructors (as argument kinds) and its settable properties.
/// Attributes are found by metadata name, so a user's own <c>Dendrite.Conv2DAttribute(string)</c> reaches the
/// generator too; <see cref="AttributeSignatures"/> compares every attribute with its row here before any value
/// is read, so a look-alike gets a diagnostic instead of an InvalidCastException.
/// </summary>
/// <param name="Name">The name users write: "Conv2D".</param>
/// <param name="Usage">How it is written, for messages: "Conv2D(int filters, int kernel[, Activation activation])".</param>
/// <param name="Constructors">Each accepted constructor, as the kinds of its parameters in order.</param>
/// <param name="Properties">Settable properties ("Stride = 2") and their kinds.</param>
internal sealed record AttributeSignature(string Name, string Usage, ArgumentKind[][] Constructors, (string Name, ArgumentKind Kind)[] Properties)
{
    public string MetadataName => "Dendrite." + Name + "Attribute";

    /// <summary>"Conv2D(int filters, int kernel[, Activation activation]) with optional Stride (int), Padding (Padding)".</summary>
    public string Expected => Properties.Length == 0
        ? Usage
        : Usage + " with optional " + string.Join(", ", Properties.Select(p => p.Name + " (" + KindName(p.Kind) + ")"));

    public static string KindName(ArgumentKind kind) => kind switch
    {
        ArgumentKind.Int => "int",
        ArgumentKind.Double => "double",
        ArgumentKind.Float => "float",
        ArgumentKind.Bool => "bool",
        ArgumentKind.String => "string",
        _ => kind.ToString(),
    };
}

/// <summary>
/// The table of Dendrite's attributes and the one guard every attribute passes before its values are read: the
/// constructor the compiler bound, each argument's type and each named argument must match the table. Adding an
/// attribute means adding its row; its guard comes with it. Tests: LookAlikeAttributeTests.
/// </summary>
internal static class AttributeSignatures
{
    private static readonly ArgumentKind[] None = System.Array.Empty<ArgumentKind>();
    private static readonly (string, ArgumentKind)[] NoProperties = System.Array.Empty<(string, ArgumentKind)>();
    private static readonly (string, ArgumentKind)[] WindowProperties = { ("Stride", ArgumentKind.Int), ("Padding", ArgumentKind.Padding) };
    private static readonly (string, ArgumentKind)[] DenseProperties = { ("Slope", ArgumentKind.Float), ("L2", ArgumentKind.Float) };
    private static readonly (string, ArgumentKind)[] Conv2DProperties = { ("Stride", ArgumentKind.Int), ("Padding", ArgumentKind.Padding), ("Slope", ArgumentKind.Float), ("L2", ArgumentKind.Float) };

    public static readonly AttributeSignature Network = new(
        "Network",
        "Network",
        new[] { None },
        new[] { ("Loss", ArgumentKind.Loss), ("FromLogits", ArgumentKind.Bool), ("Weights", ArgumentKind.String), ("Onnx", ArgumentKind.String) });

    public static readonly AttributeSignature Input = new(
        "Input",
        "Input(int size) or Input(int height, int width, int channels)",
        new[] { new[] { ArgumentKind.Int }, new[] { ArgumentKind.Int, ArgumentKind.Int, ArgumentKind.Int } },
        NoProperties);

    public static readonly AttributeSignature Dense = new(
        "Dense",
        "Dense(int units[, Activation activation])",
        new[] { new[] { ArgumentKind.Int }, new[] { ArgumentKind.Int, ArgumentKind.Activation } },
        DenseProperties);

    public static readonly AttributeSignature Conv2D = new(
        "Conv2D",
        "Conv2D(int filters, int kernel[, Activation activation])",
        new[] { new[] { ArgumentKind.Int, ArgumentKind.Int }, new[] { ArgumentKind.Int, ArgumentKind.Int, ArgumentKind.Activation } },
        Conv2DProperties);

    public static readonly AttributeSignature MaxPool2D = new(
        "MaxPool2D",
        "MaxPool2D(int poolSize)",
        new[] { new[] { ArgumentKind.Int } },
        WindowProperties);

    public static readonly AttributeSignature Flatten = new("Flatten", "Flatten", new[] { None }, NoProperties);

    public static readonly AttributeSignature AveragePooling2D = new(
        "AveragePooling2D",
        "AveragePooling2D(int poolSize)",
        new[] { new[] { ArgumentKind.Int } },
        WindowProperties);

    public static readonly AttributeSignature GlobalAveragePooling2D = new("GlobalAveragePooling2D", "GlobalAveragePooling2D", new[] { None }, NoProperties);

    public static readonly AttributeSignature Dropout = new("Dropout", "Dropout(double rate)", new[] { new[] { ArgumentKind.Double } }, NoProperties);

    public static readonly AttributeSignature BatchNormalization = new(
        "BatchNormalization",
        "BatchNormalization",
        new[] { None },
        new[] { ("Activation", ArgumentKind.Activation) });

    public static readonly IReadOnlyList<AttributeSignature> All = new[] { Network, Input, Dense, Conv2D, MaxPool2D, Flatten, AveragePooling2D, GlobalAveragePooling2D, Dropout, BatchNormalization };

    /// <summary>The row for an attribute class, or null when it is not one of Dendrite's.</summary>
    public static AttributeSignature? Find(AttributeData attribute)
    {
        string? name = attribute.AttributeClass?.ToDisplayString();
        return All.FirstOrDefault(s => s.MetadataName == name);
    }

    /// <summary>
    /// Checks <paramref name="attribute"/> against <paramref name="signature"/> and returns its values. When the
    /// compiler already reports the application (no constructor bound, an erroneous argument), the result says so
    /// and carries no diagnostic: the user sees the compiler's error, not a second one.
    /// </summary>
    public static AttributeArguments Read(AttributeData attribute, AttributeSignature signature)
    {
        IMethodSymbol? constructor = attribute.AttributeConstructor;
        if (constructor is null
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
        {
            return AttributeArguments.CompilerError;
        }

        string found = attribute.AttributeClass!.ToDisplayString() + "(" + string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString())) + ")";
        bool constructorFits = constructor.Parameters.Length == attribute.ConstructorArguments.Length
            && signature.Constructors.Any(kinds => kinds.Length == constructor.Parameters.Length
                && kinds.Select((kind, i) => Fits(kind, constructor.Parameters[i].Type, attribute.ConstructorArguments[i])).All(fits => fits));
        if (!constructorFits)
        {
            return AttributeArguments.Mismatch(null, found);
        }

        var named = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            (string Name, ArgumentKind Kind)? property = signature.Properties.Where(p => p.Name == argument.Key).Select(p => ((string, ArgumentKind)?)p).FirstOrDefault();
            if (property is null)
            {
                return AttributeArguments.Mismatch(argument.Key, found + " with the named argument " + argument.Key + " (" + TypeName(argument.Value) + ")");
            }

            if (argument.Value.Type is null || !Fits(property.Value.Kind, argument.Value.Type, argument.Value))
            {
                return AttributeArguments.Mismatch(argument.Key, found + " with " + argument.Key + " of type " + TypeName(argument.Value));
            }

            named[argument.Key] = argument.Value.Value;
        }

        return AttributeArguments.Valid(attribute.ConstructorArguments.Select(a => a.Value).ToArray(), named);
    }

    private static string TypeName(TypedConstant constant) => constant.Type?.ToDisplayString() ?? "null";

    /// <summary>The declared type has the expected kind and the value has the CLR type the reader will cast to.</summary>
    private static bool Fits(ArgumentKind kind, ITypeSymbol type, TypedConstant value)
    {
        if (value.Kind == TypedConstantKind.Array)
        {
            return false;
        }

        return kind switch
        {
            ArgumentKind.Int => type.SpecialType == SpecialType.System_Int32 && value.Value is int,
            ArgumentKind.Double => type.SpecialType == SpecialType.System_Double && value.Value is double,
            ArgumentKind.Float => type.SpecialType == SpecialType.System_Single && value.Value is float,
            ArgumentKind.Bool => type.SpecialType == SpecialType.System_Boolean && value.Value is bool,
            ArgumentKind.String => type.SpecialType == SpecialType.System_String && value.Value is null or string,
            _ => type is INamedTypeSymbol { TypeKind: TypeKind.Enum } named
                && named.ToDisplayString() == "Dendrite." + kind
                && value.Value is int,
        };
    }
}
