using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// A Conv2D layer's forward and hand-derived backward, side by side, over a whole batch of row-major HWC samples.
/// Weights are [kh][kw][c_in][filters] (filters innermost), so every kernel vectorises over output channels:
/// one input value is broadcast and multiplied into a Vector&lt;float&gt; of filters. Accumulators stay in
/// registers across a whole window (forward), a whole output map (dW) or every window touching a pixel (dX), so
/// the inner loops do no stores. All sizes are constants; only the window bounds at the border are computed.
/// </summary>
internal static class ConvLayerEmitter
{
    public static void Write(CodeWriter w, Conv2DLayerPlan layer)
    {
        WriteForward(w, layer);
        WriteBackward(w, layer);
    }

    /// <summary>"Conv2D(32, kernel 3, stride 1, Valid, ReLU)".</summary>
    public static string Title(Conv2DLayerPlan layer) =>
        "Conv2D(" + CodeWriter.Int(layer.Output.Channels) + ", kernel " + CodeWriter.Int(layer.Window.Size) + ", stride " + CodeWriter.Int(layer.Window.Stride) + ", " + layer.Window.Padding + ", " + layer.Activation + ")";

    /// <summary>The shape constants, one line each for the input, the output and the window.</summary>
    private static readonly string[][] ConstantGroups =
    {
        new[] { "InH", "InW", "InC", "InSize" },
        new[] { "OutH", "OutW", "Filters", "OutSize" },
        new[] { "Kernel", "Stride", "PadTop", "PadLeft" },
    };

