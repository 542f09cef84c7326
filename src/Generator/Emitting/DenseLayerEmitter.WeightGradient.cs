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
        w.Line("/// <summary>");
        w.Line("/// Layer " + l + " parameter gradients dW[" + l + "] = dZ[" + l + "]ᵀ·" + Previous(layer) + " and db[" + l + "] = Σ_rows dZ[" + l + "] for one shard's units (from a multiple of " + block + "),");
        w.Line("/// each summed over the samples in order by exactly one shard: the result does not depend on the number of shards.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"input\">" + InputDoc(layer) + "</param>");
        w.Line("/// <param name=\"delta\">dZ[" + l + "]: " + Rows(layer.Units) + ".</param>");
        w.Line("/// <param name=\"gradients\">∂cost/∂θ: this shard's rows of dW[" + l + "] (" + n + " × " + k + ") and entries of db[" + l + "] (" + n + ") are overwritten.</param>");
        w.Line("/// <param name=\"samples\">Rows of the batch.</param>");
        w.Line("/// <param name=\"shard\">This shard, from 0.</param>");
        w.Line("/// <param name=\"shards\">Shards the units are split into.</param>");
        w.Open("private static void " + layer.Name + "WeightGradients(" + ReadOnlySpan + " input, " + ReadOnlySpan + " delta, " + Span + " gradients, int samples, int shard, int shards)");
        w.Line("RequireAtLeast(input.Length, samples * " + k + ", \"input\");");
        w.Line("RequireAtLeast(delta.Length, samples * " + n + ", \"delta\");");
        w.Line("RequireAtLeast(gradients.Length, ParameterCount, \"gradients\");");
        w.Line("int firstUnit = shard * " + n + " / shards / " + block + " * " + block + ";");
        w.Line("int endUnit = shard + 1 == shards ? " + n + " : (shard + 1) * " + n + " / shards / " + block + " * " + block + ";");
        WriteRef(w, "x", "input");
        WriteRef(w, "dz", "delta");
        WriteRef(w, "dw", "gradients", layer.Name + "Weights");
        EquatableArray<int> rows = layer.Kernels.WeightGradientRows;
        w.Comment(rows.Count > 1
            ? "dW = dZᵀ·A_prev in blocks of " + Plural(rows[0], "unit") + ", the batch streamed through them; then one unit at a time."
            : "dW = dZᵀ·A_prev one unit at a time, the batch streamed through it.");
        w.Line("int j = firstUnit;");
        string args = "(ref dz, ref x, ref dw, j, samples, inputs: " + k + ", units: " + n + ");";
        foreach (int units in rows)
        {
            w.Open(units == 1 ? "for (; j < endUnit; j++)" : "for (; j + " + units + " <= endUnit; j += " + units + ")");
            w.Line(DenseKernelEmitter.WeightGradientRowsName(units) + args);
            w.Close();
        }
        w.Line();
        w.Comment("db = Σ_rows dZ, summed over the samples in order.");
        WriteRef(w, "db", "gradients", layer.Name + "Biases");
        w.Line(DenseKernelEmitter.BiasGradientName + "(ref dz, ref db, firstUnit, endUnit, samples, units: " + n + ");");
        w.Close();
        w.Line();
    }
}
