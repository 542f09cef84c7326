using System.Threading;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Each Dense layer's forward and hand-derived backward, side by side. Both work on a whole batch of
/// row-major samples, so the per-layer kernels can be replaced by blocked ones without touching the callers.
/// Loop bounds are the layer's constant sizes; inner products and updates go through the length-specialised
/// vector kernels.
/// </summary>
internal static class DenseLayerEmitter
{
    public static void WriteAll(CodeWriter w, NetworkPlan plan, CancellationToken cancellationToken)
    {
        w.Line("// ───────────────────────────── Layers: forward and backward side by side ─────────────────────────────");
        w.Line();
        foreach (LayerPlan layer in plan.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (layer.Type != LayerType.Dense)
            {
                continue; // Conv2D, MaxPool2D and Flatten: see LayerEmitter.
            }

            bool isOutput = layer.Index == plan.Layers.Count;
            bool fused = isOutput && plan.OutputGradient == OutputGradient.FusedWithLoss;
            WriteForward(w, layer);
            WriteBackward(w, layer, fused);
        }
    }

    private static void WriteForward(CodeWriter w, LayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string n = CodeWriter.Int(layer.OutputSize);
        string k = CodeWriter.Int(layer.InputSize);
        w.Line("// Layer " + l + ": Dense(" + n + ", " + layer.Activation + "), " + k + " → " + n);
        w.Line("//   Forward:  Z[" + l + "] = W[" + l + "]·A[" + (layer.Index - 1) + "] + b[" + l + "],  A[" + l + "] = g(Z[" + l + "]),  g = " + Names.Formula(layer.Activation));
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " forward over <paramref name=\"samples\"/> row-major samples (" + k + " inputs, " + n + " outputs each).");
        w.Line("/// <paramref name=\"z\"/> and <paramref name=\"a\"/> may be the same span: the activation is then applied in place.");
        w.Line("/// </summary>");
        w.Open("private static void " + layer.Name + "Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> z, Span<float> a, int samples)");
        w.Line("ref float p = ref MemoryMarshal.GetReference(parameters);");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref MemoryMarshal.GetReference(input.Slice(s * " + k + ", " + k + "));");
        w.Line("Span<float> zRow = z.Slice(s * " + n + ", " + n + ");");
        w.Line("Span<float> aRow = a.Slice(s * " + n + ", " + n + ");");
        w.Open("for (int j = 0; j < " + n + "; j++)");
        w.Comment("z_j = W_j · x + b_j, where W_j is row j of W[" + l + "].");
        w.Line("float zj = " + KernelEmitter.DotName(layer.InputSize) + "(ref Unsafe.Add(ref p, " + layer.Name + "Weights + (j * " + k + ")), ref x) + Unsafe.Add(ref p, " + layer.Name + "Biases + j);");
        w.Line("zRow[j] = zj;");
        switch (layer.Activation)
        {
            case ActivationKind.ReLU:
                w.Line("aRow[j] = MathF.Max(zj, 0f);");
                break;
            case ActivationKind.Sigmoid:
                w.Line("aRow[j] = global::Dendrite.Activations.Sigmoid(zj);");
                break;
            case ActivationKind.Tanh:
                w.Line("aRow[j] = MathF.Tanh(zj);");
                break;
            case ActivationKind.Linear:
                w.Line("aRow[j] = zj;");
                break;
        }

