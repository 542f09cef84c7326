using System.Globalization;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Dropout: in training, A = A_prev ⊙ M / (1 − rate) with M a 0/1 mask drawn per value, and dA_prev = dA ⊙ M / (1 − rate);
/// in inference the identity, so the inference code and ComputeLoss pass A_prev on in place of A and call nothing
/// (InferenceEmitter, TrainingEmitter). Its two methods differ from the shared layer signatures: they take the step's
/// dropout key and the index of the first sample in the batch instead of the parameters, because the mask is a
/// function of (step, layer, sample index in the batch, value index) — the runtime's DropoutMask — and so the same
/// whichever thread runs which samples.
/// </summary>
/// <remarks>
/// The backward pass recomputes the mask from the same key instead of reading one stored by the forward pass: the hash
/// costs about what loading a stored mask would, and the training workspace, its layout and the weights of other
/// layers' code stay exactly as they are without Dropout.
/// </remarks>
internal static class DropoutLayerEmitter
{
    private const string ReadOnlySpan = Names.ReadOnlySpanOfFloat;
    private const string Span = Names.SpanOfFloat;

    /// <summary>"Dropout(0.5)".</summary>
    public static string Title(DropoutLayerPlan layer) => "Dropout(" + Rate(layer) + ")";

    public static void Write(CodeWriter w, DropoutLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string n = CodeWriter.Int(layer.OutputSize);
        string previous = layer.Index == 1 ? "x" : "A[" + CodeWriter.Int(layer.Index - 1) + "]";
        string rows = layer.Output.IsSpatial ? ConvLayerEmitter.Images(layer.Output) : "samples × " + n;
        w.Line("// ─── Layer " + l + ": " + Title(layer) + ", " + layer.Input + " → " + layer.Output + ", no parameters ───");
        w.Line("//   Training: A[" + l + "] = " + previous + " ⊙ M / (1 − " + Rate(layer) + "), M[s, j] = 0 with probability " + Rate(layer) + ", else 1;");
        w.Line(layer.Index == 1
            ? "//   backward: none (the input takes no gradient)."
            : "//   backward: dA[" + CodeWriter.Int(layer.Index - 1) + "] = dA[" + l + "] ⊙ M / (1 − " + Rate(layer) + "), the same M (recomputed from its key, not stored).");
        w.Line("//   Inference (Predict, PredictBatch, ComputeLoss): the identity; A[" + l + "] is " + previous + ", not a copy of it.");
        w.Line("private const uint " + layer.Name + "Threshold = " + layer.Threshold.ToString(CultureInfo.InvariantCulture) + "u; // value j is kept when its 32-bit hash ≥ round(rate · 2³²)");
        w.Line("private const float " + layer.Name + "Scale = " + CodeWriter.Float(layer.Scale) + "; // 1 / (1 − rate)");
        w.Line();
        w.Line("/// <summary>Layer " + l + " forward in training: keeps each value with probability 1 − " + Rate(layer) + " and scales it by 1 / (1 − " + Rate(layer) + ").</summary>");
        w.Line("/// <param name=\"input\">" + previous + ": " + rows + ".</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: " + rows + ", overwritten.</param>");
        w.Line("/// <param name=\"dropoutKey\">This training step's key (see ComputeGradients).</param>");
        w.Line("/// <param name=\"first\">Index in the batch of the first of these samples: a sample's mask depends on it, not on the thread.</param>");
        w.Line("/// <param name=\"samples\">Rows to compute.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Forward(" + ReadOnlySpan + " input, " + Span + " a, ulong dropoutKey, int first, int samples)");
        WriteLoop(w, layer, "input", "a");
        w.Close();
        w.Line();
        if (layer.Index == 1)
        {
            w.Comment("Layer " + l + " backward: none. It reads the network's input, which has no gradient to receive.");
            w.Line();
            return;
        }

        w.Line("/// <summary>Layer " + l + " backward: the gradient flows through the values the forward pass kept, scaled the same way.</summary>");
        w.Line("/// <param name=\"delta\">dA[" + l + "]: " + rows + ".</param>");
        w.Line("/// <param name=\"inputGradient\">dA[" + CodeWriter.Int(layer.Index - 1) + "]: " + rows + ", overwritten.</param>");
        w.Line("/// <param name=\"dropoutKey\">The key the forward pass used.</param>");
        w.Line("/// <param name=\"first\">Index in the batch of the first of these samples.</param>");
        w.Line("/// <param name=\"samples\">Rows to compute.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Backward(" + ReadOnlySpan + " delta, " + Span + " inputGradient, ulong dropoutKey, int first, int samples)");
        WriteLoop(w, layer, "delta", "inputGradient");
        w.Close();
        w.Line();
    }

    private static void WriteLoop(CodeWriter w, DropoutLayerPlan layer, string source, string target)
    {
        string n = CodeWriter.Int(layer.OutputSize);
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ulong sampleKey = global::Dendrite.DropoutMask.SampleKey(dropoutKey, " + CodeWriter.Int(layer.Index) + ", first + s);");
        w.Line("global::Dendrite.DropoutMask.Apply(" + source + ".Slice(s * " + n + ", " + n + "), " + target + ".Slice(s * " + n + ", " + n + "), sampleKey, "
            + layer.Name + "Threshold, " + layer.Name + "Scale);");
        w.Close();
    }

    private static string Rate(DropoutLayerPlan layer) => layer.Rate.ToString("R", CultureInfo.InvariantCulture);
}
