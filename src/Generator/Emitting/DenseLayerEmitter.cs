using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Each Dense layer's forward and hand-derived backward, side by side, as drivers over the register-blocked
/// kernels of <see cref="KernelEmitter"/>. The generator picks the block shapes from the layer's constant sizes:
/// <list type="bullet">
/// <item>forward: 4 samples × 2 units per block (8 accumulators fit AVX2's 16 registers with room for the loads);
/// a lone sample (Predict) uses blocks of 8 to 11 units so the FMA pipes stay busy;</item>
/// <item>weight gradient: 4 units × 2 vectors of inputs per block, the batch streamed through it;</item>
/// <item>input gradient: 4 samples × 2 vectors of inputs per block, the units streamed through it.</item>
/// </list>
/// Tails (units, samples, inputs that do not fill a block) go through narrower kernels of the same
/// accumulation order, chosen statically where the size is a constant.
/// </summary>
internal static class DenseLayerEmitter
{
    /// <summary>Samples per forward and input-gradient block.</summary>
    public const int RowBlock = KernelBlocks.RowBlock;

    /// <summary>Units per weight-gradient block; shard boundaries over units are multiples of it.</summary>
    public const int UnitBlock = KernelBlocks.UnitBlock;

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
            WriteWeightGradients(w, layer);
        }
    }

    /// <summary>Units per forward block in a batch: 2, or 1 for a single-unit layer.</summary>
    private static int ForwardUnits(LayerPlan layer) => layer.OutputSize >= 2 ? 2 : 1;

    private static void WriteForward(CodeWriter w, LayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string n = CodeWriter.Int(layer.OutputSize);
        string k = CodeWriter.Int(layer.InputSize);
        int units = ForwardUnits(layer);
        int blocked = layer.OutputSize / units * units;
        IReadOnlyList<int> single = SingleRowWidths(layer.OutputSize);

        w.Line("// Layer " + l + ": Dense(" + n + ", " + layer.Activation + "), " + k + " → " + n);
        w.Line("//   Forward:  Z[" + l + "] = A[" + (layer.Index - 1) + "]·W[" + l + "]ᵀ + b[" + l + "],  A[" + l + "] = g(Z[" + l + "]),  g = " + ActivationEmitter.Formula(layer.Activation));
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " forward over <paramref name=\"samples\"/> row-major samples (" + k + " inputs, " + n + " outputs each).");
        w.Line("/// <paramref name=\"z\"/> and <paramref name=\"a\"/> may be the same span: the activation is then applied in place.");
        w.Line("/// </summary>");
        w.Open("private static void " + layer.Name + "Forward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> input, global::System.Span<float> z, global::System.Span<float> a, int samples)");
        w.Line("RequireAtLeast(input.Length, samples * " + k + ", \"input\");");
        w.Line("RequireAtLeast(z.Length, samples * " + n + ", \"z\");");
        w.Line("RequireAtLeast(a.Length, samples * " + n + ", \"a\");");
        w.Line("ref float p = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters);");
        w.Line("ref float weights = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref p, " + layer.Name + "Weights);");
        w.Line("ref float biases = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref p, " + layer.Name + "Biases);");
        w.Line("ref float x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input);");
        w.Line("ref float zs = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(z);");
        w.Line("ref float as_ = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(a);");
        w.Line("int s = 0;");
        w.Comment("Blocks of " + RowBlock + " samples × " + units + " unit" + (units == 1 ? string.Empty : "s") + ": each weight vector loaded serves " + RowBlock + " samples.");
        w.Open("for (; s + " + RowBlock + " <= samples; s += " + RowBlock + ")");
        w.Line("ref float xs = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, s * " + k + ");");
        w.Open("for (int j = 0; j < " + CodeWriter.Int(blocked) + "; j += " + units + ")");
        w.Line(KernelEmitter.ForwardName(layer, RowBlock, units) + "(ref xs, ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, j * " + k + "), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref biases, j), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref zs, (s * " + n + ") + j), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref as_, (s * " + n + ") + j));");
        w.Close();
        if (blocked < layer.OutputSize)
        {
            w.Comment("The last unit (" + n + " is odd).");
            w.Line(KernelEmitter.ForwardName(layer, RowBlock, 1) + "(ref xs, ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, " + CodeWriter.Int(blocked * layer.InputSize) + "), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref biases, " + CodeWriter.Int(blocked) + "), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref zs, (s * " + n + ") + " + CodeWriter.Int(blocked) + "), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref as_, (s * " + n + ") + " + CodeWriter.Int(blocked) + "));");
        }

        w.Close();
        w.Line();
        w.Comment("Remaining samples one at a time (Predict's only path): " + n + " units as " + DescribeWidths(single) + ".");
        w.Open("for (; s < samples; s++)");
        w.Line("ref float xs = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, s * " + k + ");");
        WriteSingleRowBlocks(w, layer, single);
        w.Close();
        if (layer.Activation == ActivationKind.Softmax)
        {
            w.Line();
            ActivationEmitter.WriteForward(w, layer.Activation, "samples", layer.OutputSize);
        }

        w.Close();
        w.Line();
        var shapes = new List<(int Rows, int Units)> { (RowBlock, units) };
        if (blocked < layer.OutputSize)
        {
            shapes.Add((RowBlock, 1));
        }

        shapes.AddRange(single.Distinct().Select(c => (1, c)));
        foreach ((int rows, int cols) in shapes.Distinct())
        {
            KernelEmitter.WriteForwardBlock(w, layer, rows, cols);
        }
    }

    /// <summary>
    /// Units per block when one sample goes through (Predict): a dot product per unit, each a chain of dependent
    /// multiply-adds, so a block needs about 8 of them to keep two FMA pipes of latency 4 busy. Blocks of 8, with a
    /// remainder of 4 or more as its own block and a smaller one spread over the blocks (25 → 9 + 8 + 8, 10 → 10),
    /// so no unit is left alone on a single slow chain. At most 11 accumulators: they fit in AVX2's 16 registers.
    /// </summary>
    private static IReadOnlyList<int> SingleRowWidths(int units)
    {
        int blocks = units / 8;
        int remainder = units % 8;
        if (blocks == 0)
        {
            return new[] { units };
        }

        var widths = new List<int>();
        for (int i = 0; i < blocks; i++)
        {
            widths.Add(8);
        }

        if (remainder >= 4)
        {
            widths.Add(remainder);
        }
        else
        {
            // 1 to 3 units left: one more for each block in turn (10 → 10, 25 → 9 + 8 + 8, 19 → 10 + 9).
            for (int i = 0; i < remainder; i++)
            {
                widths[i % blocks]++;
            }
        }

        return widths;
    }

    /// <summary>
    /// "9 + 8 + 8", with a long run of one width counted instead of spelled out ("4,194,303 × 8"): a Dense(33,554,431)
    /// would otherwise write a 16 MB comment (GeneratedNameTests.A_layer_of_sixteen_million_units_...).
    /// </summary>
    private static string DescribeWidths(IReadOnlyList<int> widths)
    {
        var parts = new List<string>();
        for (int i = 0; i < widths.Count;)
        {
            int run = 1;
            while (i + run < widths.Count && widths[i + run] == widths[i])
            {
                run++;
            }

            for (int r = 0; r < (run > 3 ? 1 : run); r++)
            {
                parts.Add(run > 3 ? CodeWriter.Grouped(run) + " × " + widths[i] : CodeWriter.Int(widths[i]));
            }

            i += run;
        }

        return string.Join(" + ", parts);
    }

    private static void WriteSingleRowBlocks(CodeWriter w, LayerPlan layer, IReadOnlyList<int> parts)
    {
        string n = CodeWriter.Int(layer.OutputSize);
        string k = CodeWriter.Int(layer.InputSize);
        int j = 0;
        int i = 0;
        while (i < parts.Count)
        {
            int width = parts[i];
            int run = 0;
            while (i + run < parts.Count && parts[i + run] == width)
            {
                run++;
            }

            string call = KernelEmitter.ForwardName(layer, 1, width) + "(ref xs, ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, {J} * " + k + "), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref biases, {J}), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref zs, (s * " + n + ") + {J}), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref as_, (s * " + n + ") + {J}));";
            if (run == 1)
            {
                w.Line(call.Replace("{J}", CodeWriter.Int(j)));
            }
            else
            {
                w.Open("for (int j = " + CodeWriter.Int(j) + "; j < " + CodeWriter.Int(j + (run * width)) + "; j += " + width + ")");
                w.Line(call.Replace("{J}", "j"));
                w.Close();
            }

            j += run * width;
            i += run;
        }
    }

    private static void WriteBackward(CodeWriter w, LayerPlan layer, bool fused)
    {
        string l = CodeWriter.Int(layer.Index);
        string previous = CodeWriter.Int(layer.Index - 1);
        string n = CodeWriter.Int(layer.OutputSize);
        string k = CodeWriter.Int(layer.InputSize);
        bool first = layer.Index == 1;
        w.Line("//   Backward: " + (fused ? "dZ[" + l + "] comes from the fused loss" : "dZ[" + l + "] = dA[" + l + "] ⊙ g'(Z[" + l + "])")
            + (first ? string.Empty : ",  dA[" + previous + "] = dZ[" + l + "]·W[" + l + "]") + "  (per sample; dW and db are in " + layer.Name + "WeightGradients)");
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " backward through the samples: <paramref name=\"delta\"/> holds " + (fused ? "∂cost/∂Z (from the fused loss)" : "∂cost/∂A and becomes ∂cost/∂Z") + ";");
        w.Line("/// " + (first ? "the first layer passes nothing further back." : "∂cost/∂A of the previous layer is written to <paramref name=\"inputGradient\"/>."));
        w.Line("/// Each sample is independent, so a batch can be split across threads by samples.");
        w.Line("/// </summary>");
        string signature = "private static void " + layer.Name + "Backward(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> a, global::System.Span<float> delta"
            + (first ? ", int samples)" : ", global::System.Span<float> inputGradient, int samples)");
        w.Open(signature);
        w.Line("RequireAtLeast(a.Length, samples * " + n + ", \"a\");");
        w.Line("RequireAtLeast(delta.Length, samples * " + n + ", \"delta\");");
        if (!fused)
        {
            ActivationEmitter.WriteDerivative(w, layer.Activation, "samples", layer.OutputSize);
        }
        else
        {
            w.Comment("delta already holds dZ = p − y from the fused loss, so no activation derivative is applied here.");
        }

        if (!first)
        {
            WriteInputGradientDriver(w, layer);
        }

        w.Close();
        w.Line();
        if (!first)
        {
            KernelEmitter.WriteInputGradientBlock(w, layer, RowBlock, 2);
            KernelEmitter.WriteInputGradientBlock(w, layer, RowBlock, 1);
            KernelEmitter.WriteInputGradientBlock(w, layer, 1, 2);
            KernelEmitter.WriteInputGradientBlock(w, layer, 1, 1);
            if (layer.InputSize % KernelEmitter.WidestVector != 0)
            {
                w.Summary("One element of dA_prev: Σ_j dZ[s, j]·W[j, k], in the same order as the vector kernels. dz: dZ[s, 0]; w: W[0, k].");
                w.Open("private static float " + layer.Name + "InputGradientAt(ref float dz, ref float w)");
                w.Line("float sum = 0f;");
                w.Open("for (int j = 0; j < " + n + "; j++)");
                w.Line("sum += global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, j) * global::System.Runtime.CompilerServices.Unsafe.Add(ref w, j * " + k + ");");
                w.Close();
                w.Line("return sum;");
                w.Close();
                w.Line();
            }
        }
    }

    private static void WriteInputGradientDriver(CodeWriter w, LayerPlan layer)
    {
        string n = CodeWriter.Int(layer.OutputSize);
        string k = CodeWriter.Int(layer.InputSize);
        w.Line("RequireAtLeast(inputGradient.Length, samples * " + k + ", \"inputGradient\");");
        w.Comment("dA_prev = dZ·W: blocks of " + RowBlock + " samples × 2 vectors of inputs, W's rows streamed through them.");
        w.Line("ref float weights = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters), " + layer.Name + "Weights);");
        w.Line("ref float dz = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(delta);");
        w.Line("ref float dx = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(inputGradient);");
        w.Line("int s = 0;");
        foreach (int rows in new[] { RowBlock, 1 })
        {
            w.Open(rows == RowBlock ? "for (; s + " + RowBlock + " <= samples; s += " + RowBlock + ")" : "for (; s < samples; s++)");
            w.Line("ref float dzs = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, s * " + n + ");");
            w.Line("ref float dxs = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dx, s * " + k + ");");
            WriteInputColumns(
                w,
                layer,
                vectors => KernelEmitter.InputGradientName(layer, rows, vectors) + "(ref dzs, ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, k), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dxs, k));",
                r => "global::System.Runtime.CompilerServices.Unsafe.Add(ref dxs, " + RowOffset(r, layer.InputSize) + "k) = " + layer.Name + "InputGradientAt(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dzs, " + CodeWriter.Int(r * layer.OutputSize) + "), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, k));",
                rows);
            w.Close();
        }
    }

    /// <summary>
    /// The walk over the inputs k that the backward drivers share: blocks of two vectors, then one vector, then, when
    /// the input size is not a multiple of every vector width, scalar elements — one line per row of the block.
    /// </summary>
    private static void WriteInputColumns(CodeWriter w, LayerPlan layer, System.Func<int, string> vectorCall, System.Func<int, string> scalarLine, int rows)
    {
        string k = CodeWriter.Int(layer.InputSize);
        w.Line("global::System.UIntPtr k = 0;");
        w.Open("for (; k + (2 * (global::System.UIntPtr)global::System.Numerics.Vector<float>.Count) <= " + k + "; k += 2 * (global::System.UIntPtr)global::System.Numerics.Vector<float>.Count)");
        w.Line(vectorCall(2));
        w.Close();
        w.Open("if (k + (global::System.UIntPtr)global::System.Numerics.Vector<float>.Count <= " + k + ")");
        w.Line(vectorCall(1));
        w.Line("k += (global::System.UIntPtr)global::System.Numerics.Vector<float>.Count;");
        w.Close();
        if (layer.InputSize % KernelEmitter.WidestVector != 0)
        {
            w.Comment("Scalar tail: " + k + " is not a multiple of every vector width.");
            w.Open("for (; k < " + k + "; k++)");
            for (int r = 0; r < rows; r++)
            {
                w.Line(scalarLine(r));
            }

            w.Close();
        }
    }

    /// <summary>"" for row 0, else "r·stride + ": the offset of row r of a block in a row-major buffer.</summary>
    private static string RowOffset(int row, int stride) => row == 0 ? string.Empty : CodeWriter.Int(row * stride) + " + ";

    private static void WriteWeightGradients(CodeWriter w, LayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string n = CodeWriter.Int(layer.OutputSize);
        string k = CodeWriter.Int(layer.InputSize);
        bool scalarTail = layer.InputSize % KernelEmitter.WidestVector != 0;
        w.Line("//   Gradients: dW[" + l + "] = dZ[" + l + "]ᵀ·A[" + (layer.Index - 1) + "],  db[" + l + "] = Σ_s dZ[" + l + "]  (summed over the batch in sample order)");
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " weight and bias gradients for shard <paramref name=\"shard\"/> of <paramref name=\"shards\"/>: a contiguous");
        w.Line("/// range of units (a multiple of " + UnitBlock + " wide), whose dW rows and db entries are overwritten. Every value is summed");
        w.Line("/// over the samples in order by exactly one shard, so the result does not depend on the number of shards.");
        w.Line("/// </summary>");
        w.Open("private static void " + layer.Name + "WeightGradients(global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<float> delta, global::System.Span<float> gradients, int samples, int shard, int shards)");
        w.Line("RequireAtLeast(input.Length, samples * " + k + ", \"input\");");
        w.Line("RequireAtLeast(delta.Length, samples * " + n + ", \"delta\");");
        w.Line("RequireAtLeast(gradients.Length, ParameterCount, \"gradients\");");
        w.Line("int firstUnit = shard * " + n + " / shards / " + UnitBlock + " * " + UnitBlock + ";");
        w.Line("int endUnit = shard + 1 == shards ? " + n + " : (shard + 1) * " + n + " / shards / " + UnitBlock + " * " + UnitBlock + ";");
        w.Line("ref float g = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(gradients);");
        w.Line("ref float dw = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref g, " + layer.Name + "Weights);");
        w.Line("ref float x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input);");
        w.Line("ref float dz = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(delta);");
        w.Line("int j = firstUnit;");
        foreach (int units in new[] { UnitBlock, 1 })
        {
            w.Open(units == UnitBlock ? "for (; j + " + UnitBlock + " <= endUnit; j += " + UnitBlock + ")" : "for (; j < endUnit; j++)");
            w.Line("ref float dzj = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, j);");
            w.Line("ref float dwj = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dw, j * " + k + ");");
            WriteInputColumns(
                w,
                layer,
                vectors => KernelEmitter.WeightGradientName(layer, units, vectors) + "(ref dzj, ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, k), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dwj, k), samples);",
                c => "global::System.Runtime.CompilerServices.Unsafe.Add(ref dwj, " + RowOffset(c, layer.InputSize) + "k) = " + layer.Name + "WeightGradientAt(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dzj, " + c + "), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, k), samples);",
                units);
            w.Close();
        }

        w.Line();
        w.Comment("db_j = Σ_s dZ[s, j], a vector of units at a time (plain adds in sample order, as the scalar tail).");
        w.Line("ref float db = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref g, " + layer.Name + "Biases);");
        w.Line("j = firstUnit;");
        w.Open("for (; j + global::System.Numerics.Vector<float>.Count <= endUnit; j += global::System.Numerics.Vector<float>.Count)");
        w.Line("global::System.Numerics.Vector<float> sum = default;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("sum += global::System.Numerics.Vector.LoadUnsafe(ref dz, (global::System.UIntPtr)((s * " + n + ") + j));");
        w.Close();
        w.Line("global::System.Numerics.Vector.StoreUnsafe(sum, ref db, (global::System.UIntPtr)j);");
        w.Close();
        w.Open("for (; j < endUnit; j++)");
        w.Line("float sum = 0f;");
        w.Open("for (int s = 0; s < samples; s++)");
        w.Line("sum += global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, (s * " + n + ") + j);");
        w.Close();
        w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref db, j) = sum;");
        w.Close();
        w.Close();
        w.Line();
        KernelEmitter.WriteWeightGradientBlock(w, layer, UnitBlock, 2);
        KernelEmitter.WriteWeightGradientBlock(w, layer, UnitBlock, 1);
        KernelEmitter.WriteWeightGradientBlock(w, layer, 1, 2);
        KernelEmitter.WriteWeightGradientBlock(w, layer, 1, 1);
        if (scalarTail)
        {
            w.Summary("One element of dW: Σ_s dZ[s, j]·A_prev[s, k], in the same order as the vector kernels. dz: dZ[0, j]; x: A_prev[0, k].");
            w.Open("private static float " + layer.Name + "WeightGradientAt(ref float dz, ref float x, int samples)");
            w.Line("float sum = 0f;");
            w.Open("for (int s = 0; s < samples; s++)");
            w.Line("sum += global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, s * " + n + ") * global::System.Runtime.CompilerServices.Unsafe.Add(ref x, s * " + k + ");");
            w.Close();
            w.Line("return sum;");
            w.Close();
            w.Line();
        }
    }
}