        w.Close();
        if (layer.Activation == ActivationKind.Softmax)
        {
            w.Line();
            w.Comment("Softmax couples the units, so it runs once all of Z is known (max-subtracted, so e^z never overflows).");
            w.Line("global::Dendrite.Activations.Softmax(zRow, aRow);");
        }

        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, LayerPlan layer, bool fused)
    {
        string l = CodeWriter.Int(layer.Index);
        string previous = CodeWriter.Int(layer.Index - 1);
        string n = CodeWriter.Int(layer.OutputSize);
        string k = CodeWriter.Int(layer.InputSize);
        bool first = layer.Index == 1;
        w.Line("//   Backward: " + (fused ? "dZ[" + l + "] comes from the fused loss" : "dZ[" + l + "] = dA[" + l + "] ⊙ g'(Z[" + l + "])")
            + ",  dW[" + l + "] += dZ[" + l + "]·A[" + previous + "]ᵀ,  db[" + l + "] += Σ dZ[" + l + "]"
            + (first ? string.Empty : ",  dA[" + previous + "] = W[" + l + "]ᵀ·dZ[" + l + "]"));
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " backward over <paramref name=\"samples\"/> samples. <paramref name=\"delta\"/> holds " + (fused ? "∂cost/∂Z (from the fused loss)" : "∂cost/∂A and becomes ∂cost/∂Z") + ";");
        w.Line("/// the weight and bias gradients are added to <paramref name=\"gradients\"/>" + (first ? "." : ", and ∂cost/∂A of the previous layer is written to <paramref name=\"inputGradient\"/>."));
        w.Line("/// </summary>");
        string signature = "private static void " + layer.Name + "Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> a, Span<float> delta, Span<float> gradients"
            + (first ? ", int samples)" : ", Span<float> inputGradient, int samples)");
        w.Open(signature);
        if (!fused)
        {
            WriteActivationDerivative(w, layer);
        }
        else
        {
            w.Comment("delta already holds dZ = p − y from the fused loss, so no activation derivative is applied here.");
        }

        w.Line("ref float p = ref MemoryMarshal.GetReference(parameters);");
        w.Line("ref float g = ref MemoryMarshal.GetReference(gradients);");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref MemoryMarshal.GetReference(input.Slice(s * " + k + ", " + k + "));");
        w.Line("ReadOnlySpan<float> dzRow = delta.Slice(s * " + n + ", " + n + ");");
        if (!first)
        {
            w.Line("Span<float> dxRow = inputGradient.Slice(s * " + k + ", " + k + ");");
            w.Line("dxRow.Clear();");
            w.Line("ref float dx = ref MemoryMarshal.GetReference(dxRow);");
        }

        w.Open("for (int j = 0; j < " + n + "; j++)");
        w.Line("float dz = dzRow[j];");
        w.Open("if (dz == 0f)");
        w.Comment("Nothing flows back through this unit (an inactive ReLU, say).");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line(KernelEmitter.AddScaledName(layer.InputSize) + "(ref Unsafe.Add(ref g, " + layer.Name + "Weights + (j * " + k + ")), dz, ref x); // dW_j += dz_j · x");
        w.Line("Unsafe.Add(ref g, " + layer.Name + "Biases + j) += dz; // db_j += dz_j");
        if (!first)
        {
            w.Line(KernelEmitter.AddScaledName(layer.InputSize) + "(ref dx, dz, ref Unsafe.Add(ref p, " + layer.Name + "Weights + (j * " + k + "))); // dA_prev += dz_j · W_j");
        }

        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteActivationDerivative(CodeWriter w, LayerPlan layer)
    {
        string n = CodeWriter.Int(layer.OutputSize);
        switch (layer.Activation)
        {
            case ActivationKind.Linear:
                w.Comment("Linear: g'(z) = 1, so dZ = dA.");
                return;
            case ActivationKind.Softmax:
                w.Comment("Softmax: dZ = A ⊙ (dA − (dA·A)), the softmax Jacobian applied to dA, sample by sample.");
                w.Open("for (int s = 0; s < samples; s++)");
                w.Line("Span<float> row = delta.Slice(s * " + n + ", " + n + ");");
                w.Line("global::Dendrite.Activations.SoftmaxBackward(a.Slice(s * " + n + ", " + n + "), row, row);");
                w.Close();
                w.Line();
                return;
        }

        w.Open("for (int i = 0; i < samples * " + n + "; i++)");
        switch (layer.Activation)
        {
            case ActivationKind.ReLU:
                w.Comment("ReLU'(z) is 1 where the unit was active (a > 0) and 0 elsewhere.");
                w.Open("if (a[i] <= 0f)");
                w.Line("delta[i] = 0f;");
                w.Close();
                break;
            case ActivationKind.Sigmoid:
                w.Comment("σ'(z) = a(1 − a).");
                w.Line("delta[i] *= a[i] * (1f - a[i]);");
                break;
            case ActivationKind.Tanh:
                w.Comment("tanh'(z) = 1 − a².");
                w.Line("delta[i] *= 1f - (a[i] * a[i]);");
                break;
        }

        w.Close();
        w.Line();
    }
}
