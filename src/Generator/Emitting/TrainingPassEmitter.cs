using System.Collections.Generic;
using System.Text.RegularExpressions;
using Dendrite.Generator.Model;

// The loss switch names every LossKind and has no "_" arm, so a loss added to the enum is CS8509, an error, here.
// CS8524 only says that a value with no name, such as (LossKind)42, is not handled: the parser refuses those (DN0010).
#pragma warning disable CS8524

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The passes of a training step's phase 1 that treat samples [first, first + count) apart (<see cref="TrainingPass"/>):
/// the calls, and before them the workspace slices those calls name, so a part declares only what it uses.
/// </summary>
internal static class TrainingPassEmitter
{
    /// <summary>The slices a pass may name: x, then A, dA, x̂, the partial sums and Z of a layer (a3, da3, xh3, ps3, z3).</summary>
    private static readonly Regex SliceName = new(@"\b(x|a\d+|da\d+|xh\d+|ps\d+|z\d+)\b", RegexOptions.CultureInvariant);

    public static void Write(CodeWriter w, NetworkPlan plan, IReadOnlyList<TrainingPass> passes)
    {
        var body = new CodeWriter(w.KernelsClass);
        WritePasses(body, plan, passes);
        string[] lines = body.ToString().TrimEnd('\n').Split('\n');
        var used = new HashSet<string>();
        foreach (string line in lines)
        {
            int comment = line.IndexOf("//", System.StringComparison.Ordinal);
            foreach (Match match in SliceName.Matches(comment >= 0 ? line.Substring(0, comment) : line))
            {
                used.Add(match.Value);
            }
        }

        WriteSlices(w, plan, used);
        w.Line();
        foreach (string line in lines)
        {
            w.Line(line);
        }
    }

    /// <summary>The declarations of the slices in <paramref name="used"/>, in layer order.</summary>
    private static void WriteSlices(CodeWriter w, NetworkPlan plan, HashSet<string> used)
    {
        if (used.Contains("x"))
        {
            w.Line("global::System.ReadOnlySpan<float> x = inputs.Slice(first * InputSize, count * InputSize);");
        }

        LayerPlan output = plan.Output;
        foreach (LayerPlan layer in plan.Layers)
        {
            string n = CodeWriter.Int(layer.OutputSize), l = CodeWriter.Int(layer.Index);
            string at = " + (first * " + n + "), " + n + " * count); ";
            if (used.Contains("a" + l))
            {
                w.Line("global::System.Span<float> a" + l + " = workspace.Slice((" + layer.Name + "Activations * m)" + at + "// A[" + l + "]");
            }

            if (used.Contains("da" + l))
            {
                w.Line("global::System.Span<float> da" + l + " = workspace.Slice((" + layer.Name + "Gradient * m)" + at + "// ∂cost/∂A[" + l + "], then ∂cost/∂Z[" + l + "]");
            }

            if (layer is BatchNormalizationLayerPlan norm)
            {
                if (used.Contains("xh" + l))
                {
                    w.Line("global::System.Span<float> xh" + l + " = workspace.Slice((" + layer.Name + "Normalized * m)" + at + "// x̂[" + l + "]");
                }

                if (norm.HasPartialSums && used.Contains("ps" + l))
                {
                    string sums = CodeWriter.Int(2 * norm.Channels);
                    w.Line("global::System.Span<float> ps" + l + " = workspace.Slice((" + layer.Name + "PartialSums * m) + (first * " + sums + "), " + sums + " * count); // the samples' partial sums of layer " + l);
                }
            }

            if (layer.PreActivationOffset >= 0 && used.Contains("z" + l))
            {
                w.Line("global::System.Span<float> z" + l + " = workspace.Slice((" + layer.Name + "PreActivations * m)" + at + "// Z[" + l + "], kept: g' = " + layer.Activation + "' reads Z");
            }
        }

        if (used.Contains("z" + CodeWriter.Int(output.Index)))
        {
            w.Line("global::System.Span<float> z" + output.Index + " = workspace.Slice((OutputLogits * m) + (first * OutputSize), OutputSize * count); // Z[" + output.Index + "], the output logits");
        }
    }

    private static void WritePasses(CodeWriter w, NetworkPlan plan, IReadOnlyList<TrainingPass> passes)
    {
        bool forward = false, backward = false, firstLayerNoted = false;
        foreach (TrainingPass pass in passes)
        {
            if (pass.Kind == TrainingPassKind.Loss)
            {
                if (forward)
                {
                    w.Line();
                }

                WriteLossWithGradient(w, plan);
                w.Line();
                continue;
            }

            bool isBackward = pass.Kind is TrainingPassKind.Backward or TrainingPassKind.NormalizationDerivative
                or TrainingPassKind.NormalizationGradientPartials or TrainingPassKind.NormalizationInputGradient;
            if (!isBackward && !forward)
            {
                w.Comment("Forward, keeping each layer's activations for the backward pass.");
                forward = true;
            }

            if (!isBackward && !firstLayerNoted && pass.Layer?.Index == 2 && plan.FirstLayerByUnits is not null)
            {
                w.Comment("A[1] (and Z[1]) of these samples: written by phase 0, TrainingFirstLayer.");
                firstLayerNoted = true;
            }
            else if (isBackward && !backward)
            {
                w.Comment("Backward through the samples, from the output to the input.");
                backward = true;
            }

            if (pass.Kind == TrainingPassKind.Forward)
            {
                WriteForward(w, plan, pass.Layer!);
            }
            else if (pass.Kind == TrainingPassKind.Backward)
            {
                WriteBackward(w, plan, pass.Layer!);
            }
            else
            {
                w.Line(NormalizationCall(plan, pass));
            }
        }
    }

