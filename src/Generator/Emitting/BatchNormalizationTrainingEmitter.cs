using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// A BatchNormalization layer's passes in a training step (phase 1; see <c>Planning/TrainingPartPlanner</c>): by
/// samples, the partial sums of an image's pixels, x̂ and Z, g' and dx; over the batch, on one thread, μ_B, σ²_B (and a
/// step of the moving statistics) and the sums dβ = Σ dZ, dγ = Σ dZ·x̂, which it writes straight into the gradients,
/// where dx then reads them. Every sum adds its values in an order the batch alone fixes: each sample's pixels in
/// order, then the samples in order.
/// </summary>
internal static class BatchNormalizationTrainingEmitter
{
    private const string ReadOnlySpan = Names.ReadOnlySpanOfFloat;
    private const string Span = Names.SpanOfFloat;

    public static void Write(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        if (layer.HasPartialSums)
        {
            WritePartialSums(w, layer);
        }

        WriteBatchMean(w, layer);
        if (layer.HasPartialSums)
        {
            WritePartialSquares(w, layer);
        }

        WriteBatchVariance(w, layer);
        WriteTrainingForward(w, layer);
        if (layer.Activation != ActivationKind.Linear)
        {
            WriteActivationBackward(w, layer);
        }

        if (layer.HasPartialSums)
        {
            WriteGradientPartials(w, layer);
        }

        WriteBatchGradientSums(w, layer);
        WriteBackward(w, layer);
    }

    /// <summary>"const int C = 32;" and N, the values of a channel in the batch.</summary>
    private static void WriteSizes(CodeWriter w, BatchNormalizationLayerPlan layer, string samples)
    {
        w.Line("const int C = " + CodeWriter.Int(layer.Channels) + ";");
        w.Line("float n = " + samples + (layer.PixelsPerChannel == 1 ? string.Empty : " * " + CodeWriter.Int(layer.PixelsPerChannel)) + "; // N, the values of one channel in the batch");
    }

    private static string PartialsDoc(BatchNormalizationLayerPlan layer) =>
        "/// <param name=\"partials\">samples × 2·" + CodeWriter.Int(layer.Channels) + ": each sample's partial sums (Σ over its pixels per channel).</param>";

    private static void WritePartialSums(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Summary("Layer " + l + " for training, by samples: Σ x over each sample's " + CodeWriter.Int(layer.PixelsPerChannel) + " pixels per channel, into the first half of its partial sums.");
        w.Line("/// <param name=\"input\">A[" + CodeWriter.Int(layer.Index - 1) + "]: samples × " + n + ".</param>");
        w.Line(PartialsDoc(layer));
        w.Line("/// <param name=\"samples\">Rows of this shard.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "PixelSums(" + ReadOnlySpan + " input, " + Span + " partials, int samples)");
        w.Line("const int C = " + CodeWriter.Int(layer.Channels) + ";");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line(Span + " sums = partials.Slice(s * 2 * C, C);");
        w.Line("sums.Clear();");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.SumsName) + "(input.Slice(s * " + n + ", " + n + "), sums, " + CodeWriter.Int(layer.PixelsPerChannel) + ", C, 0, C);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WritePartialSquares(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Summary("Layer " + l + " for training, by samples: Σ (x − μ_B)² over each sample's pixels per channel, into the second half of its partial sums.");
        w.Line("/// <param name=\"parameters\">θ, then the step's scratch: μ_B read.</param>");
        w.Line("/// <param name=\"input\">A[" + CodeWriter.Int(layer.Index - 1) + "]: samples × " + n + ".</param>");
        w.Line(PartialsDoc(layer));
        w.Line("/// <param name=\"samples\">Rows of this shard.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "PixelSquares(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " input, " + Span + " partials, int samples)");
        w.Line("const int C = " + CodeWriter.Int(layer.Channels) + ";");
        w.Line(ReadOnlySpan + " mean = parameters.Slice(" + layer.Name + "BatchStatistics, C);");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line(Span + " sums = partials.Slice((s * 2 * C) + C, C);");
        w.Line("sums.Clear();");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.SquaredDeviationsName) + "(input.Slice(s * " + n + ", " + n + "), mean, sums, " + CodeWriter.Int(layer.PixelsPerChannel) + ", C, 0, C);");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>The doc of a pass over the batch's values argument: the partial sums, or the values themselves.</summary>
    private static void WriteValuesDoc(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        w.Line(layer.HasPartialSums
            ? "/// <param name=\"values\">m × 2·" + CodeWriter.Int(layer.Channels) + ": the samples' partial sums.</param>"
            : "/// <param name=\"values\">A[" + CodeWriter.Int(layer.Index - 1) + "]: m × " + CodeWriter.Int(layer.Channels) + ".</param>");
        w.Line("/// <param name=\"m\">Samples in the batch.</param>");
    }

