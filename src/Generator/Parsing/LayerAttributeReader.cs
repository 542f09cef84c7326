using System.Collections.Generic;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Reads [Input] and the layer attributes, in source order, into specs. Each attribute first passes the signature
/// guard (<see cref="AttributeSignatures"/>): applications the compiler already rejects make the network unusable
/// without a second error, look-alikes that compile but do not match get DN0014. Then order and count are checked
/// (a layer before [Input]: DN0015; a second [Input]: DN0016) and out-of-range values become Dendrite diagnostics.
/// Nothing written in a layer attribute is ignored without a diagnostic.
/// </summary>
internal sealed partial class LayerAttributeReader
{
    private readonly INamedTypeSymbol _type;
    private readonly List<DiagnosticInfo> _diagnostics;
    private AttributeData? _firstInput;

    public LayerAttributeReader(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        _type = type;
        _diagnostics = diagnostics;
    }

    public InputSpec? Input { get; private set; }

    public List<LayerSpec> Layers { get; } = new();

    public bool AllWellFormed { get; private set; } = true;

    /// <summary>
    /// Every [Input] and layer attribute made it into the spec. When one was dropped (the compiler rejects it, it is a
    /// look-alike, it comes before [Input], it is a second [Input]) the layer list has a gap, and judging its shapes or
    /// its loss would report errors the user did not make: the validator then stays quiet.
    /// </summary>
    public bool Complete { get; private set; } = true;

    /// <summary>An [Input] attribute was written, even a malformed one (so "no [Input]", DN0002, would be wrong).</summary>
    public bool InputDeclared { get; private set; }

    /// <summary>Layer attributes written, well-formed or not (so "no layers", DN0003, would be wrong).</summary>
    public int LayersDeclared { get; private set; }

