using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>The parameter gradients of one shard of units: dW = dZᵀ·A_prev and db = Σ_rows dZ.</summary>
internal static partial class DenseLayerEmitter
{
    private static void WriteWeightGradients(CodeWriter w, DenseLayerPlan layer)
    {
        string l = CodeWriter.Int(layer.Index);
        string n = CodeWriter.Int(layer.Units);
        string k = CodeWriter.Int(layer.InputSize);
        int block = layer.Kernels.UnitBlock;
        w.Comment("Layer " + l + " parameter gradients: dW[" + l + "] = dZ[" + l + "]ᵀ·" + Previous(layer) + " and db[" + l + "] = Σ_rows dZ[" + l + "], for the units of shard `shard` of `shards`");
        w.Comment("  (from a multiple of " + block + "), each summed over the samples in order by one shard: the same result for any number of shards.");
        w.Comment("  input: " + InputDoc(layer) + "  delta: dZ[" + l + "], " + Rows(layer.Units) + ".");
        w.Comment("  gradients: ∂cost/∂θ, of which this shard's rows of dW[" + l + "] (" + n + " × " + k + ") and entries of db[" + l + "] (" + n + ") are overwritten.");
        w.Line(Names.Optimized);
        w.Open("private static void " + layer.Name + "WeightGradients(" + ReadOnlySpan + " input, " + ReadOnlySpan + " delta, " + Span + " gradients, int samples, int shard, int shards)");
        w.Line("RequireAtLeast(input.Length, samples * " + k + ", \"input\");");
        w.Line("RequireAtLeast(delta.Length, samples * " + n + ", \"delta\");");
        w.Line("RequireAtLeast(gradients.Length, ParameterCount, \"gradients\");");
        WriteShardUnits(w, layer);
        EquatableArray<int> rows = layer.Kernels.WeightGradientRows;
        w.Comment(rows.Count > 1
            ? "dW = dZᵀ·A_prev in blocks of " + Plural(rows[0], "unit") + ", the batch streamed through them; then one unit at a time."
            : "dW = dZᵀ·A_prev one unit at a time, the batch streamed through it.");
        w.Line("int j = firstUnit;");
        string args = "(delta, input, gradients, " + layer.Name + "Weights, j, samples, inputs: " + k + ", units: " + n + Vector512Argument(layer) + ");";
        int wide = layer.Kernels.WideUnitBlock;
        if (wide > 0)
        {
            w.Comment("With AVX-512 (32 vector registers, a constant to the JIT) first blocks of " + Plural(wide, "unit") + " × " + layer.Kernels.WideInputVectors
                + " vectors of inputs: each input vector loaded serves " + wide + " units. Each dW value is summed over the samples in the same order in every block.");
            w.Open("if (" + Names.WideRegisters + ")");
            w.Open("for (; j + " + wide + " <= endUnit; j += " + wide + ")");
            w.Line(w.Kernel(DenseKernelEmitter.WeightGradientRowsName(wide)) + args);
            w.Close();
            w.Close();
            w.Line();
        }

        foreach (int units in rows)
        {
            w.Open(units == 1 ? "for (; j < endUnit; j++)" : "for (; j + " + units + " <= endUnit; j += " + units + ")");
            w.Line(w.Kernel(DenseKernelEmitter.WeightGradientRowsName(units)) + args);
            w.Close();
        }
        w.Line();
        w.Comment("db = Σ_rows dZ, summed over the samples in order.");
        w.Line(w.Kernel(DenseKernelEmitter.BiasGradientName) + "(delta, gradients, " + layer.Name + "Biases, firstUnit, endUnit, samples, units: " + n + ");");
        w.Close();
        w.Line();
    }
}
