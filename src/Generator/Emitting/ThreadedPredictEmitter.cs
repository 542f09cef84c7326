using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// <c>Predict(input, output, maxThreads)</c>, written into the plumbing file: one sample whose large first layer is
/// computed in two parts, the second on a helper thread when it is free (the runtime's <c>FirstLayerSharing</c>), and
/// the <c>FirstLayerParts</c> object that hands the parts over. The readable file's Forward takes the parts object.
/// </summary>
internal static class ThreadedPredictEmitter
{
    /// <summary>The nested class implementing <c>IFirstLayerParts</c> (networks whose Predict may share layer 1).</summary>
    public const string FirstLayerPartsClass = "FirstLayerParts";

    /// <summary>The threaded single-sample Predict's parameters, as the plumbing file and the stand-in surface declare them.</summary>
    public const string Signature = "Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int maxThreads)";

    /// <summary>The network's field holding its one <see cref="FirstLayerPartsClass"/>.</summary>
    public const string FirstLayerPartsField = "_firstLayerParts";

    /// <summary>
    /// Predict(input, output, maxThreads), on every network so that the surface does not depend on the layer sizes; it
    /// splits layer 1 only where <see cref="NetworkPlan.FirstLayerSharedInPredict"/> allows, and says so in its comment.
    /// </summary>
    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        DenseLayerPlan? shared = plan.FirstLayerSharedInPredict;
        DenseLayerPlan? second = plan.SecondLayerSharedInPredict;
        string name = CodeWriter.Identifier(plan.Spec.ClassName);
        w.Line("// ───────────────────────────── One sample on two threads ─────────────────────────────");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs the network on one sample, as <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> does and with the same");
        if (shared is not null)
        {
            w.Line("/// bits, on up to <paramref name=\"maxThreads\"/> threads: with 2 or more, a Dendrite helper thread computes " + HelperUnits(shared));
            if (second is not null)
            {
                w.Line("/// and " + HelperUnits(second) + " when it is free, so that each core reads half of each layer's weights");
                w.Line("/// (<see cref=\"global::Dendrite.FirstLayerSharing\"/>). Safe to call from several threads at once; allocation-free.");
            }
            else
            {
                w.Line("/// when it is free, so that each core reads half of the layer's weights (<see cref=\"global::Dendrite.FirstLayerSharing\"/>). Safe to call");
                w.Line("/// from several threads at once; allocation-free.");
            }
        }
        else
        {
            w.Line("/// bits. This network's first layer is too small or of a kind that one call does not split (see the comment in the body), so the");
            w.Line("/// calling thread computes it all whatever <paramref name=\"maxThreads\"/> allows; the method is declared on every network so that code");
            w.Line("/// written for one compiles for all (<see cref=\"global::Dendrite.FirstLayerSharing\"/>).");
        }

        w.Line("/// </summary>");
        w.Line("/// <param name=\"input\">The sample: exactly <see cref=\"InputSize\"/> values.</param>");
        w.Line("/// <param name=\"output\">Receives the <see cref=\"OutputSize\"/> outputs.</param>");
        w.Line("/// <param name=\"maxThreads\">Most threads the call uses, the caller's included, at least 1.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or <paramref name=\"maxThreads\"/> is below 1 (<see cref=\"global::System.ArgumentOutOfRangeException\"/>).</exception>");
        w.Open("public void " + Signature);
        w.Line("RequireLength(input.Length, InputSize, \"input\");");
        w.Line("RequireLength(output.Length, OutputSize, \"output\");");
        if (shared is null)
        {
            string why = plan.FirstLayerByUnits is { } first
                ? "layer 1 has " + CodeWriter.Int(first.InputSize * first.Units) + " weights, fewer than FirstLayerSharing.MinimumWeights: handing half to another core would cost more than it saves"
                : "layer 1 is not a Dense layer split by units, so the calling thread computes it all";
            w.Line("_ = global::Dendrite.FirstLayerSharing.Allows(maxThreads); // checks maxThreads; " + why);
            w.Line("Forward(_parameters, input, output, output, 1);");
            w.Close();
            w.Line();
            return;
        }

