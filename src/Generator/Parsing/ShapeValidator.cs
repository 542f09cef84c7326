using System.Collections.Generic;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Walks the layers with the shapes <see cref="NetworkGeometry"/> computed (the same ones the planner lays out) and
/// reports every layer whose input shape it cannot take: windows larger than their input, image layers (including
/// GlobalAveragePooling2D) after flat ones, Dense straight after an image layer (we ask for an explicit [Flatten]
/// rather than guess: Keras would apply Dense to the last axis only), and an output layer that is not Dense.
/// </summary>
/// <remarks>
/// Choices documented in docs/diagnostics.md: a window that does not divide its input evenly is not an error —
/// as in Keras, the last rows or columns no window covers are dropped (the generated header says so); a Dense
/// layer directly after an image <em>input</em> reads the pixels in their row-major order (an implicit flatten,
/// as the MLP samples do with 28×28 images). GlobalAveragePooling2D's output is a vector, so Dense may follow it
/// directly. Channel counts cannot disagree: a Conv2D takes its input channels from the layer before it.
/// </remarks>
internal static class ShapeValidator
{
    public static bool Validate(NetworkSpec spec, NetworkGeometry geometry, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        string producer = "[Input(" + geometry.Input + ")]";
        bool producerIsLayer = false;
        for (int i = 0; i < geometry.Layers.Count; i++)
        {
            LayerGeometry step = geometry.Layers[i];
            LayerSpec layer = step.Layer;
            Extent shape = step.Input;
            string name = Capitalised(NetworkValidator.Describe(layer, i));
            if (layer.Type == LayerType.Dropout)
            {
                // Dropout takes any shape and gives it back unchanged: to the rules below, the layer after it reads what
                // the layer before it produced (an image input stays an input a Dense layer may read as a vector).
                continue;
            }

            switch (layer.Type)
            {
                case LayerType.BatchNormalization when i == 0 || geometry.Layers[i - 1].Layer.Type is not (LayerType.Dense or LayerType.Conv2D):
                    // Normalising the raw input or a reshuffle (Flatten) or pooling of a normalised layer is not
                    // supported: normalisation belongs to the layer whose pre-activations it rescales.
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormalizationWithoutLayer, layer.Location, name, producer));
                    return false;
                case LayerType.Dense when shape.IsSpatial && producerIsLayer:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DenseAfterSpatialWithoutFlatten, layer.Location, name, producer, shape));
                    return false;
                case LayerType.GlobalAveragePooling2D when !shape.IsSpatial:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SpatialLayerAfterFlat, layer.Location, name, producer + " with " + shape.Size + " flat values"));
                    return false;
                case LayerType.Conv2D:
                case LayerType.MaxPool2D:
                case LayerType.AveragePooling2D:
                    if (!shape.IsSpatial)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SpatialLayerAfterFlat, layer.Location, name, producer + " with " + shape.Size + " flat values"));
                        return false;
                    }

                    if (layer.Padding == PaddingKind.Valid && (step.Kernel > shape.Height || step.Kernel > shape.Width))
                    {
                        long fits = System.Math.Min(shape.Height, shape.Width);
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WindowLargerThanInput, layer.Location, name, layer.KernelSize, shape, fits));
                        return false;
                    }

                    break;
            }

            producer = NetworkValidator.Describe(layer, i);
            producerIsLayer = true;
        }

        LayerSpec output = spec.Layers[spec.Layers.Count - 1];
        if (output.Type == LayerType.Dropout)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutAsOutput, output.Location, NetworkValidator.Describe(output, spec.Layers.Count - 1)));
        }
        else if (output.Type == LayerType.BatchNormalization)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormalizationAsOutput, output.Location, NetworkValidator.Describe(output, spec.Layers.Count - 1)));
        }
        else if (output.Type != LayerType.Dense)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputLayerNotDense, output.Location, NetworkValidator.Describe(output, spec.Layers.Count - 1)));
        }

        return diagnostics.Count == before;
    }

    /// <summary>False when a size is not positive (already reported as DN0004): no shape can be derived from it.</summary>
    public static bool HasPositiveSizes(NetworkSpec spec)
    {
        if (spec.Input.Height <= 0 || spec.Input.Width <= 0 || spec.Input.Channels <= 0)
        {
            return false;
        }

        foreach (LayerSpec layer in spec.Layers)
        {
            bool positive = layer.Type switch
            {
                LayerType.Dense => layer.Units > 0,
                LayerType.Conv2D => layer.Units > 0 && layer.KernelSize > 0 && layer.Stride > 0,
                LayerType.MaxPool2D or LayerType.AveragePooling2D => layer.KernelSize > 0 && NetworkGeometry.EffectiveStride(layer) > 0,
                _ => true,
            };
            if (!positive)
            {
                return false;
            }
        }

        return true;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
