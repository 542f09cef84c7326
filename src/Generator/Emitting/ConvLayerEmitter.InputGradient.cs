using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>Phase 1 of the backward pass: dZ = dA ⊙ g'(Z), then dA_prev, a full convolution of dZ with the flipped kernels.</summary>
internal static partial class ConvLayerEmitter
{
    private static void WriteInputGradient(CodeWriter w, Conv2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        bool first = layer.Index == 1;
        Window window = layer.Window;
        w.Line("//   Backward: dZ[" + l + "] = dA[" + l + "] ⊙ g'(Z[" + l + "])" + (layer.DerivativeAppliedByNext ? ", applied by the next layer's backward (MaxPool2D" + CodeWriter.Int(layer.Index + 1) + "Backward)" : string.Empty));
        if (!first)
        {
            w.Line("//             dA[" + CodeWriter.Int(layer.Index - 1) + "][i, j, c] = Σ_{ky, kx, f} W[ky, kx, c, f] · dZ[" + Source("i", "ky", window.Stride, window.PadTop) + ", " + Source("j", "kx", window.Stride, window.PadLeft) + ", f] over the terms where");
            w.Line("//             " + (window.Stride == 1 ? "the index" : "the division is exact and the index") + " is in range: a full convolution of dZ" + (window.Stride == 1 ? string.Empty : " (stride-dilated)") + " with the kernels flipped, ky → −ky, kx → −kx.");
        }

        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " backward, phase 1 of a training step, over <paramref name=\"samples\"/> samples. Samples are independent, so a");
        w.Line("/// batch can be split across threads here; the weight gradients come in phase 2 (" + layer.Name + "WeightGradients).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"parameters\">θ, holding W[" + l + "]" + (first ? " (not read: the first layer has no input gradient)" : string.Empty) + ".</param>");
        string source = ActivationEmitter.DerivativeSource(layer);
        w.Line("/// <param name=\"input\">" + Previous(layer) + ": " + Images(layer.Input) + " (not read: g' is computed from " + (layer.DerivativeNeedsZ ? "Z" : "A") + ").</param>");
        w.Line(layer.DerivativeNeedsZ
            ? "/// <param name=\"z\">Z[" + l + "]: " + Images(layer.Output) + ", the pre-activations the forward pass kept.</param>"
            : "/// <param name=\"a\">A[" + l + "]: " + Images(layer.Output) + ", as the forward pass left it.</param>");
        w.Line(layer.DerivativeAppliedByNext
            ? "/// <param name=\"delta\">dZ[" + l + "]: " + Images(layer.Output) + " (the next layer's backward applied g' as it routed the gradient).</param>"
            : "/// <param name=\"delta\">" + Images(layer.Output) + ": dA[" + l + "] on entry, dZ[" + l + "] on return.</param>");
        if (!first)
        {
            w.Line("/// <param name=\"inputGradient\">dA[" + CodeWriter.Int(layer.Index - 1) + "]: " + Images(layer.Input) + ", overwritten.</param>");
        }

        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "Backward(" + ReadOnlySpan + " parameters, " + ReadOnlySpan + " input, " + ReadOnlySpan + " " + source + ", " + Span + " delta"
            + (first ? ", int samples)" : ", " + Span + " inputGradient, int samples)"));
        if (layer.DerivativeAppliedByNext)
        {
            w.Comment("dZ = dA ⊙ ReLU'(Z) is already in delta: layer " + CodeWriter.Int(layer.Index + 1) + "'s MaxPool2D backward routed each gradient only to positive inputs");
            w.Comment("(a > 0, as ReLUBackward tests), so no pass over the batch here" + (first ? ": this layer's backward has nothing left to do." : "."));
        }
        else
        {
            ActivationEmitter.WriteDerivative(w, layer, "samples", layer.OutputSize);
        }

        if (!first)
        {
            WriteInputGradientLoops(w, layer);
        }

        w.Close();
        w.Line();
        if (!first)
        {
            w.Comment("Layer " + l + "'s transposed weights for the input gradient, one buffer per thread (see " + layer.Name + "Backward).");
            w.Line("[global::System.ThreadStatic]");
            w.Line("private static " + Names.AlignedBuffer + "? t_" + layer.Name + "TransposedWeights;");
            w.Line();
        }
    }

    private static void WriteInputGradientLoops(CodeWriter w, Conv2DLayerPlan layer)
    {
        if (layer.Kernels.Scatter != null)
        {
            WriteConstants(w, layer, "InH", "InW", "Stride", "PadTop", "PadLeft");
        }
        else if (layer.Kernels.InteriorPixels != null)
        {
            WriteConstants(w, layer, "Stride");
        }
        else
        {
            WriteConstants(w, layer, "OutH", "OutW", "Stride", "PadTop", "PadLeft");
        }

        w.Line(ReadOnlySpan + " weights = parameters.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + ");");
        w.Comment("W transposed to [ky][kx][f][c], so dA_prev vectorises over input channels: one dZ value broadcast, then contiguous");
        w.Comment("loads of W. Kept per thread (the shards of a step each make their own) and rebuilt every call, as the weights change.");
        w.Line(Span + " transposed = t_" + layer.Name + "TransposedWeights ??= new " + Names.AlignedBuffer + "(" + CodeWriter.Int(layer.WeightCount) + ");");
        w.Open("for (int kk = 0; kk < Kernel * Kernel; kk++)");
        w.Open("for (int c = 0; c < InC; c++)");
        w.Open("for (int f = 0; f < Filters; f++)");
        w.Line("transposed[(((kk * Filters) + f) * InC) + c] = weights[(((kk * InC) + c) * Filters) + f];");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Line("ref float wt = ref " + Marshal + ".GetReference(transposed);");
        if (layer.Kernels.Scatter is BlockChoice scatter)
        {
            WriteScatterLoops(w, layer, scatter);
            return;
        }

        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float dz = ref " + Marshal + ".GetReference(delta.Slice(s * OutSize, OutSize));");
        w.Line("ref float dx = ref " + Marshal + ".GetReference(inputGradient.Slice(s * InSize, InSize));");
        w.Comment("Gathering per input pixel (rather than scattering per output) writes each value of dA_prev once.");
        w.Open("for (int iy = 0; iy < InH; iy++)");
        string single = w.Kernel(ConvKernelEmitter.InputGradientName(layer.Kernels.InputGradientShape)) + "<" + ConvKernelEmitter.ShapeName(layer) + ">(ref dz, ref wt, ref " + Unsafe + ".Add(ref dx, ((iy * InW) + ix) * InC), iy, ix);";
        if (layer.Kernels.InteriorPixels is BlockChoice blocks)
        {
            w.Comment("Every kernel row covers input row iy when its output rows iy + PadTop − ky, ky in [0, Kernel), all exist.");
            w.Line("bool rowCovered = iy + PadTop >= Kernel - 1 && iy + PadTop < OutH;");
            w.Line("int ix = 0;");
            ConvLayerEmitter.ByRegisters(w, blocks, block =>
            {
                string p = CodeWriter.Int(block.Rows);
                w.Comment("Pixels every window position covers go " + p + " at a time (they share each weight load); the others one by one.");
                w.Open("while (ix < InW)");
                w.Open("if (rowCovered && ix + PadLeft >= Kernel - 1 && ix + " + CodeWriter.Int(block.Rows - 1) + " + PadLeft < OutW)");
                w.Line(w.Kernel(ConvKernelEmitter.InteriorName(block)) + "<" + ConvKernelEmitter.ShapeName(layer) + ">(ref dz, ref wt, ref " + Unsafe + ".Add(ref dx, ((iy * InW) + ix) * InC), iy, ix);");
                w.Line("ix += " + p + ";");
                w.Close();
                w.Open("else");
                w.Line(single);
                w.Line("ix++;");
                w.Close();
                w.Close();
            });
        }
        else
        {
            w.Open("for (int ix = 0; ix < InW; ix++)");
            w.Line(single);
            w.Close();
        }

        w.Close();
        w.Close();
    }

    /// <summary>
    /// Valid padding: every output pixel has all its taps, so dA_prev is, per kernel position (ky, kx), the product dZ · Wt[ky, kx]
    /// added to the input pixels those taps read. Kernel positions run in order, so each value of dA_prev sums its terms in
    /// the same order whichever block computes them.
    /// </summary>
    private static void WriteScatterLoops(CodeWriter w, Conv2DLayerPlan layer, BlockChoice blocks)
    {
        string shape = "<" + ConvKernelEmitter.ShapeName(layer) + ">";
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float dz = ref " + Marshal + ".GetReference(delta.Slice(s * OutSize, OutSize));");
        w.Line(Span + " dxSample = inputGradient.Slice(s * InSize, InSize);");
        w.Line("dxSample.Clear();");
        w.Line("ref float dx = ref " + Marshal + ".GetReference(dxSample);");
        w.Comment("dA_prev[oy·Stride + ky, ox·Stride + kx, c] += Σ_f dZ[oy, ox, f] · W[ky, kx, c, f], one kernel position after another;");
        w.Comment("within one, blocks of output pixels in row-major order share each weight load (no window is cut, so no border).");
        w.Open("for (int ky = 0; ky < Kernel; ky++)");
        w.Open("for (int kx = 0; kx < Kernel; kx++)");
        w.Line("int pixel = 0;");
        ConvLayerEmitter.ByRegisters(w, blocks, block =>
        {
            string p = CodeWriter.Int(block.Rows);
            w.Open("for (; pixel + " + p + " <= OutH * OutW; pixel += " + p + ")");
            w.Line(w.Kernel(ConvKernelEmitter.ScatterName(block)) + shape + "(ref dz, ref wt, ref dx, pixel, ky, kx);");
            w.Close();
        });
        w.Line();
        w.Open("for (; pixel < OutH * OutW; pixel++)");
        w.Line(w.Kernel(ConvKernelEmitter.ScatterName(new KernelShape(1, layer.Kernels.ChannelVectors))) + shape + "(ref dz, ref wt, ref dx, pixel, ky, kx);");
        w.Close();
        w.Close();
        w.Close();
        w.Close();
    }
}
