using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>Predict, PredictBatch, Classify, PredictProbabilities and the shared single-sample forward pass.</summary>
internal static class InferenceEmitter
{
    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        w.Line("// ───────────────────────────── Inference ─────────────────────────────");
        w.Line();
        WritePredict(w);
        WritePredictBatch(w, plan);
        if (plan.IsClassifier)
        {
            WriteProbabilities(w, plan);
            WriteClassify(w, plan);
        }

        WriteForward(w, plan);
    }

    private static void WritePredict(CodeWriter w)
    {
        w.Line("/// <summary>Runs the network on one sample. Allocation-free and safe to call from several threads at once.</summary>");
        w.Line("/// <param name=\"input\">The sample: exactly <see cref=\"InputSize\"/> values.</param>");
        w.Line("/// <param name=\"output\">Receives the <see cref=\"OutputSize\"/> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Open("public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output)");
        w.Line("RequireLength(input.Length, InputSize, \"input\");");
        w.Line("RequireLength(output.Length, OutputSize, \"output\");");
        w.Line("Forward(_parameters, input, output, output, 1);");
        w.Close();
        w.Line();
    }

    private static void WritePredictBatch(CodeWriter w, NetworkPlan plan)
    {
        w.Line("/// <summary>Runs the network on a batch of samples stored row-major. Allocation-free and safe to call from several threads at once.</summary>");
        w.Line("/// <param name=\"inputs\">samples × <see cref=\"InputSize\"/> values.</param>");
        w.Line("/// <param name=\"outputs\">Receives samples × <see cref=\"OutputSize\"/> values.</param>");
        w.Line("/// <param name=\"maxThreads\">Most threads to use, at least 1; null: <see cref=\"global::Dendrite.Parallelism.CurrentMaxThreads\"/>. The outputs are the same bits whatever the count.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths do not describe the same number of whole samples, or <paramref name=\"maxThreads\"/> is below 1 (<see cref=\"global::System.ArgumentOutOfRangeException\"/>).</exception>");
        w.Open("public void " + InferencePlumbingEmitter.PredictBatchSignature);
        w.Line("int samples = RequireWholeSamples(inputs.Length, \"inputs\");");
        w.Line("RequireLength(outputs.Length, samples * OutputSize, \"outputs\");");
        w.Line("int threads = global::Dendrite.Parallelism.ThreadsFor(samples * MultiplyAddsPerSample, maxThreads);");
        string run = "global::Dendrite.ShardRunner.RunBatch(" + InferencePlumbingEmitter.WorkField + " ??= new " + InferencePlumbingEmitter.WorkClass + "(this), inputs, outputs, samples, ";
        if (plan.InferenceChunk == 0)
        {
            // One line less than the chunked form: the logistic regression's readable file stays within 300 lines.
            w.Line(run + CodeWriter.Int(plan.InferenceShardBlock) + ", threads); // Forward on whole blocks of " + CodeWriter.Int(plan.InferenceShardBlock)
                + " samples per thread (" + InferencePlumbingEmitter.WorkClass + ", in the plumbing file)");
            w.Close();
            w.Line();
            return;
        }

        w.Comment("Whole chunks to each thread (" + InferencePlumbingEmitter.WorkClass + ", in the plumbing file), so a sample's outputs do not depend on the thread count.");
        w.Line(run + "InferenceChunk, threads);");
        w.Close();
        w.Line();
        w.Summary("PredictBatch's work on one thread: <paramref name=\"samples\"/> rows through Forward, a chunk at a time.");
        w.Line(Names.Optimized);
        w.Open("private static void " + InferencePlumbingEmitter.ChunksMethod + "(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int samples)");
        WriteFoldCall(w, plan);
        w.Comment("Chunks keep the scratch activations small and in cache however large the batch.");
        w.Open("for (int start = 0; start < samples; start += InferenceChunk)");
        w.Line("int count = global::System.Math.Min(InferenceChunk, samples - start);");
        w.Line("global::System.Span<float> chunk = outputs.Slice(start * OutputSize, count * OutputSize);");
        w.Line(plan.FoldedParameterLength > 0
            ? "FoldedForward(parameters, folded, inputs.Slice(start * InputSize, count * InputSize), chunk, chunk, count);"
            : "Forward(parameters, inputs.Slice(start * InputSize, count * InputSize), chunk, chunk, count);");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>Opens the chunk loop; with folded normalisations, the fold comes first, once per call on each thread.</summary>
    private static void WriteFoldCall(CodeWriter w, NetworkPlan plan)
    {
        if (plan.FoldedParameterLength > 0)
        {
            w.Comment("BatchNormalization folded into the weights before it, once for all the chunks (FoldNormalization).");
            w.Line("global::System.ReadOnlySpan<float> folded = FoldNormalization(parameters);");
        }
    }

    /// <summary>
    /// FoldNormalization: the copy of the folded layers' weights batch inference reads, rebuilt from the current
    /// parameters at every call (nothing is cached, so writes through Parameters and NonTrainableParameters always count).
    /// </summary>
    public static void WriteFoldNormalization(CodeWriter w, NetworkPlan plan)
    {
        if (plan.FoldedParameterLength == 0)
        {
            return;
        }

        w.Line("/// <summary>");
        w.Line("/// The parameters as batch inference reads them: every BatchNormalization after a linear layer folded into that layer's");
        w.Line("/// weights and biases (W' = s·W, b' = s·(b − moving μ) + β). Rebuilt from <paramref name=\"parameters\"/> at every call, in a");
        w.Line("/// buffer of the calling thread, so it never outlives a write to Parameters or NonTrainableParameters; its cost, one");
        w.Line("/// multiply per folded weight, is shared by the whole batch. Only the folded layers' values are written.");
        w.Line("/// </summary>");
        w.Open("private static global::System.ReadOnlySpan<float> FoldNormalization(global::System.ReadOnlySpan<float> parameters)");
        w.Line("global::System.Span<float> folded = t_foldedParameters ??= new " + Names.AlignedBuffer + "(" + CodeWriter.Int(plan.FoldedParameterLength) + ");");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer is BatchNormalizationLayerPlan { FoldsIntoPrevious: true } norm)
            {
                w.Line(norm.Name + "Fold(parameters, folded); // into " + plan.Previous(norm).Name);
            }
        }

        w.Line("return folded;");
        w.Close();
        w.Line();
        w.Comment("The folded copy of FoldNormalization, one per thread (PredictBatch's threads each fold for their own chunks), aligned");
        w.Comment("as θ is, so the folded rows start on the same cache-line boundaries as θ's and the kernels read them as fast.");
        w.Line("[global::System.ThreadStatic]");
        w.Line("private static " + Names.AlignedBuffer + "? t_foldedParameters;");
        w.Line();
    }

    private static void WriteProbabilities(CodeWriter w, NetworkPlan plan)
    {
        NetworkSpec spec = plan.Spec;
        bool binary = spec.Loss == LossKind.BinaryCrossentropy;
        w.Summary(binary
            ? "The probability of each output being true, σ(z), whatever form <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> returns."
            : "The probability of each class, softmax(z), whatever form <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> returns.");
        w.Line("/// <param name=\"input\">The sample: exactly <see cref=\"InputSize\"/> values.</param>");
        w.Line("/// <param name=\"probabilities\">Receives the <see cref=\"OutputSize\"/> probabilities.</param>");
        w.Open("public void PredictProbabilities(global::System.ReadOnlySpan<float> input, global::System.Span<float> probabilities)");
        // Checked here so that a wrong length names this method's argument, not Predict's "output".
        w.Line("RequireLength(probabilities.Length, OutputSize, \"probabilities\");");
        w.Line("Predict(input, probabilities);");
        if (spec.FromLogits)
        {
            if (binary)
            {
                w.Comment("Predict returns logits (FromLogits = true): apply the sigmoid the loss folds in.");
                w.Open("for (int j = 0; j < OutputSize; j++)");
                w.Line("probabilities[j] = global::Dendrite.Activations.Sigmoid(probabilities[j]);");
                w.Close();
            }
            else
            {
                w.Comment("Predict returns logits (FromLogits = true): apply the softmax the loss folds in.");
                w.Line("global::Dendrite.Activations.Softmax(probabilities, probabilities);");
            }
        }
        else
        {
            w.Comment("The output layer already applies " + plan.Output.Activation + ".");
        }

        w.Close();
        w.Line();
    }

    private static void WriteClassify(CodeWriter w, NetworkPlan plan)
    {
        NetworkSpec spec = plan.Spec;
        string threshold = spec.FromLogits ? "0f" : "0.5f";
        string thresholdText = spec.FromLogits ? "a logit above 0" : "a probability above 0.5";
        if (spec.Loss != LossKind.BinaryCrossentropy)
        {
            w.Line("/// <summary>The most likely class for one sample: the index of the largest output (arg max).</summary>");
            w.Line("/// <param name=\"input\">The sample: exactly <see cref=\"InputSize\"/> values.</param>");
            w.Open("public int Classify(global::System.ReadOnlySpan<float> input)");
            w.Line("global::System.Span<float> output = stackalloc float[OutputSize];");
            w.Line("Predict(input, output);");
            w.Line("return global::Dendrite.Activations.ArgMax(output);");
            w.Close();
            w.Line();
            return;
        }

        if (plan.OutputSize == 1)
        {
            w.Line("/// <summary>The predicted class of one sample: true for " + thresholdText + ".</summary>");
            w.Line("/// <param name=\"input\">The sample: exactly <see cref=\"InputSize\"/> values.</param>");
            w.Open("public bool Classify(global::System.ReadOnlySpan<float> input)");
            w.Line("global::System.Span<float> output = stackalloc float[1];");
            w.Line("Predict(input, output);");
            w.Line("return output[0] > " + threshold + ";");
            w.Close();
            w.Line();
            return;
        }

        w.Line("/// <summary>Multi-label prediction: each label is true for " + thresholdText + "; any number can be true.</summary>");
        w.Line("/// <param name=\"input\">The sample: exactly <see cref=\"InputSize\"/> values.</param>");
        w.Line("/// <param name=\"labels\">Receives one flag per output.</param>");
        w.Open("public void Classify(global::System.ReadOnlySpan<float> input, global::System.Span<bool> labels)");
        w.Line("RequireLength(labels.Length, OutputSize, \"labels\");");
        w.Line("global::System.Span<float> output = stackalloc float[OutputSize];");
        w.Line("Predict(input, output);");
        w.Open("for (int j = 0; j < OutputSize; j++)");
        w.Line("labels[j] = output[j] > " + threshold + ";");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteForward(CodeWriter w, NetworkPlan plan)
    {
        if (plan.InferenceChunk > 0)
        {
            w.Line("private const int InferenceChunk = " + CodeWriter.Int(plan.InferenceChunk) + "; // samples per Forward call in PredictBatch, and per block of its threads");
        }

        w.Summary(plan.FoldedParameterLength > 0
            ? "The forward pass of <paramref name=\"samples\"/> rows, as Predict runs it (BatchNormalization as an in-place epilogue); the output layer writes Z to <paramref name=\"logits\"/>, A to <paramref name=\"output\"/> (may be the same span)."
            : "The forward pass of <paramref name=\"samples\"/> rows; the output layer writes Z to <paramref name=\"logits\"/>, A to <paramref name=\"output\"/> (may be the same span).");
        w.Open("private static void Forward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> x, global::System.Span<float> logits, global::System.Span<float> output, int samples"
            + (plan.FirstLayerSharedInPredict is null ? ")" : ", " + ThreadedPredictEmitter.FirstLayerPartsClass + "? firstLayerParts = null)"));
        WriteForwardBody(w, plan, folded: false);
        w.Close();
        w.Line();
        if (plan.FoldedParameterLength > 0)
        {
            w.Summary("The forward pass of batch inference: as Forward, but each BatchNormalization after a linear layer is already in that layer's weights (<paramref name=\"folded\"/>, from FoldNormalization).");
            w.Open("private static void FoldedForward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> folded, global::System.ReadOnlySpan<float> x, global::System.Span<float> logits, global::System.Span<float> output, int samples)");
            WriteForwardBody(w, plan, folded: true);
            w.Close();
            w.Line();
            WriteFoldNormalization(w, plan);
        }
    }

    private static void WriteForwardBody(CodeWriter w, NetworkPlan plan, bool folded)
    {
        int hidden = plan.HiddenValues;
        if (hidden > 0)
        {
            w.Line("global::System.Span<float> scratch = t_inferenceScratch ??= new " + Names.AlignedBuffer + "(" + CodeWriter.Int(hidden) + " * InferenceChunk);");
        }

        int offset = 0;
        string previous = "x";
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.Index == plan.Layers.Count)
            {
                w.Line(layer.Name + "Forward(parameters, " + previous + ", logits, output, samples);");
                break;
            }

            if (layer is DropoutLayerPlan)
            {
                w.Comment(layer.Name + ": the identity in inference, so " + previous + " goes on unchanged (no copy).");
                continue;
            }

            if (layer is BatchNormalizationLayerPlan norm)
            {
                w.Line(NormalizationCall(plan, norm, previous, "samples", folded));
                continue;
            }

            if (layer.Index == 2 && !folded && plan.SecondLayerSharedInPredict is not null)
            {
                // Written with layer 1 (WriteSharedLayers).
                offset += layer.OutputSize;
                previous = "a" + layer.Index;
                continue;
            }

            string a = "a" + layer.Index;
            w.Line("global::System.Span<float> " + a + " = scratch.Slice(" + CodeWriter.Int(offset) + " * samples, " + CodeWriter.Int(layer.OutputSize) + " * samples);");
            string call = layer.Name + "Forward(" + ParametersOf(plan, layer, folded) + ", " + previous + ", " + a + ", " + a + ", samples);";
            if (layer.Index == 1 && !folded && plan.FirstLayerSharedInPredict is not null)
            {
                WriteSharedLayers(w, plan, call, previous, a, offset + layer.OutputSize);
            }
            else
            {
                w.Line(call);
            }

            offset += layer.OutputSize;
            previous = a;
        }
    }

    /// <summary>
    /// Layer 1 whole (and layer 2, when Predict shares it too), or (one sample, Predict with maxThreads) in the two parts
    /// of <see cref="ThreadedPredictEmitter.FirstLayerPartsClass"/>.
    /// </summary>
    private static void WriteSharedLayers(CodeWriter w, NetworkPlan plan, string call, string input, string activations, int secondOffset)
    {
        DenseLayerPlan? second = plan.SecondLayerSharedInPredict;
        string secondActivations = second is null ? string.Empty : "a" + second.Index;
        if (second is not null)
        {
            w.Line("global::System.Span<float> " + secondActivations + " = scratch.Slice(" + CodeWriter.Int(secondOffset) + " * samples, " + CodeWriter.Int(second.OutputSize) + " * samples);");
        }

        w.Open("if (firstLayerParts is null)");
        w.Line(call);
        if (second is not null)
        {
            w.Line(second.Name + "Forward(parameters, " + activations + ", " + secondActivations + ", " + secondActivations + ", samples);");
        }

        w.Close();
        w.Open("else");
        w.Comment(second is null
            ? "One sample of Predict(input, output, maxThreads): layer 1 in two parts, the second on a helper thread when it is free (plumbing file)."
            : "One sample of Predict(input, output, maxThreads): layers 1 and 2 each in two parts, the second parts on a helper thread when it is free (plumbing file).");
        w.Line("global::Dendrite.FirstLayerSharing.Run(firstLayerParts, " + input + ", " + activations + (second is null ? string.Empty : ", " + secondActivations) + ");");
        w.Close();
    }

    /// <summary>"folded" for a layer a BatchNormalization folds into, when the folded parameters are in use; else "parameters".</summary>
    public static string ParametersOf(NetworkPlan plan, LayerPlan layer, bool folded) =>
        folded && layer.Index < plan.Layers.Count && plan.Layers[layer.Index] is BatchNormalizationLayerPlan { FoldsIntoPrevious: true }
            ? "folded"
            : "parameters";

    /// <summary>What inference does for a BatchNormalization layer, in place on <paramref name="previous"/> (the layer before it's output).</summary>
    public static string NormalizationCall(NetworkPlan plan, BatchNormalizationLayerPlan norm, string previous, string samples, bool folded)
    {
        string before = plan.Previous(norm).Name;
        if (!folded || !norm.FoldsIntoPrevious)
        {
            return norm.Name + "Normalize(parameters, " + previous + ", " + samples + "); // the epilogue of " + before + ": scale and shift per channel, in place";
        }

        return norm.Activation == ActivationKind.Linear
            ? "// " + norm.Name + ": folded into " + before + "'s weights, and linear: nothing left to do."
            : norm.Name + "Activation(" + previous + ", " + samples + "); // folded into " + before + "'s weights; its " + norm.Activation + " is left";
    }
}
