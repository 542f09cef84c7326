using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// A BatchNormalization layer's readable code: the inference epilogue (moving statistics, one scale and shift per
/// channel, in place on the previous layer's output), the fold of that scale and shift into the previous layer's
/// weights that batch inference uses when that layer is linear, the training forward (batch statistics, x̂ kept for the backward pass, moving statistics updated), the
/// hand-derived backward with its batch-coupled terms (phase 1, over the whole batch) and dγ, dβ (phase 2). Values of
/// one channel are every C-th value of the batch (C = units of a vector, channels of a channels-last image), so each
/// loop walks the rows of the batch in order with the channels inside: sums are added in sample order.
/// </summary>
internal static class BatchNormalizationEmitter
{
    private const string ReadOnlySpan = Names.ReadOnlySpanOfFloat;
    private const string Span = Names.SpanOfFloat;

    /// <summary>"BatchNormalization(ReLU)".</summary>
    public static string Title(BatchNormalizationLayerPlan layer) => "BatchNormalization(" + layer.Activation + ")";

    /// <summary>The non-trainable values' constants and the batch statistics' scratch, relative to the end of the parameters.</summary>
    public static void WriteLayout(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels);
        w.Line("private const int " + layer.Name + "MovingMean = ParameterCount + " + CodeWriter.Int(layer.StateOffset) + "; // moving μ[" + l + "]: " + c + ", not trainable");
        w.Line("private const int " + layer.Name + "MovingVariance = ParameterCount + " + CodeWriter.Int(layer.StateOffset + layer.Channels) + "; // moving σ²[" + l + "]: " + c + ", not trainable");
        w.Line("private const int " + layer.Name + "BatchStatistics = ParameterCount + NonTrainableParameterCount + " + CodeWriter.Int(layer.StatisticsOffset)
            + "; // scratch of a training step: μ_B, 1/√(σ²_B + ε), Σ dZ, Σ dZ·x̂, " + c + " each");
    }

    public static void Write(CodeWriter w, BatchNormalizationLayerPlan layer, LayerPlan previous)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels);
        string per = layer.PixelsPerChannel == 1 ? "per unit" : "per channel, over the " + CodeWriter.Int(layer.PixelsPerChannel) + " pixels of each sample";
        w.Line("// Layer " + l + ": " + Title(layer) + ", " + layer.Input + ", " + c + " channels (" + per + "), γ[" + l + "] and β[" + l + "]: " + CodeWriter.Int(layer.ParameterCount) + " parameters");
        w.Line("//   Training:  μ_B = (1/N) Σ x,  σ²_B = (1/N) Σ (x − μ_B)²  over the N = samples × " + CodeWriter.Int(layer.PixelsPerChannel) + " values of a channel (biased, as Keras)");
        w.Line("//              x̂ = (x − μ_B) / √(σ²_B + ε),  Z = γ·x̂ + β,  A = g(Z), g = " + ActivationEmitter.Formula(layer.Activation) + ", ε = 0.001");
        w.Line("//              moving μ ← 0.99·moving μ + 0.01·μ_B,  moving σ² ← 0.99·moving σ² + 0.01·σ²_B  (Keras: momentum 0.99, the biased σ²_B)");
        w.Line("//   Inference: Z = x·s + t,  s = γ / √(moving σ² + ε),  t = β − moving μ·s: one scale and shift per channel, applied in place to");
        if (layer.FoldsIntoPrevious)
        {
            w.Line("//              layer " + CodeWriter.Int(previous.Index) + "'s output by Predict; batch inference (PredictBatch, Evaluate) folds it into layer " + CodeWriter.Int(previous.Index) + "'s");
            w.Line("//              weights once per call instead, W' = s·W, b' = s·(b − moving μ) + β, since x = Z[" + CodeWriter.Int(previous.Index) + "] = A_prev·Wᵀ + b");
        }
        else
        {
            w.Line("//              layer " + CodeWriter.Int(previous.Index) + "'s output (not folded into its weights: its " + previous.Activation + " stands between its Z and x)");
        }

        w.Line("//   Backward:  dZ = dA ⊙ g'(Z),  dβ = Σ dZ,  dγ = Σ dZ·x̂  (sums over the N values of the channel)");
        w.Line("//              dx = (γ / √(σ²_B + ε)) · (dZ − (dβ + x̂·dγ) / N): μ_B and σ²_B depend on every sample, hence the two sums");
        WriteNormalize(w, layer, previous);
        if (layer.FoldsIntoPrevious)
        {
            WriteFold(w, layer, previous);
            WriteFoldedActivation(w, layer);
        }

        WriteTraining(w, layer);
        WriteBackward(w, layer);
        WriteWeightGradients(w, layer);
    }

    /// <summary>s = γ/√(moving σ² + ε) for channel <c>c</c>, as the inference methods compute it.</summary>
    private static string Scale(BatchNormalizationLayerPlan layer) =>
        "parameters[" + layer.Name + "Weights + c] / global::System.MathF.Sqrt(parameters[" + layer.Name + "MovingVariance + c] + " + CodeWriter.Float(BatchNormalizationLayerPlan.Epsilon) + ")";

    private static void WriteNormalize(CodeWriter w, BatchNormalizationLayerPlan layer, LayerPlan previous)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels), n = CodeWriter.Int(layer.OutputSize), p = CodeWriter.Int(previous.Index);
        w.Line("/// <summary>Layer " + l + " for inference, the epilogue of layer " + p + "'s forward: Z = x·s + t per channel from the moving statistics, then A = g(Z), in place.</summary>");
        w.Line("/// <param name=\"parameters\">θ with γ[" + l + "] and β[" + l + "], followed by the moving statistics.</param>");
        w.Line("/// <param name=\"a\">samples × " + n + ": A[" + p + "] on entry, A[" + l + "] on return.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Normalize(" + ReadOnlySpan + " parameters, " + Span + " a, int samples)");
        int period = layer.ScaleShiftPeriod;
        w.Line("const int C = " + c + ", Period = " + CodeWriter.Int(period) + ";");
        w.Comment("s and t per channel, once per call (one buffer per thread, so Predict stays allocation-free and thread-safe),");
        w.Comment(period == layer.Channels
            ? "for one row of channels: the kernel walks the values row by row."
            : "repeated over " + CodeWriter.Int(period / layer.Channels) + " rows of channels, a period that whole vectors divide: the kernel walks the values in periods.");
        w.Line("float[] scaleShift = t_" + layer.Name + "ScaleShift ??= new float[2 * Period];");
        w.Open("for (int c = 0; c < C; c++)");
        w.Line("float s = " + Scale(layer) + "; // s = γ / √(moving σ² + ε)");
        w.Line("scaleShift[c] = s;");
        w.Line("scaleShift[Period + c] = parameters[" + layer.Name + "Biases + c] - (parameters[" + layer.Name + "MovingMean + c] * s); // t = β − moving μ·s");
        w.Close();
        w.Line();
        if (period != layer.Channels)
        {
            w.Open("for (int i = C; i < Period; i++)");
            w.Line("scaleShift[i] = scaleShift[i - C];");
            w.Line("scaleShift[Period + i] = scaleShift[Period + i - C];");
            w.Close();
            w.Line();
        }

        w.Comment("Z = x·s + t per channel, in place.");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.ScaleShiftName) + "(a.Slice(0, samples * " + n + "), new " + ReadOnlySpan + "(scaleShift, 0, Period), new " + ReadOnlySpan + "(scaleShift, Period, Period));");
        if (layer.Activation != ActivationKind.Linear)
        {
            w.Line();
            w.Line(Span + " z = a;");
            ActivationEmitter.WriteForward(w, layer, "samples", layer.OutputSize);
        }

        w.Close();
        w.Line();
        w.Comment("Layer " + l + "'s inference scale s and shift t per channel, one buffer per thread (see " + layer.Name + "Normalize).");
        w.Line("[global::System.ThreadStatic]");
        w.Line("private static float[]? t_" + layer.Name + "ScaleShift;");
        w.Line();
    }

    private static void WriteFold(CodeWriter w, BatchNormalizationLayerPlan layer, LayerPlan previous)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels), p = CodeWriter.Int(previous.Index);
        bool conv = previous is Conv2DLayerPlan;
        w.Line("/// <summary>");
        w.Line("/// Folds layer " + l + " into layer " + p + "'s weights for batch inference: W'[" + p + "] = s·W[" + p + "] and b'[" + p + "] = s·(b[" + p + "] − moving μ) + β, s = γ / √(moving σ² + ε)");
        w.Line("/// per " + (conv ? "filter" : "unit") + ", so that A_prev·W'ᵀ + b' = (A_prev·Wᵀ + b)·s + t. Computed from the current parameters at every call, so a");
        w.Line("/// direct write to Parameters or NonTrainableParameters is always seen.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"parameters\">θ, followed by the moving statistics.</param>");
        w.Line("/// <param name=\"folded\">The folded copy: layer " + p + "'s weights and biases are overwritten (same offsets as in θ).</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Fold(" + ReadOnlySpan + " parameters, " + Span + " folded)");
        w.Line("const int C = " + c + ";");
        w.Open("for (int c = 0; c < C; c++)");
        w.Line("float s = " + Scale(layer) + "; // s = γ / √(moving σ² + ε)");
        w.Line("folded[" + previous.Name + "Biases + c] = (s * (parameters[" + previous.Name + "Biases + c] - parameters[" + layer.Name + "MovingMean + c])) + parameters[" + layer.Name + "Biases + c]; // b' = s·(b − moving μ) + β");
        if (conv)
        {
            w.Comment("W is [kh][kw][c_in][filters]: filter c's weights are every C-th value from c.");
            w.Open("for (int i = " + previous.Name + "Weights + c; i < " + previous.Name + "Biases; i += C)");
            w.Line("folded[i] = parameters[i] * s;");
            w.Close();
        }
        else
        {
            string inputs = CodeWriter.Int(previous.InputSize);
            w.Comment("W is units × inputs: unit c's weights are row c.");
            w.Line(ReadOnlySpan + " row = parameters.Slice(" + previous.Name + "Weights + (c * " + inputs + "), " + inputs + ");");
            w.Line(Span + " foldedRow = folded.Slice(" + previous.Name + "Weights + (c * " + inputs + "), " + inputs + ");");
            w.Open("for (int i = 0; i < " + inputs + "; i++)");
            w.Line("foldedRow[i] = row[i] * s;");
            w.Close();
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>After folding, what is left of the layer in inference: its activation, in place on the folded layer's output.</summary>
    private static void WriteFoldedActivation(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        if (layer.Activation == ActivationKind.Linear)
        {
            return;
        }

        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>Layer " + l + " in batch inference once folded: A = g(Z) in place, Z being the folded layer's output.</summary>");
        w.Line("/// <param name=\"a\">samples × " + n + ": Z[" + l + "] on entry, A[" + l + "] on return.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "FoldedActivation(" + Span + " a, int samples)");
        w.Line(Span + " z = a;");
        ActivationEmitter.WriteForward(w, layer, "samples", layer.OutputSize);
        w.Close();
        w.Line();
    }

    private static void WriteTraining(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels), n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " forward for training, over the whole batch (its statistics couple the samples): x̂ and A from the batch");
        w.Line("/// statistics, which it keeps for the backward pass, and one step of the moving statistics.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"parameters\">θ, then the moving statistics (updated), then the step's scratch (written).</param>");
        w.Line("/// <param name=\"input\">A[" + CodeWriter.Int(layer.Index - 1) + "]: samples × " + n + ".</param>");
        w.Line("/// <param name=\"normalized\">x̂[" + l + "]: samples × " + n + ", written.</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: samples × " + n + ", written.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch: all of it.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "TrainingForward(" + Span + " parameters, " + ReadOnlySpan + " input, " + Span + " normalized, " + Span + " a, int samples)");
        w.Line("const int C = " + c + ";");
        w.Line("int rows = samples * " + CodeWriter.Int(layer.PixelsPerChannel) + ";");
        w.Line("float n = rows; // N, the values of one channel in the batch");
        w.Line(Span + " mean = parameters.Slice(" + layer.Name + "BatchStatistics, C);");
        w.Line(Span + " inverse = parameters.Slice(" + layer.Name + "BatchStatistics + C, C); // σ²_B, then 1/√(σ²_B + ε)");
        w.Line("mean.Clear();");
        w.Line("inverse.Clear();");
        w.Comment("μ_B = (1/N) Σ x, added row by row in sample order.");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.SumsName) + "(input, mean, rows, C, 0, C);");
        w.Open("for (int c = 0; c < C; c++)");
        w.Line("mean[c] /= n;");
        w.Close();
        w.Line();
        w.Comment("σ²_B = (1/N) Σ (x − μ_B)², two passes (no cancellation); 0 for a batch of one vector, and then x̂ = 0, as in Keras.");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.SquaredDeviationsName) + "(input, mean, inverse, rows, C, 0, C);");
        w.Open("for (int c = 0; c < C; c++)");
        w.Line("float variance = inverse[c] / n;");
        w.Comment("Moving statistics, Keras' update with momentum 0.99: moving = moving·0.99 + batch·(1 − 0.99).");
        w.Line("parameters[" + layer.Name + "MovingMean + c] = (parameters[" + layer.Name + "MovingMean + c] * " + CodeWriter.Float(BatchNormalizationLayerPlan.Momentum) + ") + (mean[c] * (1f - " + CodeWriter.Float(BatchNormalizationLayerPlan.Momentum) + "));");
        w.Line("parameters[" + layer.Name + "MovingVariance + c] = (parameters[" + layer.Name + "MovingVariance + c] * " + CodeWriter.Float(BatchNormalizationLayerPlan.Momentum) + ") + (variance * (1f - " + CodeWriter.Float(BatchNormalizationLayerPlan.Momentum) + "));");
        w.Line("inverse[c] = 1f / global::System.MathF.Sqrt(variance + " + CodeWriter.Float(BatchNormalizationLayerPlan.Epsilon) + ");");
        w.Close();
        w.Line();
        w.Comment("x̂ = (x − μ_B)·(1/√(σ²_B + ε)), Z = γ·x̂ + β.");
        w.Line(ReadOnlySpan + " gamma = parameters.Slice(" + layer.Name + "Weights, C), beta = parameters.Slice(" + layer.Name + "Biases, C);");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.NormalizeName) + "(input, normalized, a, mean, inverse, gamma, beta, rows, C, 0, C);");
        w.Line();
        w.Line(Span + " z = a;");
        ActivationEmitter.WriteForward(w, layer, "samples", layer.OutputSize);
        w.Close();
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels), n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " backward, phase 1 of a training step, over the whole batch: dZ in place, then dx with the two batch sums");
        w.Line("/// (the same sums as dβ and dγ; phase 2 adds them into the gradients, " + layer.Name + "WeightGradients).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"parameters\">θ with γ[" + l + "], and the step's scratch: 1/√(σ²_B + ε) read, the sums written.</param>");
        w.Line("/// <param name=\"normalized\">x̂[" + l + "]: samples × " + n + ", as the training forward left it.</param>");
        w.Line("/// <param name=\"a\">A[" + l + "]: samples × " + n + ".</param>");
        w.Line("/// <param name=\"delta\">samples × " + n + ": dA[" + l + "] on entry, dZ[" + l + "] on return.</param>");
        w.Line("/// <param name=\"inputGradient\">dA[" + CodeWriter.Int(layer.Index - 1) + "]: samples × " + n + ", overwritten.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch: all of it.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Backward(" + Span + " parameters, " + ReadOnlySpan + " normalized, " + ReadOnlySpan + " a, " + Span + " delta, " + Span + " inputGradient, int samples)");
        ActivationEmitter.WriteDerivative(w, layer, "samples", layer.OutputSize);
        w.Line("const int C = " + c + ";");
        w.Line("int rows = samples * " + CodeWriter.Int(layer.PixelsPerChannel) + ";");
        w.Line("float n = rows;");
        w.Line(ReadOnlySpan + " gamma = parameters.Slice(" + layer.Name + "Weights, C), inverse = parameters.Slice(" + layer.Name + "BatchStatistics + C, C);");
        w.Line(Span + " sumDelta = parameters.Slice(" + layer.Name + "BatchStatistics + (2 * C), C), sumDeltaXHat = parameters.Slice(" + layer.Name + "BatchStatistics + (3 * C), C);");
        w.Line("sumDelta.Clear();");
        w.Line("sumDeltaXHat.Clear();");
        w.Comment("Σ dZ and Σ dZ·x̂ per channel, in sample order.");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.GradientSumsName) + "(delta, normalized, sumDelta, sumDeltaXHat, rows, C, 0, C);");
        w.Comment("dx = (γ/√(σ²_B + ε))·(dZ − (Σ dZ + x̂·Σ dZ·x̂)/N).");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.InputGradientName) + "(delta, normalized, inputGradient, gamma, inverse, sumDelta, sumDeltaXHat, n, rows, C, 0, C);");
        w.Close();
        w.Line();
    }

    private static void WriteWeightGradients(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels), n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>Layer " + l + " phase 2, shard <paramref name=\"shard\"/> of <paramref name=\"shards\"/> of the channels: dγ = Σ dZ·x̂, dβ = Σ dZ, in sample order.</summary>");
        w.Line("/// <param name=\"normalized\">x̂[" + l + "]: m × " + n + ".</param>");
        w.Line("/// <param name=\"delta\">dZ[" + l + "]: m × " + n + ".</param>");
        w.Line("/// <param name=\"gradients\">∂cost/∂θ; this layer's γ and β entries of this shard are overwritten.</param>");
        w.Line("/// <param name=\"m\">Samples in the batch.</param>");
        w.Line("/// <param name=\"shard\">This shard.</param>");
        w.Line("/// <param name=\"shards\">Shards in all.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "WeightGradients(" + ReadOnlySpan + " normalized, " + ReadOnlySpan + " delta, " + Span + " gradients, int m, int shard, int shards)");
        w.Line("const int C = " + c + ";");
        w.Line("int rows = m * " + CodeWriter.Int(layer.PixelsPerChannel) + ";");
        w.Line("int first = shard * C / shards, count = ((shard + 1) * C / shards) - first;");
        w.Line(Span + " dGamma = gradients.Slice(" + layer.Name + "Weights + first, count), dBeta = gradients.Slice(" + layer.Name + "Biases + first, count);");
        w.Line("dGamma.Clear();");
        w.Line("dBeta.Clear();");
        w.Comment("dβ = Σ dZ and dγ = Σ dZ·x̂ for this shard's channels, row by row in sample order.");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.GradientSumsName) + "(delta, normalized, dBeta, dGamma, rows, C, first, count);");
        w.Close();
        w.Line();
    }
}
