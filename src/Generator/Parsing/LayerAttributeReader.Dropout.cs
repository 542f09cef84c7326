using System.Globalization;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>Reads [Dropout(rate)]: the rate must be a finite number in [0, 1) (DN0060, on the argument).</summary>
internal sealed partial class LayerAttributeReader
{
    private void ReadDropout(AttributeData attribute, AttributeArguments args)
    {
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        double rate = args.Double(0);

        // Written so that NaN fails too: every comparison with NaN is false.
        if (!(rate >= 0 && rate < 1))
        {
            string found = double.IsNaN(rate) ? "NaN"
                : double.IsInfinity(rate) ? (rate > 0 ? "+∞" : "−∞")
                : rate.ToString("R", CultureInfo.InvariantCulture);
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutRateOutOfRange, ArgumentLocations.Constructor(attribute, 0), Layers.Count + 1, found));
            AllWellFormed = false;
        }

        Layers.Add(new LayerSpec(LayerType.Dropout, 0, ActivationKind.Linear, location, Rate: rate));
    }
}