        w.Line("Forward(_parameters, input, output, output, 1, global::Dendrite.FirstLayerSharing.Allows(maxThreads) ? " + FirstLayerPartsField + " ??= new " + FirstLayerPartsClass + "(this) : null);");
        w.Close();
        w.Line();
        w.Comment("Made once per network, shared by every call: it holds nothing but the network (each call's sample reaches the helper");
        w.Comment("through FirstLayerSharing.Run). Two threads that race to create it each get an equivalent one.");
        w.Line("private " + FirstLayerPartsClass + "? " + FirstLayerPartsField + ";");
        w.Line();
        int cut = PredictCut(shared);
        w.Summary(second is null
            ? "Layer 1 of one sample in two parts, units [0, " + CodeWriter.Int(cut) + ") and [" + CodeWriter.Int(cut) + ", " + CodeWriter.Int(shared.Units) + "): the same values as " + shared.Name + "Forward."
            : "Layers 1 and 2 of one sample, each in two parts: units [0, " + CodeWriter.Int(cut) + ") and [" + CodeWriter.Int(cut) + ", " + CodeWriter.Int(shared.Units) + ") of layer 1, [0, " + CodeWriter.Int(PredictCut(second)) + ") and ["
                + CodeWriter.Int(PredictCut(second)) + ", " + CodeWriter.Int(second.Units) + ") of layer 2: the same values as " + shared.Name + "Forward and " + second.Name + "Forward.");
        w.Open("private sealed class " + FirstLayerPartsClass + " : global::Dendrite." + (second is null ? "IFirstLayerParts" : "IFirstTwoLayerParts"));
        w.Line("private const int Cut = " + CodeWriter.Int(cut) + ";");
        if (second is not null)
        {
            w.Line("private const int SecondCut = " + CodeWriter.Int(PredictCut(second)) + ";");
        }

        NetworkHolderEmitter.Write(w, FirstLayerPartsClass, name);
        w.Line("public void ForwardFirstLayerPart(global::System.ReadOnlySpan<float> input, global::System.Span<float> activations, int part) =>");
        w.Line("    " + shared.Name + "ForwardUnitRange(network._parameters, input, activations, activations, 1, part == 0 ? 0 : Cut, part == 0 ? Cut : " + CodeWriter.Int(shared.Units) + ");");
        if (second is not null)
        {
            w.Line();
            w.Line("public void ForwardSecondLayerPart(global::System.ReadOnlySpan<float> firstLayerActivations, global::System.Span<float> activations, int part) =>");
            w.Line("    " + second.Name + "ForwardUnitRange(network._parameters, firstLayerActivations, activations, activations, 1, part == 0 ? 0 : SecondCut, part == 0 ? SecondCut : " + CodeWriter.Int(second.Units) + ");");
        }

        w.Close();
        w.Line();
        if (second is not null)
        {
            DenseLayerEmitter.WriteForwardUnitRange(w, second);
        }
    }

    /// <summary>"units 128 to 255 of layer 1": the helper's part of a shared layer.</summary>
    private static string HelperUnits(DenseLayerPlan layer) =>
        "units " + CodeWriter.Int(PredictCut(layer)) + " to " + CodeWriter.Int(layer.Units - 1) + " of layer " + CodeWriter.Int(layer.Index);

    /// <summary>
    /// Where part 0 (the calling thread, which then runs the later layers) ends: half the units. Measured on B with the
    /// helper's part of layer 1 8 and 16 units smaller (predict-times B 2): p50 5.2 and 5.4–5.6 µs against 5.2–5.3 for
    /// halves; with its part of layer 2 8 units larger: back-to-back medians 5.93–6.13 µs against 5.89–6.08 for halves.
    /// </summary>
    private static int PredictCut(DenseLayerPlan layer) => layer.Units / 2;
}
