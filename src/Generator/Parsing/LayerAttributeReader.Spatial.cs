using System.Collections.Generic;
using System.Collections.Immutable;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>Reads the image layers: [Conv2D(filters, kernel, activation)], [MaxPool2D(poolSize)] and [Flatten].</summary>
internal sealed partial class LayerAttributeReader
{
    private void ReadSpatial(string name, AttributeData attribute)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
        if (name == AttributeNames.Flatten)
        {
            Layers.Add(new LayerSpec(LayerType.Flatten, 0, ActivationKind.Linear, location));
            return;
        }

        (int? stride, int? padding) = ReadWindowOptions(attribute.NamedArguments);
        if (name == AttributeNames.Conv2D)
        {
            int filters = (int)args[0].Value!;
            int kernel = (int)args[1].Value!;
            int activation = args.Length > 2 ? (int)args[2].Value! : 0;
            string what = "Layer " + (Layers.Count + 1) + ", Conv2D(" + filters + ", kernel: " + kernel + ")";
            RequirePositive(filters, what, "the number of filters", ArgumentLocations.Constructor(attribute, 0));
            RequirePositive(kernel, what, "the kernel size", ArgumentLocations.Constructor(attribute, 1));
            RequirePositive(stride ?? 1, what, "the stride", ArgumentLocations.Named(attribute, "Stride", valueOnly: true));
            RequireActivation(activation, what, ArgumentLocations.Constructor(attribute, 2));
            RequirePadding(padding ?? 0, what, ArgumentLocations.Named(attribute, "Padding", valueOnly: true));
            Layers.Add(new LayerSpec(LayerType.Conv2D, filters, (ActivationKind)activation, location, kernel, stride ?? 1, (PaddingKind)(padding ?? 0)));
        }
        else
        {
            int pool = (int)args[0].Value!;
            string what = "Layer " + (Layers.Count + 1) + ", MaxPool2D(" + pool + ")";
            RequirePositive(pool, what, "the pool size", ArgumentLocations.Constructor(attribute, 0));
            if (stride is not null && stride.Value != 0)
            {
                // 0 is the documented default ("same as the pool size"); anything else must be a real step.
                RequirePositive(stride.Value, what, "the stride (or 0 for the pool size)", ArgumentLocations.Named(attribute, "Stride", valueOnly: true));
            }

            RequirePadding(padding ?? 0, what, ArgumentLocations.Named(attribute, "Padding", valueOnly: true));
            Layers.Add(new LayerSpec(LayerType.MaxPool2D, 0, ActivationKind.Linear, location, pool, stride ?? 0, (PaddingKind)(padding ?? 0)));
        }
    }

    private (int? Stride, int? Padding) ReadWindowOptions(ImmutableArray<KeyValuePair<string, TypedConstant>> named)
    {
        int? stride = null, padding = null;
        foreach (KeyValuePair<string, TypedConstant> argument in named)
        {
            if (argument.Value.Kind == TypedConstantKind.Error || argument.Value.Value is not int value)
            {
                AllWellFormed = false;
                continue;
            }

            if (argument.Key == "Stride")
            {
                stride = value;
            }
            else if (argument.Key == "Padding")
            {
                padding = value;
            }
        }

        return (stride, padding);
    }

    private void RequirePadding(int padding, string what, LocationInfo? location)
    {
        if (!EnumValues.IsDefined<PaddingKind>(padding))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, location, what, "Padding", EnumValues.List<PaddingKind>(), padding));
            AllWellFormed = false;
        }
    }
}
