using System.Collections.Generic;
using System.Collections.Immutable;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Reads [Input] and the layer attributes one at a time, in source order, into specs. Malformed attributes
/// (missing or mistyped arguments, which the compiler already reports) make the network unusable without
/// throwing; out-of-range values become Dendrite diagnostics.
/// </summary>
internal sealed partial class LayerAttributeReader
{
    private readonly INamedTypeSymbol _type;
    private readonly List<DiagnosticInfo> _diagnostics;

    public LayerAttributeReader(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        _type = type;
        _diagnostics = diagnostics;
    }

    public InputSpec? Input { get; private set; }

    public List<LayerSpec> Layers { get; } = new();

    public bool AllWellFormed { get; private set; } = true;

    public void Read(AttributeData attribute)
    {
        string? name = attribute.AttributeClass?.ToDisplayString();
        if (!AttributeNames.IsLayerOrInput(name))
        {
            return;
        }

        ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
        if (attribute.AttributeConstructor is null || HasErrors(args) || !HasExpectedShape(name, args))
        {
            AllWellFormed = false;
            return;
        }

        switch (name)
        {
            case AttributeNames.Input:
                ReadInput(attribute, args);
                break;
            case AttributeNames.Dense:
                ReadDense(attribute, args);
                break;
            case AttributeNames.Conv2D:
            case AttributeNames.MaxPool2D:
            case AttributeNames.Flatten:
                ReadSpatial(name!, attribute); // LayerAttributeReader.Spatial.cs
                break;
        }
    }

    private void ReadInput(AttributeData attribute, ImmutableArray<TypedConstant> args)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        string what = "[Input] on '" + _type.Name + "'";
        if (args.Length == 1)
        {
            int size = (int)args[0].Value!;
            RequirePositive(size, what, "the input size", ArgumentLocations.Constructor(attribute, 0));
            Input = new InputSpec(1, 1, size, IsImage: false, location);
        }
        else if (args.Length == 3)
        {
            int height = (int)args[0].Value!, width = (int)args[1].Value!, channels = (int)args[2].Value!;
            RequirePositive(height, what, "the image height", ArgumentLocations.Constructor(attribute, 0));
            RequirePositive(width, what, "the image width", ArgumentLocations.Constructor(attribute, 1));
            RequirePositive(channels, what, "the channel count", ArgumentLocations.Constructor(attribute, 2));
            Input = new InputSpec(height, width, channels, IsImage: true, location);
        }
    }

    private void ReadDense(AttributeData attribute, ImmutableArray<TypedConstant> args)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        int units = (int)args[0].Value!;
        int activation = args.Length > 1 ? (int)args[1].Value! : 0;
        string what = LayerName("Dense", units, activation);
        RequirePositive(units, what, "the number of units", ArgumentLocations.Constructor(attribute, 0));
        RequireActivation(activation, what, ArgumentLocations.Constructor(attribute, 1));
        Layers.Add(new LayerSpec(LayerType.Dense, units, (ActivationKind)activation, location));
    }

    private string LayerName(string kind, int size, int activation) =>
        "Layer " + (Layers.Count + 1) + ", " + kind + "(" + size + ", " +
        (EnumValues.IsDefined<ActivationKind>(activation) ? ((ActivationKind)activation).ToString() : "(Activation)" + activation) + ")";

    private void RequirePositive(int value, string what, string quantity, LocationInfo? location)
    {
        if (value <= 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, what, quantity, value));
            AllWellFormed = false;
        }
    }

    private void RequireActivation(int activation, string what, LocationInfo? location)
    {
        if (!EnumValues.IsDefined<ActivationKind>(activation))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, location, what, "Activation", EnumValues.List<ActivationKind>(), activation));
            AllWellFormed = false;
        }
    }

    /// <summary>
    /// Attribute classes are matched by name, so a look-alike Dendrite.DenseAttribute declared in user code may
    /// have any constructor. Check the argument count and types before casting: a bad cast would throw, and a
    /// throwing generator loses all its output.
    /// </summary>
    private static bool HasExpectedShape(string? name, ImmutableArray<TypedConstant> args)
    {
        int[] counts = name == AttributeNames.Input ? new[] { 1, 3 } : name == AttributeNames.Dense ? new[] { 1, 2 } : null!;
        if (counts is null)
        {
            return true;
        }

        if (System.Array.IndexOf(counts, args.Length) < 0)
        {
            return false;
        }

        foreach (TypedConstant arg in args)
        {
            if (arg.Value is not int)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasErrors(ImmutableArray<TypedConstant> args)
    {
        foreach (TypedConstant arg in args)
        {
            if (arg.Kind == TypedConstantKind.Error || arg.Value is null)
            {
                return true;
            }
        }

        return false;
    }
}
