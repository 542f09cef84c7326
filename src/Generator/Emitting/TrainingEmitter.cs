using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>Fit, Evaluate, and the per-batch forward/loss/backward that the runtime's training loop calls.</summary>
internal static class TrainingEmitter
{
    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        w.Line("// ───────────────────────────── Training ─────────────────────────────");
        w.Line();
        WriteFitAndEvaluate(w, plan);
        DropoutStreamEmitter.Write(w, plan);
        WriteComputeGradients(w, plan);
        WriteComputeLoss(w, plan);
    }

    private static void WriteFitAndEvaluate(CodeWriter w, NetworkPlan plan)
    {
        string targetType = plan.UsesLabels ? "global::System.ReadOnlySpan<int> labels" : "global::System.ReadOnlySpan<float> targets";
        string targetBatch = plan.UsesLabels ? "global::Dendrite.TargetBatch.FromLabels(labels)" : "global::Dendrite.TargetBatch.FromValues(targets)";
        string targetDoc = plan.UsesLabels
            ? "/// <param name=\"labels\">One class index in [0, <see cref=\"OutputSize\"/>) per sample.</param>"
            : "/// <param name=\"targets\">Row-major targets: samples × <see cref=\"OutputSize\"/> values.</param>";

        w.Line("/// <summary>");
        w.Line("/// Trains the network with " + Names.LossTitle(plan.Spec.Loss, plan.Spec.FromLogits) + ": each epoch reshuffles (seeded) and takes one optimizer");
        w.Line("/// step per batch. Arguments are checked before the first step, so a refused call leaves the weights untouched.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Row-major samples: samples × <see cref=\"InputSize\"/> values.</param>");
        w.Line(targetDoc);
        w.Line("/// <param name=\"options\">Epochs, batch size, optimizer, validation; Keras' defaults when null.</param>");
        w.Line("/// <returns>Loss" + (plan.IsClassifier ? " and accuracy" : string.Empty) + " per epoch, and why training stopped.</returns>");
        w.Line("public global::Dendrite.TrainingHistory Fit(global::System.ReadOnlySpan<float> inputs, " + targetType + ", global::Dendrite.FitOptions? options = null) =>");
        w.Line("    global::Dendrite.NetworkTrainer.Fit(this, inputs, " + targetBatch + ", options);");
        w.Line();
        w.Line("/// <summary>Average loss" + (plan.IsClassifier ? " and accuracy" : string.Empty) + " on a set of samples, computed as training computes them.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major samples: samples × <see cref=\"InputSize\"/> values.</param>");
        w.Line(targetDoc);
        w.Line("public global::Dendrite.EvaluationResult Evaluate(global::System.ReadOnlySpan<float> inputs, " + targetType + ") =>");
        w.Line("    global::Dendrite.NetworkTrainer.Evaluate(this, inputs, " + targetBatch + ");");
        w.Line();
    }

    private static void WriteComputeGradients(CodeWriter w, NetworkPlan plan)
    {
        long multiplyAdds = 0;
        foreach (LayerPlan layer in plan.Layers)
        {
            multiplyAdds += TrainingPartPlanner.MultiplyAdds(layer);
        }

        w.Comment("Multiply-adds of one sample's forward pass (PredictBatch's work per sample); each phase of a training step does about as much.");
        w.Line("private const long MultiplyAddsPerSample = " + multiplyAdds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Forward, loss and backward over a batch: overwrites <paramref name=\"gradients\"/> with ∂cost/∂θ (cost = average loss),");
        w.Line("/// writes the outputs, returns the sum of the losses. Arguments are checked as <c>Fit</c> checks them (<see cref=\"global::Dendrite.BatchArguments\"/>).");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        DenseLayerPlan? byUnits = plan.FirstLayerByUnits;
        if (plan.HasBatchNormalization && byUnits is not null)
        {
            w.Line("/// Phase 0, per unit: layer 1's forward pass. Phase 1: the rest of the forward pass, loss gradient, dZ of every layer, in");
            w.Line("/// parts (TrainingPart): by samples, and BatchNormalization's sums over the batch (its statistics, dβ and dγ) on one");
            w.Line("/// thread. Phase 2, per unit: dW and db, summed over the batch in sample order. Threads split the parts by samples and");
            w.Line("/// phases 0 and 2 by units at the same places, so the result is bit-identical for any count.");
        }
        else if (plan.HasBatchNormalization)
        {
            w.Line("/// Phase 1: forward, loss gradient, dZ of every layer, in parts (TrainingPart): by samples, and BatchNormalization's sums");
            w.Line("/// over the batch (its statistics, dβ and dγ) on one thread. Phase 2, per unit: dW and db, summed over the batch in sample");
            w.Line("/// order. Threads split the parts by samples and phase 2 by units, so the result is bit-identical for any count.");
        }
        else if (byUnits is not null)
        {
            w.Line("/// Phase 0, per unit: layer 1's forward pass. Phase 1, per sample: the rest of the forward pass, loss gradient, dZ of");
            w.Line("/// every layer. Phase 2, per unit: dW and db, summed over the batch in sample order. Threads split phases 0 and 2 by units");
            w.Line("/// at the same places (each keeps its own rows of W[1]) and phase 1 by samples, so the result is bit-identical for any count.");
        }
        else
        {
            w.Line("/// Phase 1, per sample: forward, loss gradient, dZ of every layer. Phase 2, per unit: dW and db, summed over the batch");
            w.Line("/// in sample order. Threads split phase 1 by samples and phase 2 by units, so the result is bit-identical for any count.");
        }

        w.Line("/// </remarks>");

        w.Open("public float ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, global::System.Span<float> gradients, global::System.Span<float> outputs)");
        w.Line("int m = global::Dendrite.BatchArguments.CheckComputeGradients<" + CodeWriter.Identifier(plan.Spec.ClassName) + ">(inputs, targets, gradients, outputs);");
        w.Line("global::System.Span<float> workspace = TrainingWorkspace(m);");
        w.Line("int threads = global::System.Math.Min(global::Dendrite.Parallelism.ThreadsFor(m * MultiplyAddsPerSample), m);");
        DropoutStreamEmitter.WriteNextKey(w, plan);
        w.Open("if (threads <= 1)");
        if (byUnits is not null)
        {
            w.Line("TrainingFirstLayer(_parameters, inputs, workspace, m, 0, 1);");
        }

        if (plan.HasBatchNormalization)
        {
            w.Open("for (int part = 0; part < TrainingParts; part++)");
            w.Line("TrainingPart(part, _parameters, inputs, targets, workspace, _sampleLosses, gradients, " + DropoutStreamEmitter.KeyArgument(plan, "_dropoutKey") + "m, 0, 1);");
            w.Close();
            w.Line();
        }
        else
        {
            w.Line("TrainingSamples(_parameters, inputs, targets, workspace, _sampleLosses, " + DropoutStreamEmitter.KeyArgument(plan, "_dropoutKey") + "m, 0, m);");
        }

        w.Line("TrainingWeightGradients(inputs, workspace, gradients, m, 0, 1);");
        w.Close();
        w.Open("else");
        w.Comment(plan.HasBatchNormalization
            ? "The same phases split across threads: " + (byUnits is not null ? "layer 1 by units, " : string.Empty) + "phase 1's parts by samples, then phase 2 by units (StepShards, in the plumbing file)."
            : byUnits is not null
            ? "The same three phases split across threads: by units, by samples, then by units (StepShards, in the plumbing file)."
            : "The same two phases split across threads: by samples, then by units (StepShards, in the plumbing file).");
        w.Line("RunShards(inputs, targets, gradients, m, threads);");
        w.Close();
        w.Line();
        w.Line("workspace.Slice(" + plan.Output.Name + "Activations * m, OutputSize * m).CopyTo(outputs);");
        if (!HasL2(plan))
        {
            w.Line("return SumInOrder(_sampleLosses, m); // the same sum whichever thread computed each loss");
        }
        else
        {
            w.Line();
            WriteL2(w, plan, withGradients: true);
            w.Comment("The sum of the losses with the penalty counted once per sample, so that sum / m = average loss + penalty (as Keras reports it).");
            w.Line("return SumInOrder(_sampleLosses, m) + (m * penalty); // the same sum whichever thread computed each loss");
        }

        w.Close();
        w.Line();
        if (byUnits is not null)
        {
            WriteTrainingFirstLayer(w, byUnits);
        }

        WriteTrainingSamples(w, plan);
        WriteTrainingWeightGradients(w, plan);
    }

    private static void WriteTrainingFirstLayer(CodeWriter w, DenseLayerPlan layer)
    {
        string n = CodeWriter.Int(layer.Units);
        string l = CodeWriter.Int(layer.Index);
        w.Summary("Phase 0, shard <paramref name=\"shard\"/> of <paramref name=\"shards\"/>: layer " + l + "'s forward pass for its share of the units, over the whole batch.");
        w.Line(Names.Optimized);
        w.Open("private static void TrainingFirstLayer(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> workspace, int m, int shard, int shards)");
        w.Line("global::System.Span<float> a" + l + " = workspace.Slice(" + layer.Name + "Activations * m, " + n + " * m); // A[" + l + "]");
        string z = "a" + l;
        if (layer.PreActivationOffset >= 0)
        {
            z = "z" + l;
            w.Line("global::System.Span<float> z" + l + " = workspace.Slice(" + layer.Name + "PreActivations * m, " + n + " * m); // Z[" + l + "], kept: g' = " + layer.Activation + "' reads Z");
        }

        w.Line(layer.Name + "ForwardUnits(parameters, inputs.Slice(0, m * InputSize), " + z + ", a" + l + ", m, shard, shards);");
        w.Close();
        w.Line();
    }

    private static void WriteTrainingSamples(CodeWriter w, NetworkPlan plan)
    {
        if (plan.HasBatchNormalization)
        {
            TrainingPartsEmitter.Write(w, plan);
            return;
        }

        DenseLayerPlan? byUnits = plan.FirstLayerByUnits;
        TrainingPart part = TrainingPartPlanner.Split(plan)[0]; // without BatchNormalization, one part holds every pass
        w.Summary("Phase 1 for samples [<paramref name=\"first\"/>, first + <paramref name=\"count\"/>) of <paramref name=\"m\"/>: forward"
            + (byUnits is not null ? " from layer 2 (phase 0 computed layer 1's)" : string.Empty) + ", loss and its gradient, backward.");
        w.Line(Names.Optimized);
        w.Open("private static void TrainingSamples(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, global::System.Span<float> workspace, global::System.Span<float> losses, " + DropoutStreamEmitter.KeyArgument(plan, "ulong dropoutKey") + "int m, int first, int count)");
        TrainingPassEmitter.Write(w, plan, part.Passes);
        w.Close();
        w.Line();
    }

    private static void WriteTrainingWeightGradients(CodeWriter w, NetworkPlan plan)
    {
        w.Summary("Phase 2, shard <paramref name=\"shard\"/> of <paramref name=\"shards\"/>: each layer's dW and db for its share of the units.");
        w.Line(Names.Optimized);
        w.Open("private static void TrainingWeightGradients(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> workspace, global::System.Span<float> gradients, int m, int shard, int shards)");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.ParameterCount == 0)
            {
                continue; // Pooling and Flatten have nothing to learn.
            }

            if (layer is BatchNormalizationLayerPlan)
            {
                w.Comment(layer.Name + ": dγ and dβ are the sums its backward needs, written in phase 1 (" + layer.Name + "BatchGradientSums).");
                continue;
            }

            string input = layer.Index == 1
                ? "inputs"
                : "workspace.Slice(" + plan.Layers[layer.Index - 2].Name + "Activations * m, " + CodeWriter.Int(layer.InputSize) + " * m)";
            w.Line(layer.Name + "WeightGradients(" + input + ", workspace.Slice(" + layer.Name + "Gradient * m, " + CodeWriter.Int(layer.OutputSize) + " * m), gradients, m, shard, shards);");
        }

        w.Close();
        w.Line();
    }

    private static void WriteWorkspaceSlices(CodeWriter w, NetworkPlan plan, bool withGradients)
    {
        w.Line("global::System.Span<float> workspace = TrainingWorkspace(m);");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer is DropoutLayerPlan or BatchNormalizationLayerPlan && !withGradients)
            {
                continue; // the identity outside training, or applied in place on the previous layer's A
            }

            w.Line("global::System.Span<float> a" + layer.Index + " = workspace.Slice(" + layer.Name + "Activations * m, " + CodeWriter.Int(layer.OutputSize) + " * m);"
                + " // A[" + layer.Index + "]");
            if (withGradients)
            {
                w.Line("global::System.Span<float> da" + layer.Index + " = workspace.Slice(" + layer.Name + "Gradient * m, " + CodeWriter.Int(layer.OutputSize) + " * m);"
                    + " // ∂cost/∂A[" + layer.Index + "], then ∂cost/∂Z[" + layer.Index + "]");
            }
        }

        w.Line("global::System.Span<float> z" + plan.Output.Index + " = workspace.Slice(OutputLogits * m, OutputSize * m); // Z[" + plan.Output.Index + "], the output logits");
    }

    private static void WriteBatchForward(CodeWriter w, NetworkPlan plan)
    {
        string previous = "inputs";
        if (plan.FoldedParameterLength > 0)
        {
            w.Comment("BatchNormalization folded into the weights before it, once for the whole batch (FoldNormalization), as PredictBatch does.");
            w.Line("global::System.ReadOnlySpan<float> folded = FoldNormalization(parameters);");
        }

        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer is DropoutLayerPlan)
            {
                w.Comment(layer.Name + ": the identity outside training, so " + previous + " goes on unchanged (no copy).");
                continue;
            }

            if (layer is BatchNormalizationLayerPlan norm)
            {
                // In place on the previous layer's activations: the layer's own slot is not needed outside training.
                w.Line(InferenceEmitter.NormalizationCall(plan, norm, previous, "m", folded: true));
                continue;
            }

            string z = layer == plan.Output ? "z" + layer.Index : "a" + layer.Index;
            w.Line(layer.Name + "Forward(" + InferenceEmitter.ParametersOf(plan, layer, folded: true) + ", " + previous + ", " + z + ", a" + layer.Index + ", m);");
            previous = "a" + layer.Index;
        }
    }

    /// <summary>Whether any layer declares an L2 factor; without one the generated training code is exactly as before.</summary>
    private static bool HasL2(NetworkPlan plan)
    {
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.WeightL2 > 0f)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Declares <c>penalty</c> = Σ λ·ΣW² over the layers with an L2 factor (in layer order, each sum in double, so it does
    /// not depend on the thread count) and, <paramref name="withGradients"/>, adds 2λ·W to their ∂cost/∂W after phase 2.
    /// </summary>
    private static void WriteL2(CodeWriter w, NetworkPlan plan, bool withGradients)
    {
        w.Comment(withGradients
            ? "L2 regularisation (Keras' kernel_regularizer=l2(λ)): cost += λ·ΣW² over each regularised layer's weights (biases excluded), so ∂cost/∂W += 2λ·W."
            : "L2 regularisation: the penalty λ·ΣW² of each regularised layer's weights, as training adds it (Predict never does).");
        w.Line("float penalty = 0f;");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.WeightL2 <= 0f)
            {
                continue;
            }

            string weights = "(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + ")";
            string lambda = CodeWriter.Float(layer.WeightL2);
            w.Line(withGradients
                ? "penalty += global::Dendrite.L2Regularization.AddGradient(_parameters.Span.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + "), gradients.Slice" + weights + ", " + lambda + "); // W[" + layer.Index + "], λ = " + lambda
                : "penalty += global::Dendrite.L2Regularization.Penalty(_parameters.Span.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + "), " + lambda + "); // W[" + layer.Index + "], λ = " + lambda);
        }

        w.Line();
    }

    private static void WriteComputeLoss(CodeWriter w, NetworkPlan plan)
    {
        string lossClass = Names.LossClass(plan.Spec.Loss);
        string target = plan.UsesLabels ? "targets.Labels[s]" : "targets.Values.Slice(s * OutputSize, OutputSize)";
        string l = CodeWriter.Int(plan.Output.Index);
        w.Summary("Forward and loss over a batch, no gradients: writes the outputs, returns the sum of the losses; checked as <c>Evaluate</c> checks.");
        w.Open("public float ComputeLoss(global::System.ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, global::System.Span<float> outputs)");
        w.Line("int m = global::Dendrite.BatchArguments.CheckComputeLoss<" + CodeWriter.Identifier(plan.Spec.ClassName) + ">(inputs, targets, outputs);");
        w.Line("global::System.ReadOnlySpan<float> parameters = _parameters;");
        WriteWorkspaceSlices(w, plan, withGradients: false);
        WriteBatchForward(w, plan);
        w.Line("a" + l + ".CopyTo(outputs);");
        w.Line("float lossSum = 0f;");
        w.Open("for (int s = 0; s < m; s++)");
        if (plan.Spec.Loss == LossKind.MeanSquaredError)
        {
            w.Line("lossSum += " + lossClass + ".Value(a" + l + ".Slice(s * OutputSize, OutputSize), " + target + ");");
        }
        else
        {
            w.Line("lossSum += " + lossClass + ".FromLogits(z" + l + ".Slice(s * OutputSize, OutputSize), " + target + ");");
        }

        w.Close();
        w.Line();
        if (HasL2(plan))
        {
            WriteL2(w, plan, withGradients: false);
            w.Line("lossSum += m * penalty; // counted once per sample, so lossSum / m = average loss + penalty, as in training");
            w.Line();
        }

        w.Line("return lossSum;");
        w.Close();
        w.Line();
    }
}
