using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// A BatchNormalization layer's readable code: the inference epilogue (moving statistics, one scale and shift per
/// channel, in place on the previous layer's output), the fold of that scale and shift into the previous layer's
/// weights that batch inference uses when that layer is linear, and its activation; the training passes are
/// <see cref="BatchNormalizationTrainingEmitter"/>'s. Values of one channel are every C-th value of the batch (C = units
/// of a vector, channels of a channels-last image), so each loop walks the rows of the batch in order with the channels
/// inside: sums are added in sample order.
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
            + "; // scratch of a training step: μ_B and 1/√(σ²_B + ε), " + c + " each");
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
        }

        if (layer.Activation != ActivationKind.Linear)
        {
            WriteActivation(w, layer);
        }

        BatchNormalizationTrainingEmitter.Write(w, layer);
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
        w.Line(Span + " scaleShift = t_" + layer.Name + "ScaleShift ??= new " + Names.AlignedBuffer + "(2 * Period);");
        w.Comment("s = γ / √(moving σ² + ε), t = β − moving μ·s.");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.ScaleShiftFactorsName) + "(parameters.Slice(" + layer.Name + "Weights, C), parameters.Slice(" + layer.Name + "Biases, C), parameters.Slice(" + layer.Name + "MovingMean, C), parameters.Slice(" + layer.Name + "MovingVariance, C), "
            + CodeWriter.Float(BatchNormalizationLayerPlan.Epsilon) + ", scaleShift.Slice(0, C), scaleShift.Slice(Period, C));");
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
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.ScaleShiftName) + "(a.Slice(0, samples * " + n + "), scaleShift.Slice(0, Period), scaleShift.Slice(Period, Period));");
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
        w.Line("private static " + Names.AlignedBuffer + "? t_" + layer.Name + "ScaleShift;");
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
            w.Comment("W' = s·W a vector at a time, then one at a time: each product is the one a scalar loop makes.");
            w.Line(Names.VectorOfFloat + " sv = new(s);");
            w.Line("int i = 0;");
            w.Open("for (; i <= " + inputs + " - " + Names.VectorOfFloat + ".Count; i += " + Names.VectorOfFloat + ".Count)");
            w.Line("(new " + Names.VectorOfFloat + "(row.Slice(i)) * sv).CopyTo(foldedRow.Slice(i));");
            w.Close();
            w.Open("for (; i < " + inputs + "; i++)");
            w.Line("foldedRow[i] = row[i] * s;");
            w.Close();
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The layer's activation, A = g(Z) in place: in batch inference after the folded layer's output, and in a training
    /// step after the training forward's Z.
    /// </summary>
    private static void WriteActivation(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>Layer " + l + "'s activation, A = g(Z) in place, after its training forward or, in batch inference, after the folded layer's output.</summary>");
        w.Line("/// <param name=\"a\">samples × " + n + ": Z[" + l + "] on entry, A[" + l + "] on return.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Activation(" + Span + " a, int samples)");
        w.Line(Span + " z = a;");
        ActivationEmitter.WriteForward(w, layer, "samples", layer.OutputSize);
        w.Close();
        w.Line();
    }
}