    /// <summary>Every shape constant.</summary>
    private static void WriteConstants(CodeWriter w, Conv2DLayerPlan layer) =>
        WriteConstants(w, layer, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.SelectMany(ConstantGroups, group => group)));

    /// <summary>Only the named shape constants (a helper that declared all of them would leave some unused: CS0219).</summary>
    private static void WriteConstants(CodeWriter w, Conv2DLayerPlan layer, params string[] names)
    {
        foreach (string[] group in ConstantGroups)
        {
            string[] wanted = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(group, name => System.Array.IndexOf(names, name) >= 0));
            if (wanted.Length > 0)
            {
                w.Line("const int " + string.Join(", ", System.Linq.Enumerable.Select(wanted, name => name + " = " + CodeWriter.Int(ConstantValue(layer, name)))) + ";");
            }
        }
    }

    private static int ConstantValue(Conv2DLayerPlan layer, string name)
    {
        Shape i = layer.Input, o = layer.Output;
        return name switch
        {
            "InH" => i.Height,
            "InW" => i.Width,
            "InC" => i.Channels,
            "InSize" => i.Size,
            "OutH" => o.Height,
            "OutW" => o.Width,
            "Filters" => o.Channels,
            "OutSize" => o.Size,
            "Kernel" => layer.Window.Size,
            "Stride" => layer.Window.Stride,
            "PadTop" => layer.Window.PadTop,
            _ => layer.Window.PadLeft,
        };
    }

    private static void WriteForward(CodeWriter w, Conv2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        w.Line("// Layer " + l + ": " + Title(layer) + ", " + layer.Input + " → " + layer.Output);
        w.Line("//   Weights W[" + l + "] are [kh][kw][c_in][filters] = " + layer.Window.Size + "×" + layer.Window.Size + "×" + layer.Input.Channels + "×" + layer.Output.Channels + ", then b[" + l + "]: one bias per filter.");
        w.Line("//   Forward:  Z[y, x, f] = b[f] + Σ_{ky, kx, c} W[ky, kx, c, f] · A_prev[y·" + layer.Window.Stride + " + ky − " + layer.Window.PadTop + ", x·" + layer.Window.Stride + " + kx − " + layer.Window.PadLeft + ", c],  A = g(Z),  g = " + ActivationEmitter.Formula(layer.Activation));
        if (layer.Window.Padding == PaddingKind.Same)
        {
            w.Line("//   Same padding: window positions outside the input read zeros, so they are skipped rather than summed.");
        }

        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " forward over <paramref name=\"samples\"/> samples (" + layer.Input + " in, " + layer.Output + " out, row-major, channels last).");
        w.Line("/// <paramref name=\"z\"/> and <paramref name=\"a\"/> may be the same span: the activation is then applied in place.");
        w.Line("/// </summary>");
        w.Open("private static void " + layer.Name + "Forward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> input, global::System.Span<float> z, global::System.Span<float> a, int samples)");
        WriteConstants(w, layer, "InH", "InW", "InSize", "OutH", "OutW", "Filters", "OutSize", "Kernel", "Stride", "PadTop", "PadLeft");
        w.Line("ref float weights = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + "));");
        w.Line("ref float biases = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters.Slice(" + layer.Name + "Biases, Filters));");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float zs = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(z.Slice(s * OutSize, OutSize));");
        w.Open("for (int oy = 0; oy < OutH; oy++)");
        w.Comment("Kernel rows whose input row exists: iy = oy·Stride − PadTop + ky must lie in [0, InH).");
        w.Line("int iyTop = (oy * Stride) - PadTop;");
        w.Line("int kyFrom = global::System.Math.Max(0, -iyTop), kyTo = global::System.Math.Min(Kernel, InH - iyTop);");
        w.Open("for (int ox = 0; ox < OutW;)");
        w.Line("int ixLeft = (ox * Stride) - PadLeft;");
        w.Line("ref float zOut = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref zs, ((oy * OutW) + ox) * Filters);");
        w.Comment("Four neighbouring output pixels whose windows lie wholly inside the input's columns (all of them with");
        w.Comment("Padding.Valid) go together: each weight vector loaded then serves four pixels instead of one.");
        w.Open("if (ox + 4 <= OutW && ixLeft >= 0 && ixLeft + (3 * Stride) + Kernel <= InW)");
        w.Line(layer.Name + "ForwardPixels4(ref x, ref weights, ref biases, ref zOut, iyTop, kyFrom, kyTo, ixLeft);");
        w.Line("ox += 4;");
        w.Close();
        w.Open("else");
        w.Line("int kxFrom = global::System.Math.Max(0, -ixLeft), kxTo = global::System.Math.Min(Kernel, InW - ixLeft);");
        w.Line(layer.Name + "ForwardPixel(ref x, ref weights, ref biases, ref zOut, iyTop, kyFrom, kyTo, ixLeft, kxFrom, kxTo);");
        w.Line("ox++;");
        w.Close();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        ActivationEmitter.WriteForward(w, layer.Activation, "samples", layer.OutputSize);
        w.Close();
        w.Line();
        WriteForwardPixel(w, layer);
        WriteForwardPixels4(w, layer);
    }

    /// <summary>One output pixel, every filter: the general case, which also handles windows cut by the border.</summary>
    private static void WriteForwardPixel(CodeWriter w, Conv2DLayerPlan layer)
    {
        w.Summary("Layer " + CodeWriter.Int(layer.Index) + ", one output pixel: zOut[f] = b[f] + Σ over the window's rows [kyFrom, kyTo) and columns [kxFrom, kxTo) of W · x.");
        w.Open("private static void " + layer.Name + "ForwardPixel(ref float x, ref float weights, ref float biases, ref float zOut, int iyTop, int kyFrom, int kyTo, int ixLeft, int kxFrom, int kxTo)");
        WriteConstants(w, layer, "InW", "InC", "Filters", "Kernel");
        w.Line("int lanes = global::System.Numerics.Vector<float>.Count;");
        w.Line("int f = 0;");
        w.Comment("Four vectors of filters at a time: four independent multiply-add chains keep the FMA units busy.");
        w.Open("for (; f + (4 * lanes) <= Filters; f += 4 * lanes)");
        w.Line("global::System.Numerics.Vector<float> z0 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)f), z1 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)(f + lanes));");
        w.Line("global::System.Numerics.Vector<float> z2 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)(f + (2 * lanes))), z3 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)(f + (3 * lanes)));");
        WindowLoops(w, () =>
        {
            w.Line("global::System.Numerics.Vector<float> xv = new(global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, c));");
            w.Line("ref float wc = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref wRow, (c * Filters) + f);");
            w.Line("z0 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref wc), z0);");
            w.Line("z1 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref wc, (global::System.UIntPtr)lanes), z1);");
            w.Line("z2 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref wc, (global::System.UIntPtr)(2 * lanes)), z2);");
            w.Line("z3 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref wc, (global::System.UIntPtr)(3 * lanes)), z3);");
        });
        w.Line("global::System.Numerics.Vector.StoreUnsafe(z0, ref zOut, (global::System.UIntPtr)f);");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(z1, ref zOut, (global::System.UIntPtr)(f + lanes));");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(z2, ref zOut, (global::System.UIntPtr)(f + (2 * lanes)));");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(z3, ref zOut, (global::System.UIntPtr)(f + (3 * lanes)));");
        w.Close();
        w.Line();
        w.Open("for (; f + lanes <= Filters; f += lanes)");
        w.Line("global::System.Numerics.Vector<float> z0 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)f);");
        WindowLoops(w, () =>
        {
            w.Line("z0 = global::System.Numerics.Vector.MultiplyAddEstimate(new global::System.Numerics.Vector<float>(global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, c)), global::System.Numerics.Vector.LoadUnsafe(ref wRow, (global::System.UIntPtr)((c * Filters) + f)), z0);");
        });
        w.Line("global::System.Numerics.Vector.StoreUnsafe(z0, ref zOut, (global::System.UIntPtr)f);");
        w.Close();
        w.Line();
        w.Comment("Filters left over when their count is not a multiple of the vector width.");
        w.Open("for (; f < Filters; f++)");
        w.Line("float zf = global::System.Runtime.CompilerServices.Unsafe.Add(ref biases, f);");
        WindowLoops(w, () =>
        {
            w.Line("zf += global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, c) * global::System.Runtime.CompilerServices.Unsafe.Add(ref wRow, (c * Filters) + f);");
        });
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref zOut, f) = zf;");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// Four horizontally neighbouring output pixels whose windows are whole in the column direction: 4 pixels × 2
    /// vectors of filters = 8 accumulators; per input value, two weight vectors are loaded and used four times.
    /// Summation order per output value is the same as <see cref="WriteForwardPixel"/>'s (ky, kx, c ascending), so
    /// both paths give identical results.
    /// </summary>
    private static void WriteForwardPixels4(CodeWriter w, Conv2DLayerPlan layer)
    {
        w.Summary("Layer " + CodeWriter.Int(layer.Index) + ", four neighbouring output pixels (columns ixLeft, ixLeft + Stride, …) whose windows lie inside the input's columns.");
        w.Open("private static void " + layer.Name + "ForwardPixels4(ref float x, ref float weights, ref float biases, ref float zOut, int iyTop, int kyFrom, int kyTo, int ixLeft)");
        WriteConstants(w, layer, "InW", "InC", "Filters", "Kernel", "Stride");
        w.Line("int lanes = global::System.Numerics.Vector<float>.Count;");
        w.Line("int f = 0;");
        w.Open("for (; f + (2 * lanes) <= Filters; f += 2 * lanes)");
        w.Line("global::System.Numerics.Vector<float> b0 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)f), b1 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)(f + lanes));");
        w.Line("global::System.Numerics.Vector<float> p0a = b0, p0b = b1, p1a = b0, p1b = b1, p2a = b0, p2b = b1, p3a = b0, p3b = b1;");
        WindowLoops(w, wholeRows: true, body: () =>
        {
            w.Line("ref float wc = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref wRow, (c * Filters) + f);");
            w.Line("global::System.Numerics.Vector<float> wa = global::System.Numerics.Vector.LoadUnsafe(ref wc), wb = global::System.Numerics.Vector.LoadUnsafe(ref wc, (global::System.UIntPtr)lanes);");
            for (int p = 0; p < 4; p++)
            {
                string px = p == 0 ? "c" : "(" + p + " * Stride * InC) + c";
                w.Line("global::System.Numerics.Vector<float> x" + p + " = new(global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, " + px + "));");
                w.Line("p" + p + "a = global::System.Numerics.Vector.MultiplyAddEstimate(x" + p + ", wa, p" + p + "a); p" + p + "b = global::System.Numerics.Vector.MultiplyAddEstimate(x" + p + ", wb, p" + p + "b);");
            }
        });
        for (int p = 0; p < 4; p++)
        {
            string offset = p == 0 ? "f" : "(" + p + " * Filters) + f";
            w.Line("global::System.Numerics.Vector.StoreUnsafe(p" + p + "a, ref zOut, (global::System.UIntPtr)(" + offset + ")); global::System.Numerics.Vector.StoreUnsafe(p" + p + "b, ref zOut, (global::System.UIntPtr)(" + offset + " + lanes));");
        }

        w.Close();
        w.Line();
        w.Open("for (; f + lanes <= Filters; f += lanes)");
        w.Line("global::System.Numerics.Vector<float> b0 = global::System.Numerics.Vector.LoadUnsafe(ref biases, (global::System.UIntPtr)f);");
        w.Line("global::System.Numerics.Vector<float> p0 = b0, p1 = b0, p2 = b0, p3 = b0;");
        WindowLoops(w, wholeRows: true, body: () =>
        {
            w.Line("global::System.Numerics.Vector<float> wa = global::System.Numerics.Vector.LoadUnsafe(ref wRow, (global::System.UIntPtr)((c * Filters) + f));");
            for (int p = 0; p < 4; p++)
            {
                string px = p == 0 ? "c" : "(" + p + " * Stride * InC) + c";
                w.Line("p" + p + " = global::System.Numerics.Vector.MultiplyAddEstimate(new global::System.Numerics.Vector<float>(global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, " + px + ")), wa, p" + p + ");");
            }
        });
        for (int p = 0; p < 4; p++)
        {
            string offset = p == 0 ? "f" : "(" + p + " * Filters) + f";
            w.Line("global::System.Numerics.Vector.StoreUnsafe(p" + p + ", ref zOut, (global::System.UIntPtr)(" + offset + "));");
        }

        w.Close();
        w.Line();
        w.Comment("Filters left over when their count is not a multiple of the vector width.");
        w.Open("for (; f < Filters; f++)");
        w.Line("float bf = global::System.Runtime.CompilerServices.Unsafe.Add(ref biases, f);");
        w.Line("float s0 = bf, s1 = bf, s2 = bf, s3 = bf;");
        WindowLoops(w, wholeRows: true, body: () =>
        {
            w.Line("float wf = global::System.Runtime.CompilerServices.Unsafe.Add(ref wRow, (c * Filters) + f);");
            w.Line("s0 += global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, c) * wf;");
            w.Line("s1 += global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, (Stride * InC) + c) * wf;");
            w.Line("s2 += global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, (2 * Stride * InC) + c) * wf;");
            w.Line("s3 += global::System.Runtime.CompilerServices.Unsafe.Add(ref xRow, (3 * Stride * InC) + c) * wf;");
        });
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref zOut, f) = s0; global::System.Runtime.CompilerServices.Unsafe.Add(ref zOut, Filters + f) = s1; global::System.Runtime.CompilerServices.Unsafe.Add(ref zOut, (2 * Filters) + f) = s2; global::System.Runtime.CompilerServices.Unsafe.Add(ref zOut, (3 * Filters) + f) = s3;");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The ky, kx, c loops over one window: xRow is the input pixel, wRow the weights W[ky, kx, ·, ·]. The columns
    /// run over [kxFrom, kxTo) for a window the border may cut, or over the whole kernel for the four-pixel blocks,
    /// whose windows lie inside the input's columns.
    /// </summary>
    private static void WindowLoops(CodeWriter w, System.Action body, bool wholeRows = false)
    {
        w.Open("for (int ky = kyFrom; ky < kyTo; ky++)");
        w.Open(wholeRows ? "for (int kx = 0; kx < Kernel; kx++)" : "for (int kx = kxFrom; kx < kxTo; kx++)");
        w.Line("ref float xRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, (((iyTop + ky) * InW) + ixLeft + kx) * InC);");
        w.Line("ref float wRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, ((ky * Kernel) + kx) * InC * Filters);");
        w.Open("for (int c = 0; c < InC; c++)");
        body();
        w.Close();
        w.Close();
        w.Close();
    }

    private static void WriteBackward(CodeWriter w, Conv2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string p = CodeWriter.Int(layer.Index - 1);
        bool first = layer.Index == 1;
        w.Line("//   Backward: dZ[" + l + "] = dA[" + l + "] ⊙ g'(Z[" + l + "])");
        if (!first)
        {
            w.Line("//             dA[" + p + "][i, j, c] = Σ_{ky, kx, f} W[ky, kx, c, f] · dZ[(i + pt − ky)/s, (j + pl − kx)/s, f] over the terms where the");
            w.Line("//             division is exact and in range: a full convolution of dZ (stride-dilated) with the kernels flipped, ky → −ky, kx → −kx.");
        }

        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " backward, phase 1 of a training step, over <paramref name=\"samples\"/> samples: <paramref name=\"delta\"/> holds");
        w.Line("/// ∂cost/∂A and becomes ∂cost/∂Z" + (first ? "." : "; ∂cost/∂A of the previous layer is written to <paramref name=\"inputGradient\"/>.") + " Samples are independent,");
        w.Line("/// so a batch can be split across threads here; the weight gradients come in phase 2 (" + layer.Name + "WeightGradients).");
        w.Line("/// </summary>");
        w.Open("private static void " + layer.Name + "Backward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<float> a, global::System.Span<float> delta"
            + (first ? ", int samples)" : ", global::System.Span<float> inputGradient, int samples)"));
        ActivationEmitter.WriteDerivative(w, layer.Activation, "samples", layer.OutputSize);
        if (!first)
        {
            WriteConstants(w, layer);
            w.Line("global::System.ReadOnlySpan<float> weights = parameters.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + ");");
            w.Comment("W transposed to [ky][kx][f][c], so dA_prev vectorises over input channels: one dZ value broadcast, then contiguous");
            w.Comment("loads of W. Kept per thread (the shards of a step each make their own) and rebuilt every call, as the weights change.");
            w.Line("float[] transposed = t_" + layer.Name + "TransposedWeights ??= new float[" + CodeWriter.Int(layer.WeightCount) + "];");
            w.Open("for (int kk = 0; kk < Kernel * Kernel; kk++)");
            w.Open("for (int c = 0; c < InC; c++)");
            w.Open("for (int f = 0; f < Filters; f++)");
            w.Line("transposed[(((kk * Filters) + f) * InC) + c] = weights[(((kk * InC) + c) * Filters) + f];");
            w.Close();
            w.Close();
            w.Close();
            w.Line();
            w.Line("ref float wt = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(transposed);");
            w.Line("int lanes = global::System.Numerics.Vector<float>.Count;");
            w.Open("for (int s = 0; s < samples; s++)");
            w.Line("ref float dz = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(delta.Slice(s * OutSize, OutSize));");
            WriteInputGradient(w);
            w.Close();
        }

        w.Close();
        w.Line();
        if (!first)
        {
            w.Comment("Layer " + l + "'s transposed weights for the input gradient, one buffer per thread (see " + layer.Name + "Backward).");
            w.Line("[global::System.ThreadStatic]");
            w.Line("private static float[]? t_" + layer.Name + "TransposedWeights;");
            w.Line();
        }

        WriteWeightGradients(w, layer);
    }

    private static void WriteWeightGradients(CodeWriter w, Conv2DLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        w.Line("//   Gradients: db[f] = Σ_{s, y, x} dZ[y, x, f];");
        w.Line("//              dW[ky, kx, c, f] = Σ_{s, y, x} A_prev[y·s + ky − pt, x·s + kx − pl, c] · dZ[y, x, f]  (a correlation of the input with dZ)");
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " weight and bias gradients, phase 2 of a training step, for shard <paramref name=\"shard\"/> of");
        w.Line("/// <paramref name=\"shards\"/>: a contiguous range of the kernel's (ky, kx, c) rows, overwritten (shard 0 also does db).");
        w.Line("/// Each value is summed over the samples in order by exactly one shard, so the result does not depend on the number of shards.");
        w.Line("/// </summary>");
        w.Open("private static void " + layer.Name + "WeightGradients(global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<float> delta, global::System.Span<float> gradients, int samples, int shard, int shards)");
        WriteConstants(w, layer);
        w.Line("const int Rows = Kernel * Kernel * InC;");
        w.Line("int firstRow = shard * Rows / shards;");
        w.Line("int endRow = (shard + 1) * Rows / shards;");
        w.Line("gradients.Slice(" + layer.Name + "Weights + (firstRow * Filters), (endRow - firstRow) * Filters).Clear();");
        w.Line("ref float dWeights = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(gradients.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + "));");
        w.Line("ref float dBiases = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(gradients.Slice(" + layer.Name + "Biases, Filters));");
        w.Line("bool biases = shard == 0;");
        w.Open("if (biases)");
        w.Line("gradients.Slice(" + layer.Name + "Biases, Filters).Clear();");
        w.Close();
        w.Line();
        w.Line("int lanes = global::System.Numerics.Vector<float>.Count;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("ref float x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input.Slice(s * InSize, InSize));");
        w.Line("ref float dz = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(delta.Slice(s * OutSize, OutSize));");
        w.Open("if (biases)");
        w.Comment("db[f] += Σ_{y, x} dZ[y, x, f]: add every output pixel's row of filters.");
        w.Open("for (int o = 0; o < OutH * OutW; o++)");
        w.Line("ref float dzRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, o * Filters);");
        w.Line("int f = 0;");
        w.Open("for (; f + lanes <= Filters; f += lanes)");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dBiases, (global::System.UIntPtr)f) + global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)f), ref dBiases, (global::System.UIntPtr)f);");
        w.Close();
        w.Open("for (; f < Filters; f++)");
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref dBiases, f) += global::System.Runtime.CompilerServices.Unsafe.Add(ref dzRow, f);");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        WriteWeightGradient(w);
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteWeightGradient(CodeWriter w)
    {
        w.Comment("dW[ky, kx, c, f] += Σ_{y, x} A_prev[iy, ix, c] · dZ[y, x, f]: for each of this shard's weight rows, run over the");
        w.Comment("output pixels whose window puts (ky, kx) inside the input, accumulating vectors of filters in registers.");
        w.Open("for (int r = firstRow; r < endRow;)");
        w.Line("int ky = r / (Kernel * InC), kx = r / InC % Kernel, c = r % InC;");
        w.Comment("Output rows y with iy = y·Stride + ky − PadTop in [0, InH), and likewise for the columns.");
        w.Line("int yFrom = global::System.Math.Max(0, (PadTop - ky + Stride - 1) / Stride);");
        w.Line("int yTo = (InH - 1 + PadTop - ky) < 0 ? 0 : global::System.Math.Min(OutH, ((InH - 1 + PadTop - ky) / Stride) + 1);");
        w.Line("int xFrom = global::System.Math.Max(0, (PadLeft - kx + Stride - 1) / Stride);");
        w.Line("int xTo = (InW - 1 + PadLeft - kx) < 0 ? 0 : global::System.Math.Min(OutW, ((InW - 1 + PadLeft - kx) / Stride) + 1);");
        w.Line("ref float dwRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dWeights, r * Filters);");
        w.Line("int f = 0;");
        w.Comment("Two rows at once (channels c and c + 1 of the same kernel position share the window): each dZ vector");
        w.Comment("loaded serves both. Every dW value is still summed over the same pixels in the same order.");
        w.Open("if (r + 1 < endRow && c + 1 < InC)");
        WritePairedRows(w);
        w.Line("r += 2;");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Comment("Four vectors of filters per pass: the per-pixel index arithmetic is shared by four multiply-adds.");
        w.Open("for (; f + (4 * lanes) <= Filters; f += 4 * lanes)");
        w.Line("global::System.Numerics.Vector<float> g0 = default, g1 = default, g2 = default, g3 = default;");
        OutputPixelLoops(w, () =>
        {
            w.Line("g0 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)f), g0);");
            w.Line("g1 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)(f + lanes)), g1);");
            w.Line("g2 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)(f + (2 * lanes))), g2);");
            w.Line("g3 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)(f + (3 * lanes))), g3);");
        }, vector: true);
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)f) + g0, ref dwRow, (global::System.UIntPtr)f);");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)(f + lanes)) + g1, ref dwRow, (global::System.UIntPtr)(f + lanes));");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)(f + (2 * lanes))) + g2, ref dwRow, (global::System.UIntPtr)(f + (2 * lanes)));");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)(f + (3 * lanes))) + g3, ref dwRow, (global::System.UIntPtr)(f + (3 * lanes)));");
        w.Close();
        w.Line();
        w.Open("for (; f + lanes <= Filters; f += lanes)");
        w.Line("global::System.Numerics.Vector<float> g0 = default;");
        OutputPixelLoops(w, () => w.Line("g0 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)f), g0);"), vector: true);
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)f) + g0, ref dwRow, (global::System.UIntPtr)f);");
        w.Close();
        w.Line();
        w.Open("for (; f < Filters; f++)");
        w.Line("float g0 = 0f;");
        OutputPixelLoops(w, () => w.Line("g0 += xs * global::System.Runtime.CompilerServices.Unsafe.Add(ref dzRow, f);"), vector: false);
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref dwRow, f) += g0;");
        w.Close();
        w.Line();
        w.Line("r++;");
        w.Close();
    }

    /// <summary>dW rows r and r + 1 (channels c, c + 1): 2 rows × 4 vectors of filters = 8 accumulators, then the tails.</summary>
    private static void WritePairedRows(CodeWriter w)
    {
        w.Open("for (; f + (4 * lanes) <= Filters; f += 4 * lanes)");
        w.Line("global::System.Numerics.Vector<float> g0 = default, g1 = default, g2 = default, g3 = default;");
        w.Line("global::System.Numerics.Vector<float> h0 = default, h1 = default, h2 = default, h3 = default;");
        OutputPixelLoops(w, paired: true, vector: true, body: () =>
        {
            w.Line("global::System.Numerics.Vector<float> d0 = global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)f), d1 = global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)(f + lanes));");
            w.Line("global::System.Numerics.Vector<float> d2 = global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)(f + (2 * lanes))), d3 = global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)(f + (3 * lanes)));");
            w.Line("g0 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, d0, g0); g1 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, d1, g1);");
            w.Line("g2 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, d2, g2); g3 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, d3, g3);");
            w.Line("h0 = global::System.Numerics.Vector.MultiplyAddEstimate(xw, d0, h0); h1 = global::System.Numerics.Vector.MultiplyAddEstimate(xw, d1, h1);");
            w.Line("h2 = global::System.Numerics.Vector.MultiplyAddEstimate(xw, d2, h2); h3 = global::System.Numerics.Vector.MultiplyAddEstimate(xw, d3, h3);");
        });
        w.Line("ref float dwNext = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dwRow, Filters);");
        for (int v = 0; v < 4; v++)
        {
            string o = v == 0 ? "f" : "f + " + (v == 1 ? "lanes" : "(" + v + " * lanes)");
            w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)(" + o + ")) + g" + v + ", ref dwRow, (global::System.UIntPtr)(" + o + "));");
            w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwNext, (global::System.UIntPtr)(" + o + ")) + h" + v + ", ref dwNext, (global::System.UIntPtr)(" + o + "));");
        }

        w.Close();
        w.Line();
        w.Open("for (; f + lanes <= Filters; f += lanes)");
        w.Line("global::System.Numerics.Vector<float> g0 = default, h0 = default;");
        OutputPixelLoops(w, paired: true, vector: true, body: () =>
        {
            w.Line("global::System.Numerics.Vector<float> d0 = global::System.Numerics.Vector.LoadUnsafe(ref dzRow, (global::System.UIntPtr)f);");
            w.Line("g0 = global::System.Numerics.Vector.MultiplyAddEstimate(xv, d0, g0); h0 = global::System.Numerics.Vector.MultiplyAddEstimate(xw, d0, h0);");
        });
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)f) + g0, ref dwRow, (global::System.UIntPtr)f);");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(global::System.Numerics.Vector.LoadUnsafe(ref dwRow, (global::System.UIntPtr)(f + Filters)) + h0, ref dwRow, (global::System.UIntPtr)(f + Filters));");
        w.Close();
        w.Line();
        w.Open("for (; f < Filters; f++)");
        w.Line("float g0 = 0f, h0 = 0f;");
        OutputPixelLoops(w, paired: true, vector: false, body: () =>
        {
            w.Line("float d0 = global::System.Runtime.CompilerServices.Unsafe.Add(ref dzRow, f);");
            w.Line("g0 += xs * d0; h0 += xt * d0;");
        });
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref dwRow, f) += g0;");
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref dwRow, Filters + f) += h0;");
        w.Close();
    }

    /// <summary>
    /// The output pixels (y, xo) whose window puts kernel position (ky, kx) inside the input, with dzRow = dZ[y, xo, ·]
    /// and the input value of channel c as xv (a broadcast vector) or xs; paired, also channel c + 1 as xw or xt.
    /// </summary>
    private static void OutputPixelLoops(CodeWriter w, System.Action body, bool vector, bool paired = false)
    {
        w.Open("for (int y = yFrom; y < yTo; y++)");
        w.Line("int iy = (y * Stride) + ky - PadTop;");
        w.Open("for (int xo = xFrom; xo < xTo; xo++)");
        w.Line("int ix = (xo * Stride) + kx - PadLeft;");
        if (paired)
        {
            w.Line("ref float xPixel = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, (((iy * InW) + ix) * InC) + c);");
            w.Line(vector
                ? "global::System.Numerics.Vector<float> xv = new(xPixel); global::System.Numerics.Vector<float> xw = new(global::System.Runtime.CompilerServices.Unsafe.Add(ref xPixel, 1));"
                : "float xs = xPixel, xt = global::System.Runtime.CompilerServices.Unsafe.Add(ref xPixel, 1);");
        }
        else
        {
            w.Line(vector
                ? "global::System.Numerics.Vector<float> xv = new(global::System.Runtime.CompilerServices.Unsafe.Add(ref x, (((iy * InW) + ix) * InC) + c));"
                : "float xs = global::System.Runtime.CompilerServices.Unsafe.Add(ref x, (((iy * InW) + ix) * InC) + c);");
        }

        w.Line("ref float dzRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, ((y * OutW) + xo) * Filters);");
        body();
        w.Close();
        w.Close();
    }

    private static void WriteInputGradient(CodeWriter w)
    {
        w.Comment("dA_prev[iy, ix, c] = Σ over the windows that cover (iy, ix) and the filters: Wt[ky, kx, f, c] · dZ[y, x, f], where");
        w.Comment("iy = y·Stride + ky − PadTop. Gathering per input pixel (rather than scattering per output) writes each value once;");
        w.Comment("the sum runs over (ky, kx, f) in order, a vector of input channels at a time.");
        w.Line("ref float dx = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(inputGradient.Slice(s * InSize, InSize));");
        w.Open("for (int iy = 0; iy < InH; iy++)");
        w.Open("for (int ix = 0; ix < InW; ix++)");
        w.Line("ref float dxPixel = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dx, ((iy * InW) + ix) * InC);");
        w.Line("int c = 0;");
        w.Open("for (; c + (4 * lanes) <= InC; c += 4 * lanes)");
        w.Line("global::System.Numerics.Vector<float> g0 = default, g1 = default, g2 = default, g3 = default;");
        CoveringWindows(w, () =>
        {
            w.Line("global::System.Numerics.Vector<float> d = new(global::System.Runtime.CompilerServices.Unsafe.Add(ref dzRow, f));");
            w.Line("ref float wc = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref wtRow, (f * InC) + c);");
            w.Line("g0 = global::System.Numerics.Vector.MultiplyAddEstimate(d, global::System.Numerics.Vector.LoadUnsafe(ref wc), g0);");
            w.Line("g1 = global::System.Numerics.Vector.MultiplyAddEstimate(d, global::System.Numerics.Vector.LoadUnsafe(ref wc, (global::System.UIntPtr)lanes), g1);");
            w.Line("g2 = global::System.Numerics.Vector.MultiplyAddEstimate(d, global::System.Numerics.Vector.LoadUnsafe(ref wc, (global::System.UIntPtr)(2 * lanes)), g2);");
            w.Line("g3 = global::System.Numerics.Vector.MultiplyAddEstimate(d, global::System.Numerics.Vector.LoadUnsafe(ref wc, (global::System.UIntPtr)(3 * lanes)), g3);");
        });
        w.Line("global::System.Numerics.Vector.StoreUnsafe(g0, ref dxPixel, (global::System.UIntPtr)c);");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(g1, ref dxPixel, (global::System.UIntPtr)(c + lanes));");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(g2, ref dxPixel, (global::System.UIntPtr)(c + (2 * lanes)));");
        w.Line("global::System.Numerics.Vector.StoreUnsafe(g3, ref dxPixel, (global::System.UIntPtr)(c + (3 * lanes)));");
        w.Close();
        w.Line();
        w.Open("for (; c + lanes <= InC; c += lanes)");
        w.Line("global::System.Numerics.Vector<float> g0 = default;");
        CoveringWindows(w, () =>
            w.Line("g0 = global::System.Numerics.Vector.MultiplyAddEstimate(new global::System.Numerics.Vector<float>(global::System.Runtime.CompilerServices.Unsafe.Add(ref dzRow, f)), global::System.Numerics.Vector.LoadUnsafe(ref wtRow, (global::System.UIntPtr)((f * InC) + c)), g0);"));
        w.Line("global::System.Numerics.Vector.StoreUnsafe(g0, ref dxPixel, (global::System.UIntPtr)c);");
        w.Close();
        w.Line();
        w.Comment("Channels left over when their count is not a multiple of the vector width.");
        w.Open("for (; c < InC; c++)");
        w.Line("float g = 0f;");
        CoveringWindows(w, () => w.Line("g += global::System.Runtime.CompilerServices.Unsafe.Add(ref dzRow, f) * global::System.Runtime.CompilerServices.Unsafe.Add(ref wtRow, (f * InC) + c);"));
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref dxPixel, c) = g;");
        w.Close();
        w.Close();
        w.Close();
    }

    /// <summary>
    /// The (ky, kx) kernel positions whose window covers input pixel (iy, ix), then the filters: dzRow is dZ at the
    /// output pixel of that window, wtRow the transposed weights Wt[ky, kx, ·, ·].
    /// </summary>
    private static void CoveringWindows(CodeWriter w, System.Action body)
    {
        w.Comment("ky runs over the kernel rows ≡ iy + PadTop (mod Stride); the output row y = (iy + PadTop − ky) / Stride falls as ky grows.");
        w.Open("for (int ky = (iy + PadTop) % Stride; ky < Kernel && ky <= iy + PadTop; ky += Stride)");
        w.Line("int y = (iy + PadTop - ky) / Stride;");
        w.Open("if (y >= OutH)");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Open("for (int kx = (ix + PadLeft) % Stride; kx < Kernel && kx <= ix + PadLeft; kx += Stride)");
        w.Line("int xo = (ix + PadLeft - kx) / Stride;");
        w.Open("if (xo >= OutW)");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line("ref float wtRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref wt, ((ky * Kernel) + kx) * Filters * InC);");
        w.Line("ref float dzRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, ((y * OutW) + xo) * Filters);");
        w.Open("for (int f = 0; f < Filters; f++)");
        body();
        w.Close();
        w.Close();
        w.Close();
    }
}
