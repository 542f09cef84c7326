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
        long height = input.Height, width = input.Width, channels = input.Channels; // cnn: image layers change all three
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            long inputChannels = channels;
            if (layer.Type == LayerType.Dense ? layer.Units <= 0 : !ImageLayerSizes(layer, ref height, ref width, ref channels))
            {
                return; // DN0004 already reported
            }

            string where = NetworkValidator.Describe(layer, i);
            // cnn: a layer's output values and parameters depend on its type (Conv2D: k·k·c_in·filters + filters).
            long outputs = layer.Type == LayerType.Dense ? layer.Units : layer.Type == LayerType.Flatten ? previous : height * width * channels;
            parameters += layer.Type switch
            {
                LayerType.Dense => (previous * layer.Units) + layer.Units,
                LayerType.Conv2D => ((long)layer.KernelSize * layer.KernelSize * inputChannels * layer.Units) + layer.Units,
                _ => 0,
            };
            workspace += 2L * outputs;
            bool isOutput = i == spec.Layers.Count - 1;
            hidden += isOutput ? 0 : outputs;
            if (parameters > MaxArrayLength)
            {
                Report(spec, layer.Location, where, MaxArrayLength, "parameters (the longest .NET array)", parameters, diagnostics);
                return;
            }

            // The training workspace also keeps the output logits once more.
            if (workspace + (isOutput ? outputs : 0) > MaxArrayLength)
            {
                Report(spec, layer.Location, where, MaxArrayLength, "workspace values per training sample (the longest .NET array)", workspace + (isOutput ? outputs : 0), diagnostics);
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

            previous = outputs;
            if (layer.Type == LayerType.Dense || layer.Type == LayerType.Flatten)
            {
                height = 1;
                width = 1;
                channels = outputs;
            }
        }
    }

    /// <summary>cnn: the next height, width and channels after a Conv2D or MaxPool2D (Flatten keeps them); false for a non-positive size.</summary>
    private static bool ImageLayerSizes(LayerSpec layer, ref long height, ref long width, ref long channels)
    {
        if (layer.Type == LayerType.Flatten)
        {
            return true;
        }

        int stride = WindowRules.EffectiveStride(layer);
        if (layer.KernelSize <= 0 || stride <= 0 || (layer.Type == LayerType.Conv2D && layer.Units <= 0))
        {
            return false;
        }

        height = WindowRules.OutputSide((int)height, layer.KernelSize, stride, layer.Padding);
        width = WindowRules.OutputSide((int)width, layer.KernelSize, stride, layer.Padding);
        channels = layer.Type == LayerType.Conv2D ? layer.Units : channels;
        return true;
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
