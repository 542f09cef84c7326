using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Reads the image layers: [Conv2D(filters, kernel, activation)], [MaxPool2D(poolSize)], [AveragePooling2D(poolSize)],
/// [GlobalAveragePooling2D] and [Flatten].
/// </summary>
internal sealed partial class LayerAttributeReader
{
    private void ReadSpatial(AttributeSignature signature, AttributeData attribute, AttributeArguments args)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        if (signature == AttributeSignatures.Flatten)
        {
            Layers.Add(new LayerSpec(LayerType.Flatten, 0, ActivationKind.Linear, location));
            return;
        }

        if (signature == AttributeSignatures.GlobalAveragePooling2D)
        {
            Layers.Add(new LayerSpec(LayerType.GlobalAveragePooling2D, 0, ActivationKind.Linear, location));
            return;
        }

        int? stride = args.NamedInt("Stride");
        int padding = args.NamedInt("Padding") ?? 0;
        if (signature == AttributeSignatures.Conv2D)
        {
            int filters = args.Int(0);
            int kernel = args.Int(1);
            int activation = args.Count > 2 ? args.Int(2) : 0;
            string what = "Layer " + (Layers.Count + 1) + ", Conv2D(" + filters + ", kernel: " + kernel + ")";
            RequirePositive(filters, what, "the number of filters", ArgumentLocations.Constructor(attribute, 0));
            RequirePositive(kernel, what, "the kernel size", ArgumentLocations.Constructor(attribute, 1));
            RequirePositive(stride ?? 1, what, "the stride", ArgumentLocations.Named(attribute, "Stride", valueOnly: true));
            RequireActivation(activation, what, ArgumentLocations.Constructor(attribute, 2));
            RequirePadding(padding, what, ArgumentLocations.Named(attribute, "Padding", valueOnly: true));
            float slope = ReadSlope(attribute, args, activation, what);
            float l2 = ReadL2(attribute, args, what);
            Layers.Add(new LayerSpec(LayerType.Conv2D, filters, (ActivationKind)activation, location, kernel, stride ?? 1, (PaddingKind)padding, Slope: slope, L2: l2));
        }
        else
        {
            // MaxPool2D and AveragePooling2D take the same arguments with the same meaning.
            LayerType type = signature == AttributeSignatures.AveragePooling2D ? LayerType.AveragePooling2D : LayerType.MaxPool2D;
            int pool = args.Int(0);
            string what = "Layer " + (Layers.Count + 1) + ", " + type + "(" + pool + ")";
            RequirePositive(pool, what, "the pool size", ArgumentLocations.Constructor(attribute, 0));
            if (stride is not null && stride.Value != 0)
            {
                // 0 is the documented default ("same as the pool size"); anything else must be a real step.
                RequirePositive(stride.Value, what, "the stride (or 0 for the pool size)", ArgumentLocations.Named(attribute, "Stride", valueOnly: true));
            }

            RequirePadding(padding, what, ArgumentLocations.Named(attribute, "Padding", valueOnly: true));
            Layers.Add(new LayerSpec(type, 0, ActivationKind.Linear, location, pool, stride ?? 0, (PaddingKind)padding));
        }
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