    /// <summary>Reads the attributes of the [Network] declaration, in source order.</summary>
    public void ReadAll(IReadOnlyList<AttributeData> attributes, System.Threading.CancellationToken cancellationToken)
    {
        // Layer order is attribute order and the first layer reads the input, so [Input] comes first. A layer before it
        // would otherwise be silently moved after it.
        AttributeData? input = null;
        foreach (AttributeData attribute in attributes)
        {
            if (AttributeSignatures.Find(attribute) == AttributeSignatures.Input)
            {
                input = attribute;
                break;
            }
        }

        bool inputSeen = false;
        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeSignature? signature = AttributeSignatures.Find(attribute);
            if (signature is null || signature == AttributeSignatures.Network)
            {
                continue;
            }

            if (signature == AttributeSignatures.Input)
            {
                inputSeen = true;
                InputDeclared = true;
            }
            else
            {
                LayersDeclared++;
                if (!inputSeen && input is not null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerBeforeInput, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()), _type.Name, Text(attribute), Text(input)));
                    AllWellFormed = false;
                    Complete = false;
                    continue;
                }
            }

            Read(attribute, signature);
        }
    }

    private void Read(AttributeData attribute, AttributeSignature signature)
    {
        AttributeArguments args = AttributeSignatures.Read(attribute, signature);
        if (!args.Ok)
        {
            if (!args.IsCompilerError)
            {
                ReportMismatch(attribute, signature, args, _type.Name, _diagnostics);
            }

            AllWellFormed = false;
            Complete = false;
            return;
        }

        if (signature == AttributeSignatures.Input)
        {
            ReadInput(attribute, args);
        }
        else if (signature == AttributeSignatures.Dense)
        {
            ReadDense(attribute, args);
        }
        else if (signature == AttributeSignatures.Dropout)
        {
            ReadDropout(attribute, args); // LayerAttributeReader.Dropout.cs
        }
        else if (signature == AttributeSignatures.BatchNormalization)
        {
            ReadBatchNormalization(attribute, args);
        }
        else
        {
            ReadSpatial(signature, attribute, args); // LayerAttributeReader.Spatial.cs
        }
    }

    /// <summary>DN0014 on the attribute (or on the named argument that does not fit).</summary>
    public static void ReportMismatch(AttributeData attribute, AttributeSignature signature, AttributeArguments args, string typeName, List<DiagnosticInfo> diagnostics)
    {
        LocationInfo? location = args.MismatchedArgument is null
            ? LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax())
            : ArgumentLocations.Named(attribute, args.MismatchedArgument, valueOnly: false);
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AttributeSignatureMismatch, location, signature.Name, typeName, signature.Expected, args.Found!));
    }

    /// <summary>"Dense(3)": the attribute as written, for messages.</summary>
    public static string Text(AttributeData attribute) =>
        "[" + (attribute.ApplicationSyntaxReference?.GetSyntax().ToString() ?? attribute.AttributeClass?.Name ?? "?") + "]";

    private void ReadInput(AttributeData attribute, AttributeArguments args)
    {
        if (_firstInput is not null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAttribute, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()), _type.Name, "[Input]", Text(_firstInput) + " and then " + Text(attribute)));
            AllWellFormed = false;
            Complete = false;
            return;
        }

        _firstInput = attribute;
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        string what = "[Input] on '" + _type.Name + "'";
        if (args.Count == 1)
        {
            int size = args.Int(0);
            RequirePositive(size, what, "the input size", ArgumentLocations.Constructor(attribute, 0));
            Input = new InputSpec(1, 1, size, IsImage: false, location);
        }
        else
        {
            int height = args.Int(0), width = args.Int(1), channels = args.Int(2);
            RequirePositive(height, what, "the image height", ArgumentLocations.Constructor(attribute, 0));
            RequirePositive(width, what, "the image width", ArgumentLocations.Constructor(attribute, 1));
            RequirePositive(channels, what, "the channel count", ArgumentLocations.Constructor(attribute, 2));
            Input = new InputSpec(height, width, channels, IsImage: true, location);
        }
    }

    private void ReadDense(AttributeData attribute, AttributeArguments args)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        int units = args.Int(0);
        int activation = args.Count > 1 ? args.Int(1) : 0;
        string what = LayerName("Dense", units, activation);
        RequirePositive(units, what, "the number of units", ArgumentLocations.Constructor(attribute, 0));
        RequireActivation(activation, what, ArgumentLocations.Constructor(attribute, 1));
        float slope = ReadSlope(attribute, args, activation, what);
        float l2 = ReadL2(attribute, args, what);
        Layers.Add(new LayerSpec(LayerType.Dense, units, (ActivationKind)activation, location, Slope: slope, L2: l2));
    }

    private void ReadBatchNormalization(AttributeData attribute, AttributeArguments args)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        int activation = args.NamedInt("Activation") ?? 0;
        string name = "Layer " + (Layers.Count + 1) + ", BatchNormalization";
        LocationInfo? activationLocation = ArgumentLocations.Named(attribute, "Activation", valueOnly: true);
        RequireActivation(activation, name, activationLocation);
        if (EnumValues.IsDefined<ActivationKind>(activation) && ActivationTraits.DerivativeNeedsZ((ActivationKind)activation))
        {
            // The backward pass keeps x̂, not Z, and computes g' from A: these four need Z.
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormalizationActivationNeedsZ, activationLocation ?? location, name, ((ActivationKind)activation).ToString()));
        }

        // No Slope property on BatchNormalization: a LeakyReLU there has Keras' default slope.
        float slope = activation == (int)ActivationKind.LeakyReLU ? DefaultSlope : 0f;
        Layers.Add(new LayerSpec(LayerType.BatchNormalization, 0, (ActivationKind)activation, location, Slope: slope));
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

    /// <summary>Keras 3's default negative slope of LeakyReLU, used when the layer does not set Slope: the fingerprint's constant.</summary>
    public const float DefaultSlope = Weights.Format.ArchitectureText.DefaultLeakyReLUSlope;

    /// <summary>
    /// LeakyReLU's slope: the declared one, which must be finite and ≥ 0 (DN0050), or <see cref="DefaultSlope"/>. Any
    /// other activation takes none, so a Slope set with it is DN0051 rather than silently ignored. 0 when there is none.
    /// </summary>
    private float ReadSlope(AttributeData attribute, AttributeArguments args, int activation, string what)
    {
        float? slope = args.NamedFloat("Slope");
        if ((ActivationKind)activation != ActivationKind.LeakyReLU)
        {
            if (slope is not null && EnumValues.IsDefined<ActivationKind>(activation))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SlopeWithoutLeakyReLU, ArgumentLocations.Named(attribute, "Slope", valueOnly: false), what, SlopeText(slope.Value), (ActivationKind)activation));
                AllWellFormed = false;
            }

            return 0f;
        }

        if (slope is null)
        {
            return DefaultSlope;
        }

        // !(x >= 0) also catches NaN.
        if (!(slope.Value >= 0f) || float.IsInfinity(slope.Value))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SlopeOutOfRange, ArgumentLocations.Named(attribute, "Slope", valueOnly: true), what, SlopeText(slope.Value)));
            AllWellFormed = false;
            return DefaultSlope;
        }

        return slope.Value;
    }

    /// <summary>"0.1", "-1", "float.NaN", "float.PositiveInfinity": a slope as the messages show it.</summary>
    private static string SlopeText(float slope) => float.IsPositiveInfinity(slope)
        ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(slope) ? "float.NegativeInfinity" : float.IsNaN(slope) ? "float.NaN" : slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The declared L2 factor (0 when not written); DN0070 on the value when it is negative, NaN or infinite.</summary>
    private float ReadL2(AttributeData attribute, AttributeArguments args, string what)
    {
        float l2 = args.NamedFloat("L2") ?? 0f;
        if (l2 >= 0f && !float.IsInfinity(l2))
        {
            return l2;
        }

        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidL2, ArgumentLocations.Named(attribute, "L2", valueOnly: true), what, l2.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        AllWellFormed = false;
        return 0f;
    }

    private void RequireActivation(int activation, string what, LocationInfo? location)
    {
        if (!EnumValues.IsDefined<ActivationKind>(activation))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, location, what, "Activation", EnumValues.List<ActivationKind>(), activation));
            AllWellFormed = false;
        }
    }
}
