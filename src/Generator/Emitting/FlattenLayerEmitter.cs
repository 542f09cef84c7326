using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Flatten: images are stored row-major, channels last, which is already the order a flat vector uses, so the
/// layer is the identity. It copies between its own workspace slots so every layer keeps the same batch-level
/// signature and the training code can treat it like any other layer.
/// </summary>
internal static class FlattenLayerEmitter
{
    public static void Write(CodeWriter w, FlattenLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        bool first = layer.Index == 1;
        string n = CodeWriter.Int(layer.OutputSize);
        w.Line("// Layer " + l + ": Flatten, " + layer.Input + " → " + n + ", no parameters");
        w.Line("//   The HWC image is already row-major, so A[" + l + "][(y·W + x)·C + c] = A_prev[y, x, c]: the identity, and so is its backward.");
        string image = ConvLayerEmitter.Images(layer.Input), flat = "samples × " + n;
        string previous = first ? "x" : "A[" + CodeWriter.Int(layer.Index - 1) + "]";
        w.Line("/// <summary>Layer " + l + " forward: copies the " + n + " values of each sample unchanged.</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read: Flatten has no parameters).</param>");
        w.Line("/// <param name=\"input\">" + previous + ": " + image + ".</param>");
        w.Line("/// <param name=\"z\">Not written: Flatten has no activation.</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + flat + ", the same values in the same order.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Open("private static void " + layer.Name + "Forward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> input, global::System.Span<float> z, global::System.Span<float> a, int samples)");
        w.Line("input.Slice(0, samples * " + n + ").CopyTo(a);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Layer " + l + " backward: the gradient passes through unchanged.</summary>");
        w.Line("/// <param name=\"parameters\">θ (not read).</param>");
        w.Line("/// <param name=\"input\">" + previous + ": " + image + " (not read).</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + flat + " (not read).</param>");
        w.Line("/// <param name=\"delta\">dA[" + l + "]: " + flat + ".</param>");
        if (!first)
        {
            w.Line("/// <param name=\"inputGradient\">dA[" + CodeWriter.Int(layer.Index - 1) + "]: " + image + ", overwritten.</param>");
        }

        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Open("private static void " + layer.Name + "Backward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<float> a, global::System.Span<float> delta"
            + (first ? ", int samples)" : ", global::System.Span<float> inputGradient, int samples)"));
        if (!first)
        {
            w.Line("delta.Slice(0, samples * " + n + ").CopyTo(inputGradient);");
        }

        w.Close();
        w.Line();
    }
}
