using Dendrite.Generator.Model;

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
        string targetType = plan.UsesLabels ? "global::System.ReadOnlySpan<int> labels" : "global::System.ReadOnlySpan<float> targets";
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
            multiplyAdds += MultiplyAdds(layer);
        }

        w.Comment("Multiply-adds of one sample's forward pass; each of the two phases of a step does about this much per sample.");
        w.Line("private const long MultiplyAddsPerSample = " + multiplyAdds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Forward, loss and backward over a batch: writes ∂cost/∂θ (cost = average loss) into");
        w.Line("/// <paramref name=\"gradients\"/> and the outputs into <paramref name=\"outputs\"/>; returns the sum of the losses.");
        w.Line("/// Checks its arguments as <c>Fit</c> does (<see cref=\"global::Dendrite.BatchArguments\"/>): a custom training loop gets");
        w.Line("/// an <see cref=\"global::System.ArgumentException\"/> naming the argument, never a silently partial batch.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// Two phases. (1) Per sample: forward, loss gradient, and dZ of every layer back to the input; samples are");
        w.Line("/// independent. (2) Per unit: dW and db, each summed over the whole batch in sample order. A large batch is");
        w.Line("/// split across <see cref=\"global::Dendrite.Parallelism.MaxThreads\"/> threads, by samples in phase 1 and by units in");
        w.Line("/// phase 2; every value is still computed by one thread in one fixed order, so the result is bit-identical");
        w.Line("/// whatever the thread count. Every parameter's gradient is overwritten (nothing is accumulated).");
        w.Line("/// </remarks>");
        w.Open("public float ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, global::System.Span<float> gradients, global::System.Span<float> outputs)");
        w.Line("int m = global::Dendrite.BatchArguments.CheckComputeGradients<" + CodeWriter.Identifier(plan.Spec.ClassName) + ">(inputs, targets, gradients, outputs);");
        w.Line("global::System.Span<float> workspace = TrainingWorkspace(m);");
        w.Line("int threads = global::System.Math.Min(global::Dendrite.Parallelism.ThreadsFor(m * MultiplyAddsPerSample), m);");
        w.Open("if (threads <= 1)");
        w.Line("TrainingSamples(_parameters, inputs, targets, workspace, _sampleLosses, m, 0, m);");
        w.Line("TrainingWeightGradients(inputs, workspace, gradients, m, 0, 1);");
        w.Close();
        w.Open("else");
        w.Comment("Worker threads cannot see this call's spans: copy the batch where they can read it.");
        w.Line("_stepInputs = Grown(_stepInputs, inputs.Length);");
        w.Line("inputs.CopyTo(_stepInputs);");
        if (plan.UsesLabels)
        {
            w.Line("_stepLabels = Grown(_stepLabels, m);");
            w.Line("targets.Labels.Slice(0, m).CopyTo(_stepLabels);");
        }
        else
        {
            w.Line("_stepTargets = Grown(_stepTargets, m * OutputSize);");
            w.Line("targets.Values.Slice(0, m * OutputSize).CopyTo(_stepTargets);");
        }

        w.Line("_stepGradients ??= new float[ParameterCount];");
        w.Line("_stepSamples = m;");
        w.Line("_stepShards ??= new StepShards(this);");
        w.Line("global::Dendrite.ShardRunner.Run(_stepShards, 0, threads);");
        w.Line("global::Dendrite.ShardRunner.Run(_stepShards, 1, threads);");
        w.Line("new global::System.ReadOnlySpan<float>(_stepGradients).CopyTo(gradients);");
        w.Close();
        w.Line();
        w.Line("workspace.Slice(" + plan.Output.Name + "Activations * m, OutputSize * m).CopyTo(outputs);");
        w.Comment("Per-sample losses summed in sample order, whichever thread computed them.");
        w.Line("float lossSum = 0f;");
        w.Open("for (int s = 0; s < m; s++)");
        w.Line("lossSum += _sampleLosses[s];");
        w.Close();
        w.Line();
        w.Line("return lossSum;");
        w.Close();
        w.Line();
        WriteTrainingSamples(w, plan);
        WriteTrainingWeightGradients(w, plan);
        WriteShards(w, plan);
        WriteWorkspace(w);
    }

    /// <summary>Multiply-adds of one sample through <paramref name="layer"/>'s forward pass, for the threading threshold.</summary>
    private static long MultiplyAdds(LayerPlan layer) => layer.Type switch
    {
        LayerType.Dense => (long)layer.InputSize * layer.OutputSize,
        LayerType.Conv2D => (long)layer.FanIn * layer.OutputSize,
        _ => layer.OutputSize,
    };

    private static void WriteTrainingSamples(CodeWriter w, NetworkPlan plan)
    {
        LayerPlan output = plan.Output;
        w.Line("/// <summary>");
        w.Line("/// Phase 1 for samples [<paramref name=\"first\"/>, first + <paramref name=\"count\"/>) of a batch of <paramref name=\"m\"/>:");
        w.Line("/// forward (keeping each layer's activations), the loss and its gradient, then dZ of every layer back to the input.");
        w.Line("/// </summary>");
        w.Open("private static void TrainingSamples(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, global::System.Span<float> workspace, global::System.Span<float> losses, int m, int first, int count)");
        w.Line("global::System.ReadOnlySpan<float> x = inputs.Slice(first * InputSize, count * InputSize);");
        foreach (LayerPlan layer in plan.Layers)
        {
            string n = CodeWriter.Int(layer.OutputSize);
            w.Line("global::System.Span<float> a" + layer.Index + " = workspace.Slice((" + layer.Name + "Activations * m) + (first * " + n + "), " + n + " * count); // A[" + layer.Index + "]");
            w.Line("global::System.Span<float> da" + layer.Index + " = workspace.Slice((" + layer.Name + "Gradient * m) + (first * " + n + "), " + n + " * count); // ∂cost/∂A[" + layer.Index + "], then ∂cost/∂Z[" + layer.Index + "]");
        }

        w.Line("global::System.Span<float> z" + output.Index + " = workspace.Slice((OutputLogits * m) + (first * OutputSize), OutputSize * count); // Z[" + output.Index + "], the output logits");
        w.Line();
        w.Comment("Forward, keeping each layer's activations for the backward pass.");
        string previous = "x";
        foreach (LayerPlan layer in plan.Layers)
        {
            string z = layer == output ? "z" + layer.Index : "a" + layer.Index;
            w.Line(layer.Name + "Forward(parameters, " + previous + ", " + z + ", a" + layer.Index + ", count);");
            previous = "a" + layer.Index;
        }

        w.Line();
        WriteLossWithGradient(w, plan);
        w.Line();
        w.Comment("Backward through the samples, from the output to the input.");
        for (int i = plan.Layers.Count - 1; i >= 0; i--)
        {
            LayerPlan layer = plan.Layers[i];
            string inputGradient = i == 0 ? string.Empty : ", da" + plan.Layers[i - 1].Index;
            // Image layers also read their input: max-pooling routes the gradient to the arg-max it finds there.
            string input = layer.Type == LayerType.Dense ? string.Empty : (i == 0 ? "x" : "a" + plan.Layers[i - 1].Index) + ", ";
            w.Line(layer.Name + "Backward(parameters, " + input + "a" + layer.Index + ", da" + layer.Index + inputGradient + ", count);");
        }

        w.Close();
        w.Line();
    }

    private static void WriteTrainingWeightGradients(CodeWriter w, NetworkPlan plan)
    {
        w.Summary("Phase 2, shard <paramref name=\"shard\"/> of <paramref name=\"shards\"/>: each layer's dW and db for its share of the units.");
        w.Open("private static void TrainingWeightGradients(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> workspace, global::System.Span<float> gradients, int m, int shard, int shards)");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.ParameterCount == 0)
            {
                continue; // MaxPool2D and Flatten have nothing to learn.
            }

            string input = layer.Index == 1
                ? "inputs"
                : "workspace.Slice(" + plan.Layers[layer.Index - 2].Name + "Activations * m, " + CodeWriter.Int(layer.InputSize) + " * m)";
            w.Line(layer.Name + "WeightGradients(" + input + ", workspace.Slice(" + layer.Name + "Gradient * m, " + CodeWriter.Int(layer.OutputSize) + " * m), gradients, m, shard, shards);");
        }

        w.Close();
        w.Line();
    }

    private static void WriteShards(CodeWriter w, NetworkPlan plan)
    {
        w.Comment("State of a step split across threads (see ComputeGradients): a copy of the batch, and the gradients.");
        w.Line("private float[] _sampleLosses = global::System.Array.Empty<float>();");
        w.Line("private float[] _stepInputs = global::System.Array.Empty<float>();");
        w.Line(plan.UsesLabels ? "private int[] _stepLabels = global::System.Array.Empty<int>();" : "private float[] _stepTargets = global::System.Array.Empty<float>();");
        w.Line("private float[]? _stepGradients;");
        w.Line("private int _stepSamples;");
        w.Line("private StepShards? _stepShards;");
        w.Line();
        w.Summary("<paramref name=\"buffer\"/>, or a new one when it is shorter than <paramref name=\"length\"/>.");
        w.Line("private static T[] Grown<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[length];");
        w.Line();
        w.Summary("The two phases of a training step, run by shard on worker threads; reads the batch copied into the network.");
        // A plain constructor, not a primary one: primary constructors need C# 12, and the generated code asks for no
        // more than the C# 11 its static abstract interface members need (see DeclarationCompatibilityTests).
        string name = CodeWriter.Identifier(plan.Spec.ClassName);
        w.Open("private sealed class StepShards : global::Dendrite.IShardedWork");
        w.Line("private readonly " + name + " network;");
        w.Line();
        w.Open("public StepShards(" + name + " network)");
        w.Line("this.network = network;");
        w.Close();
        w.Line();
        w.Open("public void RunShard(int phase, int shard, int shards)");
        w.Line("int m = network._stepSamples;");
        w.Line("global::System.ReadOnlySpan<float> inputs = new global::System.ReadOnlySpan<float>(network._stepInputs, 0, m * InputSize);");
        w.Line("global::System.Span<float> workspace = network._trainingWorkspace;");
        w.Open("if (phase == 0)");
        w.Comment("Samples split at multiples of " + plan.SampleShardBlock + ", so every shard runs whole blocks.");
        w.Line("int first = shard * m / shards / " + plan.SampleShardBlock + " * " + plan.SampleShardBlock + ";");
        w.Line("int end = shard + 1 == shards ? m : (shard + 1) * m / shards / " + plan.SampleShardBlock + " * " + plan.SampleShardBlock + ";");
        w.Line(plan.UsesLabels
            ? "global::Dendrite.TargetBatch targets = global::Dendrite.TargetBatch.FromLabels(new global::System.ReadOnlySpan<int>(network._stepLabels, 0, m));"
            : "global::Dendrite.TargetBatch targets = global::Dendrite.TargetBatch.FromValues(new global::System.ReadOnlySpan<float>(network._stepTargets, 0, m * OutputSize));");
        w.Line("TrainingSamples(network._parameters, inputs, targets, workspace, network._sampleLosses, m, first, end - first);");
        w.Close();
        w.Open("else");
        w.Line("TrainingWeightGradients(inputs, workspace, network._stepGradients, m, shard, shards);");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteWorkspaceSlices(CodeWriter w, NetworkPlan plan, bool withGradients)
    {
        w.Line("global::System.Span<float> workspace = TrainingWorkspace(m);");
        foreach (LayerPlan layer in plan.Layers)
        {
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
        w.Open("private global::System.Span<float> TrainingWorkspace(int samples)");
        w.Open("if (_trainingWorkspace is null || _trainingWorkspace.Length < WorkspaceSize * samples)");
        w.Line("_trainingWorkspace = new float[WorkspaceSize * samples];");
        w.Close();
        w.Line();
        w.Line("_sampleLosses = Grown(_sampleLosses, samples);");
        w.Line();
        w.Line("return _trainingWorkspace;");
        w.Close();
        w.Line();
    }

    private static void WriteLossWithGradient(CodeWriter w, NetworkPlan plan)
    {
        string l = CodeWriter.Int(plan.Output.Index);
        string lossClass = Names.LossClass(plan.Spec.Loss);
        string target = plan.UsesLabels ? "targets.Labels[first + s]" : "targets.Values.Slice((first + s) * OutputSize, OutputSize)";
        string row = "(s * OutputSize, OutputSize)";
        w.Comment("cost = (1/m) Σ loss, so each sample's gradient is scaled by 1/m. Losses are kept per sample and summed later.");
        w.Line("float scale = 1f / m;");
        w.Open("for (int s = 0; s < count; s++)");
        string call;
        switch (plan.Spec.Loss)
        {
            case LossKind.MeanSquaredError:
                w.Comment("Loss and its gradient with respect to the output: dA[" + l + "] = 2(ŷ − y) / (n·m).");
                call = ".ValueAndGradient(a" + l + ".Slice" + row;
                break;
            case LossKind.BinaryCrossentropy:
                w.Comment("Loss from the logits, stable form; sigmoid and cross-entropy fused: dZ[" + l + "] = (σ(Z[" + l + "]) − y) / (n·m).");
                call = ".FromLogitsWithGradient(z" + l + ".Slice" + row;
                break;
            case LossKind.SparseCategoricalCrossentropy:
                w.Comment("Loss from the logits via log-sum-exp; softmax and cross-entropy fused: dZ[" + l + "] = (softmax(Z[" + l + "]) − onehot(y)) / m.");
                call = ".FromLogitsWithGradient(z" + l + ".Slice" + row;
                break;
            default:
                w.Comment("Loss from the logits via log-sum-exp; softmax and cross-entropy fused: dZ[" + l + "] = (softmax(Z[" + l + "]) − y) / m.");
                call = ".FromLogitsWithGradient(z" + l + ".Slice" + row;
                break;
        }

        w.Line("losses[first + s] = " + lossClass + call + ", " + target + ", da" + l + ".Slice" + row + ", scale);");
        w.Close();
    }

    private static void WriteComputeLoss(CodeWriter w, NetworkPlan plan)
    {
        string lossClass = Names.LossClass(plan.Spec.Loss);
        string target = plan.UsesLabels ? "targets.Labels[s]" : "targets.Values.Slice(s * OutputSize, OutputSize)";
        string l = CodeWriter.Int(plan.Output.Index);
        w.Line("/// <summary>");
        w.Line("/// Forward and loss over a batch, without gradients: writes the outputs and returns the sum of the losses.");
        w.Line("/// Checks its arguments as <c>Evaluate</c> does (<see cref=\"global::Dendrite.BatchArguments\"/>).");
        w.Line("/// </summary>");
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
        w.Line("return lossSum;");
        w.Close();
        w.Line();
    }
}
