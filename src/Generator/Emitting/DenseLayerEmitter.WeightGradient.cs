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
        w.Line("/// Layer " + l + " parameter gradients: dW[" + l + "] = dZ[" + l + "]ᵀ·" + Previous(layer) + " and db[" + l + "] = Σ_rows dZ[" + l + "], for the units of shard");
        w.Line("/// <paramref name=\"shard\"/> of <paramref name=\"shards\"/> (a contiguous range starting at a multiple of " + block + "). Each value is summed");
        w.Line("/// over the samples in order by exactly one shard, so the result does not depend on the number of shards.");
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
        w.Comment("dW = dZᵀ·A_prev in blocks of " + Plural(block, "unit") + ", the batch streamed through them; then one unit at a time.");
        w.Line("int j = firstUnit;");
        string args = "(ref dz, ref x, ref dw, j, samples, inputs: " + k + ", units: " + n + ");";
        w.Open("for (; j + " + block + " <= endUnit; j += " + block + ")");
        w.Line(DenseKernelEmitter.WeightGradientRowsName(block) + args);
        w.Close();
        w.Open("for (; j < endUnit; j++)");
        w.Line(DenseKernelEmitter.WeightGradientRowsName(1) + args);
        w.Close();
        w.Line();
        w.Comment("db = Σ_rows dZ, summed over the samples in order.");
        WriteRef(w, "db", "gradients", layer.Name + "Biases");
        w.Line(DenseKernelEmitter.BiasGradientName + "(ref dz, ref db, firstUnit, endUnit, samples, units: " + n + ");");
        w.Close();
        w.Line();
    }
}
