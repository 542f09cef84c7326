using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// One Dense layer's code, in the order a reader follows the maths: the forward pass
/// (<c>DenseLayerEmitter.Forward.cs</c>), then the backward pass through the samples, dZ and dA_prev
/// (<c>.InputGradient.cs</c>), then the parameter gradients dW and db (<c>.WeightGradient.cs</c>). Rows are samples
/// throughout: Z = A_prev·Wᵀ + b, dZ = dA ⊙ g'(Z), dW = dZᵀ·A_prev, db = Σ_rows dZ, dA_prev = dZ·W. The methods are
/// drivers: they walk the blocks the planner chose (<see cref="DenseKernels"/>) and call the kernels that
/// <see cref="DenseKernelEmitter"/> writes once per project into the shared kernels file.
/// </summary>
internal static partial class DenseLayerEmitter
{
    private const string ReadOnlySpan = Names.ReadOnlySpanOfFloat;
    private const string Span = Names.SpanOfFloat;

    public static void Write(CodeWriter w, DenseLayerPlan layer, NetworkPlan plan)
    {
        bool fused = layer.Index == plan.Layers.Count && plan.OutputGradient == OutputGradient.FusedWithLoss;
        w.Line("// ─── Layer " + layer.Index + ": " + Title(layer) + ", " + CodeWriter.Int(layer.InputSize) + " → " + CodeWriter.Int(layer.Units) + " ───");
        w.Line();
        WriteForward(w, layer);
        if (plan.HasEmptyBackward(layer))
        {
            w.Comment("Layer " + layer.Index + " backward: none. The fused loss writes dZ[" + layer.Index + "] = p − y and the first layer has no dA[0] to pass back.");
            w.Line();
        }
        else
        {
            WriteBackward(w, layer, fused);
        }

        WriteWeightGradients(w, layer);
    }

    /// <summary>A loop of one statement: <paramref name="header"/>, then <paramref name="body"/> in its braces.</summary>
    private static void WriteLoop(CodeWriter w, string header, string body)
    {
        w.Open(header);
        w.Line(body);
        w.Close();
    }

    /// <summary>
    /// Declares <c>firstUnit</c> and <c>endUnit</c>, the units of shard <c>shard</c> of <c>shards</c>: cut at multiples of
    /// the weight-gradient block, the last shard taking the rest. The forward by units cuts at the same places, so a
    /// thread computes, differentiates and updates the same rows of W.
    /// </summary>
    private static void WriteShardUnits(CodeWriter w, DenseLayerPlan layer)
    {
        string n = CodeWriter.Int(layer.Units);
        string block = CodeWriter.Int(layer.Kernels.UnitBlock);
        w.Line("int firstUnit = shard * " + n + " / shards / " + block + " * " + block + ";");
        w.Line("int endUnit = shard + 1 == shards ? " + n + " : (shard + 1) * " + n + " / shards / " + block + " * " + block + ";");
    }

    /// <summary>
    /// Declares <c>wideEnd</c>, where the layer's AVX-512 blocks of <see cref="DenseKernels.WideRowBlock"/> samples stop:
    /// one block early when the batch's remainder is one of <see cref="KernelBlocks.BackOffRemainders"/> for its wide and
    /// <see cref="DenseKernels.RowBlock"/> blocks, so that the latter take those samples instead of the single-sample kernels.
    /// </summary>
    private static void WriteWideEnd(CodeWriter w, DenseKernels kernels)
    {
        int wide = kernels.WideRowBlock;
        int narrow = kernels.RowBlock;
        System.Collections.Generic.IReadOnlyList<int> remainders = KernelBlocks.BackOffRemainders(wide, narrow);
        if (remainders.Count == 0)
        {
            w.Line("int wideEnd = samples;");
            return;
        }

        int example = remainders[0];
        int batch = (5 * wide) + example;
        int singles = (example + wide) % narrow;
        string left = string.Join(" or ", System.Linq.Enumerable.Select(remainders, r => CodeWriter.Int(r)));
        w.Comment("One block of " + wide + " fewer when " + left + " samples would be left: blocks of " + narrow + " then take them (a batch of " + CodeWriter.Int(batch) + " runs as 4 × " + wide + " + "
            + ((example + wide) / narrow) + " × " + narrow + (singles > 0 ? " + " + Plural(singles, "sample") + " alone" : string.Empty) + ", not 5 × " + wide + " + " + Plural(example, "sample") + " alone).");
        w.Line("int wideEnd = samples % " + wide + " is " + left + " && samples >= " + wide + " ? samples - (samples % " + wide + ") - " + wide + " : samples;");
    }

    /// <summary>"Dense(25, ReLU)".</summary>
    public static string Title(DenseLayerPlan layer) => "Dense(" + CodeWriter.Int(layer.Units) + ", " + ActivationEmitter.Name(layer) + ")";

    /// <summary>"A[1]": the activations this layer reads (A[0] is the network's input X).</summary>
    private static string Previous(DenseLayerPlan layer) => "A[" + (layer.Index - 1) + "]";

    /// <summary>The documentation of the layer's input: "A[1]: samples × 25", "A[0] = X, the input: samples × 784".</summary>
    private static string InputDoc(DenseLayerPlan layer) => Previous(layer) + (layer.Index == 1 ? " = X, the network's input" : string.Empty) + ": " + Rows(layer.InputSize) + ".";

    /// <summary>"samples × 784".</summary>
    private static string Rows(int width) => "samples × " + CodeWriter.Int(width);

    /// <summary>", vector512: true" when the plan runs the layer's kernels on 512-bit vectors where the hardware has them (VectorWidthPlanner).</summary>
    private static string Vector512Argument(DenseLayerPlan layer) => ", vector512: " + (layer.Kernels.Vector512 ? "true" : "false");
}