    private static void WriteBatchMean(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        w.Summary("Layer " + l + " for training, over the batch on one thread: μ_B = (1/N) Σ x per channel.");
        w.Line("/// <param name=\"parameters\">θ, then the step's scratch: μ_B written.</param>");
        WriteValuesDoc(w, layer);
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "BatchMean(" + Span + " parameters, " + ReadOnlySpan + " values, int m)");
        WriteSizes(w, layer, "m");
        w.Line(Span + " mean = parameters.Slice(" + layer.Name + "BatchStatistics, C);");
        w.Line("mean.Clear();");
        w.Comment(layer.HasPartialSums ? "Σ x: the samples' partial sums, added in sample order." : "Σ x: the values, added row by row in sample order.");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.SumsName) + "(values, mean, m, " + (layer.HasPartialSums ? "2 * C" : "C") + ", 0, C);");
        w.Open("for (int c = 0; c < C; c++)");
        w.Line("mean[c] /= n;");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteBatchVariance(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string momentum = CodeWriter.Float(BatchNormalizationLayerPlan.Momentum), shown = momentum.TrimEnd('f');
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " for training, over the batch on one thread: σ²_B = (1/N) Σ (x − μ_B)² per channel (two passes, no");
        w.Line("/// cancellation; 0 for a batch of one vector, and then x̂ = 0, as in Keras), 1/√(σ²_B + ε), and one step of the moving statistics.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"parameters\">θ, then the moving statistics (updated), then the step's scratch: μ_B read, 1/√(σ²_B + ε) written.</param>");
        WriteValuesDoc(w, layer);
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "BatchVariance(" + Span + " parameters, " + ReadOnlySpan + " values, int m)");
        WriteSizes(w, layer, "m");
        w.Line(ReadOnlySpan + " mean = parameters.Slice(" + layer.Name + "BatchStatistics, C);");
        w.Line(Span + " inverse = parameters.Slice(" + layer.Name + "BatchStatistics + C, C); // Σ (x − μ_B)², then 1/√(σ²_B + ε)");
        w.Line("inverse.Clear();");
        if (layer.HasPartialSums)
        {
            w.Comment("Σ (x − μ_B)²: the samples' partial sums, added in sample order.");
            w.Line(w.Kernel(BatchNormalizationKernelEmitter.SumsName) + "(values, inverse, m, 2 * C, C, C);");
        }
        else
        {
            w.Comment("Σ (x − μ_B)², row by row in sample order.");
            w.Line(w.Kernel(BatchNormalizationKernelEmitter.SquaredDeviationsName) + "(values, mean, inverse, m, C, 0, C);");
        }

        w.Open("for (int c = 0; c < C; c++)");
        w.Line("float variance = inverse[c] / n;");
        w.Comment("Moving statistics, Keras' update with momentum " + shown + ": moving = moving·" + shown + " + batch·(1 − " + shown + ").");
        w.Line("parameters[" + layer.Name + "MovingMean + c] = (parameters[" + layer.Name + "MovingMean + c] * " + momentum + ") + (mean[c] * (1f - " + momentum + "));");
        w.Line("parameters[" + layer.Name + "MovingVariance + c] = (parameters[" + layer.Name + "MovingVariance + c] * " + momentum + ") + (variance * (1f - " + momentum + "));");
        w.Line("inverse[c] = 1f / global::System.MathF.Sqrt(variance + " + CodeWriter.Float(BatchNormalizationLayerPlan.Epsilon) + ");");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteTrainingForward(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " forward for training, by samples: x̂ = (x − μ_B)·(1/√(σ²_B + ε)), kept for the backward pass, and Z = γ·x̂ + β,");
        w.Line("/// from the batch statistics " + layer.Name + "BatchMean and " + layer.Name + "BatchVariance left in the scratch."
            + (layer.Activation == ActivationKind.Linear ? " g is linear, so A is Z." : " A = g(Z) follows (" + layer.Name + "Activation)."));
        w.Line("/// </summary>");
        w.Line("/// <param name=\"parameters\">θ, then the step's scratch: μ_B and 1/√(σ²_B + ε) read.</param>");
        w.Line("/// <param name=\"input\">A[" + CodeWriter.Int(layer.Index - 1) + "]: samples × " + n + ".</param>");
        w.Line("/// <param name=\"normalized\">x̂[" + l + "]: samples × " + n + ", written.</param>");
        w.Line("/// <param name=\"z\">Z[" + l + "], in A[" + l + "]'s place: samples × " + n + ", written.</param>");
        w.Line("/// <param name=\"samples\">Rows of this shard.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "TrainingForward(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " input, " + Span + " normalized, " + Span + " z, int samples)");
        w.Line("const int C = " + CodeWriter.Int(layer.Channels) + ";");
        w.Line(ReadOnlySpan + " mean = parameters.Slice(" + layer.Name + "BatchStatistics, C), inverse = parameters.Slice(" + layer.Name + "BatchStatistics + C, C);");
        w.Line(ReadOnlySpan + " gamma = parameters.Slice(" + layer.Name + "Weights, C), beta = parameters.Slice(" + layer.Name + "Biases, C);");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.NormalizeName) + "(input, normalized, z, mean, inverse, gamma, beta, samples" + Pixels(layer) + ", C, 0, C);");
        w.Close();
        w.Line();
    }

    /// <summary>" * 676", the rows of a sample, or nothing for a vector.</summary>
    private static string Pixels(BatchNormalizationLayerPlan layer) =>
        layer.PixelsPerChannel == 1 ? string.Empty : " * " + CodeWriter.Int(layer.PixelsPerChannel);

    private static void WriteActivationBackward(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Summary("Layer " + l + "'s activation backward, by samples: dZ = dA ⊙ g'(Z) in place, before the sums over the batch.");
        w.Line("/// <param name=\"a\">A[" + l + "]: samples × " + n + ".</param>");
        w.Line("/// <param name=\"delta\">samples × " + n + ": dA[" + l + "] on entry, dZ[" + l + "] on return.</param>");
        w.Line("/// <param name=\"samples\">Rows of this shard.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "ActivationBackward(" + ReadOnlySpan + " a, " + Span + " delta, int samples)");
        ActivationEmitter.WriteDerivative(w, layer, "samples", layer.OutputSize);
        w.Close();
        w.Line();
    }

    private static void WriteGradientPartials(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Summary("Layer " + l + " backward, by samples: Σ dZ and Σ dZ·x̂ over each sample's pixels per channel, into its partial sums.");
        w.Line("/// <param name=\"delta\">dZ[" + l + "]: samples × " + n + ".</param>");
        w.Line("/// <param name=\"normalized\">x̂[" + l + "]: samples × " + n + ".</param>");
        w.Line(PartialsDoc(layer));
        w.Line("/// <param name=\"samples\">Rows of this shard.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "PixelGradientSums(" + ReadOnlySpan + " delta, " + ReadOnlySpan + " normalized, " + Span + " partials, int samples)");
        w.Line("const int C = " + CodeWriter.Int(layer.Channels) + ";");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line(Span + " sumDelta = partials.Slice(s * 2 * C, C), sumDeltaXHat = partials.Slice((s * 2 * C) + C, C);");
        w.Line("sumDelta.Clear();");
        w.Line("sumDeltaXHat.Clear();");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.GradientSumsName) + "(delta.Slice(s * " + n + ", " + n + "), normalized.Slice(s * " + n + ", " + n + "), sumDelta, sumDeltaXHat, " + CodeWriter.Int(layer.PixelsPerChannel) + ", C, 0, C);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteBatchGradientSums(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), c = CodeWriter.Int(layer.Channels);
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " backward, over the batch on one thread: dβ = Σ dZ and dγ = Σ dZ·x̂ per channel, written into the gradients,");
        w.Line("/// where " + layer.Name + "Backward reads them as the two sums of dx.");
        w.Line("/// </summary>");
        string parameters;
        if (layer.HasPartialSums)
        {
            w.Line("/// <param name=\"partials\">m × 2·" + c + ": the samples' partial sums Σ dZ and Σ dZ·x̂.</param>");
            parameters = ReadOnlySpan + " partials";
        }
        else
        {
            w.Line("/// <param name=\"delta\">dZ[" + l + "]: m × " + c + ".</param>");
            w.Line("/// <param name=\"normalized\">x̂[" + l + "]: m × " + c + ".</param>");
            parameters = ReadOnlySpan + " delta, " + ReadOnlySpan + " normalized";
        }

        w.Line("/// <param name=\"gradients\">∂cost/∂θ: this layer's γ and β entries are overwritten.</param>");
        w.Line("/// <param name=\"m\">Samples in the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "BatchGradientSums(" + parameters + ", " + Span + " gradients, int m)");
        w.Line("const int C = " + c + ";");
        w.Line(Span + " dGamma = gradients.Slice(" + layer.Name + "Weights, C), dBeta = gradients.Slice(" + layer.Name + "Biases, C);");
        w.Line("dGamma.Clear();");
        w.Line("dBeta.Clear();");
        if (layer.HasPartialSums)
        {
            w.Comment("The samples' partial sums, added in sample order.");
            w.Line(w.Kernel(BatchNormalizationKernelEmitter.SumsName) + "(partials, dBeta, m, 2 * C, 0, C);");
            w.Line(w.Kernel(BatchNormalizationKernelEmitter.SumsName) + "(partials, dGamma, m, 2 * C, C, C);");
        }
        else
        {
            w.Comment("Row by row in sample order.");
            w.Line(w.Kernel(BatchNormalizationKernelEmitter.GradientSumsName) + "(delta, normalized, dBeta, dGamma, m, C, 0, C);");
        }

        w.Close();
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, BatchNormalizationLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index), n = CodeWriter.Int(layer.OutputSize);
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " backward, by samples: dx = (γ/√(σ²_B + ε))·(dZ − (dβ + x̂·dγ)/N), with the batch's sums dβ and dγ that");
        w.Line("/// " + layer.Name + "BatchGradientSums wrote into the gradients: μ_B and σ²_B depend on every sample, hence the two sums.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"parameters\">θ with γ[" + l + "], and the step's scratch: 1/√(σ²_B + ε) read.</param>");
        w.Line("/// <param name=\"gradients\">∂cost/∂θ: dγ[" + l + "] and dβ[" + l + "] read.</param>");
        w.Line("/// <param name=\"normalized\">x̂[" + l + "]: samples × " + n + ".</param>");
        w.Line("/// <param name=\"delta\">dZ[" + l + "]: samples × " + n + ".</param>");
        w.Line("/// <param name=\"inputGradient\">dA[" + CodeWriter.Int(layer.Index - 1) + "]: samples × " + n + ", overwritten.</param>");
        w.Line("/// <param name=\"samples\">Rows of this shard.</param>");
        w.Line("/// <param name=\"m\">Samples in the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Backward(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " gradients, " + ReadOnlySpan + " normalized, " + ReadOnlySpan + " delta, " + Span + " inputGradient, int samples, int m)");
        WriteSizes(w, layer, "m");
        w.Line(ReadOnlySpan + " gamma = parameters.Slice(" + layer.Name + "Weights, C), inverse = parameters.Slice(" + layer.Name + "BatchStatistics + C, C);");
        w.Line(ReadOnlySpan + " dGamma = gradients.Slice(" + layer.Name + "Weights, C), dBeta = gradients.Slice(" + layer.Name + "Biases, C); // Σ dZ·x̂ and Σ dZ");
        w.Line(w.Kernel(BatchNormalizationKernelEmitter.InputGradientName) + "(delta, normalized, inputGradient, gamma, inverse, dBeta, dGamma, n, samples" + Pixels(layer) + ", C, 0, C);");
        w.Close();
        w.Line();
    }
}