    /// <summary>A BatchNormalization pass by samples (<see cref="BatchNormalizationTrainingEmitter"/> writes the methods).</summary>
    private static string NormalizationCall(NetworkPlan plan, TrainingPass pass)
    {
        var layer = (BatchNormalizationLayerPlan)pass.Layer!;
        string l = CodeWriter.Int(layer.Index), p = CodeWriter.Int(layer.Index - 1), name = layer.Name;
        return pass.Kind switch
        {
            TrainingPassKind.NormalizationPartialSums => name + "PixelSums(a" + p + ", ps" + l + ", count); // Σ x over each sample's pixels, for μ_B",
            TrainingPassKind.NormalizationPartialSquares => name + "PixelSquares(parameters, a" + p + ", ps" + l + ", count); // Σ (x − μ_B)² over each sample's pixels, for σ²_B",
            TrainingPassKind.Normalize => name + "TrainingForward(parameters, a" + p + ", xh" + l + ", a" + l + ", count); // x̂[" + l + "] and Z[" + l + "] from the batch statistics",
            TrainingPassKind.NormalizationActivation => name + "Activation(a" + l + ", count); // A[" + l + "] = g(Z[" + l + "]) in place",
            TrainingPassKind.NormalizationDerivative => name + "ActivationBackward(a" + l + ", da" + l + ", count); // dZ[" + l + "] = dA[" + l + "] ⊙ g'(Z[" + l + "])",
            TrainingPassKind.NormalizationGradientPartials => name + "PixelGradientSums(da" + l + ", xh" + l + ", ps" + l + ", count); // Σ dZ and Σ dZ·x̂ over each sample's pixels, for dβ and dγ",
            _ => name + "Backward(parameters, gradients, xh" + l + ", da" + l + ", da" + p + ", count, m); // dA[" + p + "], with the batch's dβ and dγ",
        };
    }

    private static void WriteForward(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);

        // Z is written apart from A for the output (the loss may read the logits) and for layers whose g' reads Z.
        string z = layer == plan.Output || layer.PreActivationOffset >= 0 ? "z" + l : "a" + l;
        string previous = layer.Index == 1 ? "x" : "a" + CodeWriter.Int(layer.Index - 1);
        w.Line(layer is DropoutLayerPlan
            ? layer.Name + "Forward(" + previous + ", a" + l + ", dropoutKey, first, count);"
            : layer.Name + "Forward(parameters, " + previous + ", " + z + ", a" + l + ", count);");
    }

    private static void WriteBackward(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        if (plan.HasEmptyBackward(layer))
        {
            w.Comment("Nothing more: the loss wrote dZ[" + l + "], and " + layer.Name + "WeightGradients reads it in phase 2.");
            return;
        }

        bool first = layer.Index == 1;
        string previous = first ? "x" : "a" + CodeWriter.Int(layer.Index - 1);
        if (layer is DropoutLayerPlan)
        {
            w.Line(first
                ? "// " + layer.Name + " reads the input: no gradient to pass back."
                : layer.Name + "Backward(da" + l + ", d" + previous + ", dropoutKey, first, count);");
            return;
        }

        string inputGradient = first ? string.Empty : ", d" + previous;

        // Image layers also read their input: max-pooling routes the gradient to the arg-max it finds there (the
        // averaging layers take it too, to keep one signature, and do not read it).
        string input = layer.Type == LayerType.Dense ? string.Empty : previous + ", ";
        string source = (layer.DerivativeNeedsZ ? "z" : "a") + l;
        w.Line(layer.Name + "Backward(parameters, " + input + source + ", da" + l + inputGradient + ", count);");
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
        (string explanation, string call) = plan.Spec.Loss switch
        {
            LossKind.MeanSquaredError => ("Loss and its gradient with respect to the output: dA[" + l + "] = 2(ŷ − y) / (n·m).", ".ValueAndGradient(a" + l + ".Slice" + row),
            LossKind.BinaryCrossentropy => ("Loss from the logits, stable form; sigmoid and cross-entropy fused: dZ[" + l + "] = (σ(Z[" + l + "]) − y) / (n·m).", ".FromLogitsWithGradient(z" + l + ".Slice" + row),
            LossKind.SparseCategoricalCrossentropy => ("Loss from the logits via log-sum-exp; softmax and cross-entropy fused: dZ[" + l + "] = (softmax(Z[" + l + "]) − onehot(y)) / m.", ".FromLogitsWithGradient(z" + l + ".Slice" + row),
            LossKind.CategoricalCrossentropy => ("Loss from the logits via log-sum-exp; softmax and cross-entropy fused: dZ[" + l + "] = (softmax(Z[" + l + "]) − y) / m.", ".FromLogitsWithGradient(z" + l + ".Slice" + row),
        };
        w.Comment(explanation);

        w.Line("losses[first + s] = " + lossClass + call + ", " + target + ", da" + l + ".Slice" + row + ", scale);");
        w.Close();
    }
}
