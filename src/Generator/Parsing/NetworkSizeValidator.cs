using System.Collections.Generic;
using System.Globalization;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Rejects networks whose sizes do not fit the int constants and single arrays the generated code uses. The sums
/// are taken in 64 bits: in 32 bits Dense(int.MaxValue) would wrap to a negative ParameterCount and the generated
/// file would fail to compile with errors the user cannot act on (or, worse, a wrong size would compile).
/// </summary>
internal static class NetworkSizeValidator
{
    /// <summary>The longest array .NET allows (Array.MaxLength); parameters, inputs and workspaces are single arrays.</summary>
    public const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>
    /// Samples per chunk of batched inference: the generated code keeps every hidden activation of this many samples
    /// in one array whose length is a constant expression, so the hidden units times this must fit an int.
    /// </summary>
    public const int InferenceChunk = 64;

    public static void Validate(NetworkSpec spec, List<DiagnosticInfo> diagnostics)
    {
        InputSpec input = spec.Input;
        long inputSize = (long)input.Height * input.Width * input.Channels;
        if (input.Height <= 0 || input.Width <= 0 || input.Channels <= 0)
        {
            return; // DN0004 already reported
        }

        if (inputSize > MaxArrayLength)
        {
            Report(spec, input.Location, "[Input]", MaxArrayLength, "values per input sample (the longest .NET array)", inputSize, diagnostics);
            return;
        }

        long parameters = 0, workspace = 0, hidden = 0;
        long previous = inputSize;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            if (layer.Units <= 0)
            {
                return; // DN0004 already reported
            }

            string where = NetworkValidator.Describe(layer, i);
            parameters += (previous * layer.Units) + layer.Units;
            workspace += 2L * layer.Units;
            bool isOutput = i == spec.Layers.Count - 1;
            hidden += isOutput ? 0 : layer.Units;
            if (parameters > MaxArrayLength)
            {
                Report(spec, layer.Location, where, MaxArrayLength, "parameters (the longest .NET array)", parameters, diagnostics);
                return;
            }

            // The training workspace also keeps the output logits once more.
            if (workspace + (isOutput ? layer.Units : 0) > MaxArrayLength)
            {
                Report(spec, layer.Location, where, MaxArrayLength, "workspace values per training sample (the longest .NET array)", workspace + layer.Units, diagnostics);
                return;
            }

            if (hidden * InferenceChunk > int.MaxValue)
            {
                Report(
                    spec,
                    layer.Location,
                    where,
                    int.MaxValue / InferenceChunk,
                    "hidden units in total (inference keeps the hidden activations of " + InferenceChunk.ToString(CultureInfo.InvariantCulture) + " samples in one array)",
                    hidden,
                    diagnostics);
                return;
            }

            previous = layer.Units;
        }
    }

    private static void Report(NetworkSpec spec, LocationInfo? location, string where, long limit, string quantity, long found, List<DiagnosticInfo> diagnostics) =>
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.NetworkTooLarge,
            location,
            spec.ClassName,
            where,
            limit.ToString("N0", CultureInfo.InvariantCulture),
            quantity,
            found.ToString("N0", CultureInfo.InvariantCulture)));
}
