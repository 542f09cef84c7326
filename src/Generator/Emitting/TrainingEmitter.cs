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
        WriteComputeGradients(w, plan);
        WriteComputeLoss(w, plan);
    }

    private static void WriteFitAndEvaluate(CodeWriter w, NetworkPlan plan)
    {
        string targetType = plan.UsesLabels ? "ReadOnlySpan<int> labels" : "ReadOnlySpan<float> targets";
        string targetBatch = plan.UsesLabels ? "global::Dendrite.TargetBatch.FromLabels(labels)" : "global::Dendrite.TargetBatch.FromValues(targets)";
        string targetDoc = plan.UsesLabels
            ? "/// <param name=\"labels\">One class index in [0, <see cref=\"OutputSize\"/>) per sample.</param>"
            : "/// <param name=\"targets\">Row-major targets: samples × <see cref=\"OutputSize\"/> values.</param>";

        w.Line("/// <summary>");
        w.Line("/// Trains the network with " + Names.LossTitle(plan.Spec.Loss, plan.Spec.FromLogits) + ": for each epoch, reshuffle (seeded),");
        w.Line("/// then one optimizer step per batch; report loss" + (plan.IsClassifier ? " and accuracy" : string.Empty) + " per epoch. Arguments are checked before the");
        w.Line("/// first step, so a refused call leaves the weights untouched.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Row-major samples: samples × <see cref=\"InputSize\"/> values.</param>");
        w.Line(targetDoc);
        w.Line("/// <param name=\"options\">Epochs, batch size, optimizer, validation; Keras' defaults when null.</param>");
        w.Line("/// <returns>Loss" + (plan.IsClassifier ? " and accuracy" : string.Empty) + " per epoch, and why training stopped.</returns>");
        w.Line("public global::Dendrite.TrainingHistory Fit(ReadOnlySpan<float> inputs, " + targetType + ", global::Dendrite.FitOptions? options = null) =>");
        w.Line("    global::Dendrite.NetworkTrainer.Fit(this, inputs, " + targetBatch + ", options);");
        w.Line();
        w.Line("/// <summary>Average loss" + (plan.IsClassifier ? " and accuracy" : string.Empty) + " on a set of samples, computed as training computes them.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major samples: samples × <see cref=\"InputSize\"/> values.</param>");
        w.Line(targetDoc);
        w.Line("public global::Dendrite.EvaluationResult Evaluate(ReadOnlySpan<float> inputs, " + targetType + ") =>");
        w.Line("    global::Dendrite.NetworkTrainer.Evaluate(this, inputs, " + targetBatch + ");");
        w.Line();
    }

    private static void WriteComputeGradients(CodeWriter w, NetworkPlan plan)
    {
        LayerPlan output = plan.Output;
        w.Line("/// <summary>");
        w.Line("/// Forward, loss and backward over a batch: writes ∂cost/∂θ (cost = average loss) into");
        w.Line("/// <paramref name=\"gradients\"/> and the outputs into <paramref name=\"outputs\"/>; returns the sum of the losses.");
        w.Line("/// Arguments are trusted: <see cref=\"global::Dendrite.TrainingSession{TNetwork}\"/> checks them first.");
        w.Line("/// </summary>");
        w.Open("public float ComputeGradients(ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, Span<float> gradients, Span<float> outputs)");
        w.Line("ReadOnlySpan<float> parameters = _parameters;");
        w.Line("int m = inputs.Length / InputSize;");
        WriteWorkspaceSlices(w, plan, withGradients: true);
        w.Line();
        w.Comment("Forward over the batch, keeping each layer's activations for the backward pass.");
        WriteBatchForward(w, plan);
        w.Line("a" + output.Index + ".CopyTo(outputs);");
        w.Line();
        WriteLossWithGradient(w, plan);
        w.Line();
        w.Comment("Backward over the batch, from the output to the input.");
        w.Line("gradients.Clear();");
        for (int i = plan.Layers.Count - 1; i >= 0; i--)
        {
            LayerPlan layer = plan.Layers[i];
            string input = i == 0 ? "inputs" : "a" + plan.Layers[i - 1].Index;
            string inputGradient = i == 0 ? string.Empty : ", da" + plan.Layers[i - 1].Index;
            w.Line(layer.Name + "Backward(parameters, " + input + ", a" + layer.Index + ", da" + layer.Index + ", gradients" + inputGradient + ", m);");
        }

        w.Line();
        w.Line("return lossSum;");
        w.Close();
        w.Line();
        WriteWorkspace(w);
    }

    private static void WriteWorkspaceSlices(CodeWriter w, NetworkPlan plan, bool withGradients)
    {
        w.Line("Span<float> workspace = TrainingWorkspace(m);");
        foreach (LayerPlan layer in plan.Layers)
        {
            w.Line("Span<float> a" + layer.Index + " = workspace.Slice(" + layer.Name + "Activations * m, " + CodeWriter.Int(layer.OutputSize) + " * m);"
                + " // A[" + layer.Index + "]");
            if (withGradients)
            {
                w.Line("Span<float> da" + layer.Index + " = workspace.Slice(" + layer.Name + "Gradient * m, " + CodeWriter.Int(layer.OutputSize) + " * m);"
                    + " // ∂cost/∂A[" + layer.Index + "], then ∂cost/∂Z[" + layer.Index + "]");
            }
        }

        w.Line("Span<float> z" + plan.Output.Index + " = workspace.Slice(OutputLogits * m, OutputSize * m); // Z[" + plan.Output.Index + "], the output logits");
    }

    private static void WriteBatchForward(CodeWriter w, NetworkPlan plan)
    {
        string previous = "inputs";
        foreach (LayerPlan layer in plan.Layers)
        {
            string z = layer == plan.Output ? "z" + layer.Index : "a" + layer.Index;
            w.Line(layer.Name + "Forward(parameters, " + previous + ", " + z + ", a" + layer.Index + ", m);");
            previous = "a" + layer.Index;
        }
    }

    private static void WriteWorkspace(CodeWriter w)
    {
        w.Line("/// <summary>The training workspace for a batch of <paramref name=\"samples\"/>, grown when a larger batch arrives.</summary>");
        w.Open("private Span<float> TrainingWorkspace(int samples)");
        w.Open("if (_trainingWorkspace is null || _trainingWorkspace.Length < WorkspaceSize * samples)");
        w.Line("_trainingWorkspace = new float[WorkspaceSize * samples];");
        w.Close();
        w.Line();
        w.Line("return _trainingWorkspace;");
        w.Close();
        w.Line();
    }

    private static void WriteLossWithGradient(CodeWriter w, NetworkPlan plan)
    {
        string l = CodeWriter.Int(plan.Output.Index);
        string lossClass = Names.LossClass(plan.Spec.Loss);
        string target = plan.UsesLabels ? "targets.Labels[s]" : "targets.Values.Slice(s * OutputSize, OutputSize)";
        string row = "(s * OutputSize, OutputSize)";
        w.Comment("cost = (1/m) Σ loss, so each sample's gradient is scaled by 1/m.");
        w.Line("float scale = 1f / m;");
        w.Line("float lossSum = 0f;");
        w.Open("for (int s = 0; s < m; s++)");
        switch (plan.Spec.Loss)
        {
            case LossKind.MeanSquaredError:
                w.Comment("Loss and its gradient with respect to the output: dA[" + l + "] = 2(ŷ − y) / (n·m).");
                w.Line("lossSum += " + lossClass + ".ValueAndGradient(a" + l + ".Slice" + row + ", " + target + ", da" + l + ".Slice" + row + ", scale);");
                break;
            case LossKind.BinaryCrossentropy:
                w.Comment("Loss from the logits, stable form; sigmoid and cross-entropy fused: dZ[" + l + "] = (σ(Z[" + l + "]) − y) / (n·m).");
                w.Line("lossSum += " + lossClass + ".FromLogitsWithGradient(z" + l + ".Slice" + row + ", " + target + ", da" + l + ".Slice" + row + ", scale);");
                break;
            case LossKind.SparseCategoricalCrossentropy:
                w.Comment("Loss from the logits via log-sum-exp; softmax and cross-entropy fused: dZ[" + l + "] = (softmax(Z[" + l + "]) − onehot(y)) / m.");
                w.Line("lossSum += " + lossClass + ".FromLogitsWithGradient(z" + l + ".Slice" + row + ", " + target + ", da" + l + ".Slice" + row + ", scale);");
                break;
            default:
                w.Comment("Loss from the logits via log-sum-exp; softmax and cross-entropy fused: dZ[" + l + "] = (softmax(Z[" + l + "]) − y) / m.");
                w.Line("lossSum += " + lossClass + ".FromLogitsWithGradient(z" + l + ".Slice" + row + ", " + target + ", da" + l + ".Slice" + row + ", scale);");
                break;
        }

        w.Close();
    }

    private static void WriteComputeLoss(CodeWriter w, NetworkPlan plan)
    {
        string lossClass = Names.LossClass(plan.Spec.Loss);
        string target = plan.UsesLabels ? "targets.Labels[s]" : "targets.Values.Slice(s * OutputSize, OutputSize)";
        string l = CodeWriter.Int(plan.Output.Index);
        w.Line("/// <summary>Forward and loss over a batch, without gradients: writes the outputs and returns the sum of the losses.</summary>");
        w.Open("public float ComputeLoss(ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, Span<float> outputs)");
        w.Line("ReadOnlySpan<float> parameters = _parameters;");
        w.Line("int m = inputs.Length / InputSize;");
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
        w.Line("return lossSum;");
        w.Close();
        w.Line();
    }
}
