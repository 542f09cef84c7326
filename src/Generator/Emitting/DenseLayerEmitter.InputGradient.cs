using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>The backward driver through the samples: dZ = dA ⊙ g'(Z), then dA_prev = dZ·W.</summary>
internal static partial class DenseLayerEmitter
{
    private static void WriteBackward(CodeWriter w, DenseLayerPlan layer, bool fused)
    {
        string l = CodeWriter.Int(layer.Index);
        string previous = CodeWriter.Int(layer.Index - 1);
        string n = CodeWriter.Int(layer.Units);
        string k = CodeWriter.Int(layer.InputSize);
        bool first = layer.Index == 1;
        string dz = fused ? "dZ[" + l + "] from the fused loss" : "dZ[" + l + "] = dA[" + l + "] ⊙ g'(Z[" + l + "])";
        w.Comment("Layer " + l + " backward, sample by sample (threads split a batch by samples): " + dz + (first ? "; the first layer passes nothing further back." : ", then dA[" + previous + "] = dZ[" + l + "]·W[" + l + "]."));
        string source = ActivationEmitter.DerivativeSource(layer);
        w.Comment("  parameters: θ, holding W[" + l + "] (" + n + " × " + k + ");  " + (layer.DerivativeNeedsZ
            ? "z: Z[" + l + "], " + Rows(layer.Units) + ", the pre-activations the forward pass kept (g' is computed from Z);"
            : "a: A[" + l + "], " + Rows(layer.Units) + ", as the forward pass left it;"));
        w.Comment("  delta: " + Rows(layer.Units) + ", " + (fused ? "dZ[" + l + "], written by the loss" : "dA[" + l + "] on entry, dZ[" + l + "] on return")
            + (first ? "." : ";  inputGradient: dA[" + previous + "], " + Rows(layer.InputSize) + ", overwritten."));
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Backward(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " " + source + ", " + Span + " delta"
            + (first ? string.Empty : ", " + Span + " inputGradient") + ", int samples)");
        w.Line("RequireAtLeast(" + source + ".Length, samples * " + n + ", \"" + source + "\");");
        w.Line("RequireAtLeast(delta.Length, samples * " + n + ", \"delta\");");
        if (fused)
        {
            w.Comment("delta already holds dZ = p − y from the fused loss: no activation derivative here.");
        }
        else
        {
            ActivationEmitter.WriteDerivative(w, layer, "samples", layer.Units);
        }

        if (!first)
        {
            WriteInputGradient(w, layer);
        }

        w.Close();
        w.Line();
    }

    private static void WriteInputGradient(CodeWriter w, DenseLayerPlan layer)
    {
        string n = CodeWriter.Int(layer.Units);
        string k = CodeWriter.Int(layer.InputSize);
        DenseKernels kernels = layer.Kernels;
        w.Line("RequireAtLeast(inputGradient.Length, samples * " + k + ", \"inputGradient\");");
        w.Comment("dA[" + (layer.Index - 1) + "] = dZ·W in blocks of " + Plural(kernels.RowBlock, "sample") + ", W's rows streamed through them; then one sample at a time.");
        w.Line("int s = 0;");
        string args = "(delta, parameters, inputGradient, " + layer.Name + "Weights, s, inputs: " + k + ", units: " + n + Vector512Argument(layer) + ");";
        if (kernels.WideRowBlock > 0)
        {
            w.Comment("With AVX-512 (32 vector registers, a constant to the JIT) first blocks of " + Plural(kernels.WideRowBlock, "sample") + " × " + kernels.WideInputVectors
                + " vectors of inputs: each W vector loaded serves " + kernels.WideRowBlock + " samples. Each dA value is summed over the units in the same order in every block.");
            w.Open("if (" + Names.WideRegisters + ")");
            WriteWideEnd(w, kernels);
            w.Open("for (; s + " + kernels.WideRowBlock + " <= wideEnd; s += " + kernels.WideRowBlock + ")");
            w.Line(w.Kernel(DenseKernelEmitter.InputGradientRowsName(kernels.WideRowBlock)) + args);
            w.Close();
            w.Close();
            w.Line();
        }

        w.Open("for (; s + " + kernels.RowBlock + " <= samples; s += " + kernels.RowBlock + ")");
        w.Line(w.Kernel(DenseKernelEmitter.InputGradientRowsName(kernels.RowBlock)) + args);
        w.Close();
        w.Open("for (; s < samples; s++)");
        w.Line(w.Kernel(DenseKernelEmitter.InputGradientRowsName(1)) + args);
        w.Close();
    }
}
