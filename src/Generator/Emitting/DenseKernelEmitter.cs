using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The register-blocked Dense micro-kernels, written once per distinct shape per project into the shared kernels file.
/// Each holds a small block of results in <c>Vector&lt;float&gt;</c> registers and streams the long dimension through
/// them; sizes and strides are int arguments, and every kernel is <c>AggressiveInlining</c>, so in the per-layer
/// drivers (where the arguments are constants) the JIT folds them as if they had been written into the kernel:
/// <list type="bullet">
/// <item>forward <c>R×C</c>: R samples × C units of Z = A_prev·Wᵀ + b;</item>
/// <item>weight gradient <c>U×V</c>: U units × V vectors of dW = dZᵀ·A_prev, the batch streamed; the <c>Rows</c> walk
/// moves it across the inputs;</item>
/// <item>input gradient <c>R×V</c>: R samples × V vectors of dA_prev = dZ·W, the units streamed; likewise walked.</item>
/// </list>
/// Every result is accumulated in the same order whichever block shape (or thread) computes it: a block is only
/// several independent accumulators side by side, so results are bit-identical across batch splits. The vector width
/// is read from <c>Vector&lt;float&gt;.Count</c> at run time (4, 8 or 16 floats), so one build serves SSE, AVX2 and AVX-512.
/// </summary>
internal static partial class DenseKernelEmitter
{
    private const string Unsafe = Names.Unsafe;
    private const string Marshal = Names.MemoryMarshal;
    private const string ReadOnlySpan = Names.ReadOnlySpanOfFloat;
    private const string Span = Names.SpanOfFloat;
    private const string Vector = KernelFlavour.Operations;
    private const string VectorOfFloat = KernelFlavour.VectorType;
    private const string Vector128OfFloat = Names.Vector128OfFloat;
    private const string Vector256OfFloat = Names.Vector256OfFloat;
    private const string UIntPtr = Names.UIntPtr;
    private const string Count = KernelFlavour.Count;
    private const string Inline = Names.InlinedAndOptimized;

    /// <summary>The entry kernels' doc of their last parameter.</summary>
    private const string Vector512Doc = "vector512: the layer's plan chose 512-bit vectors for its inputs (VectorWidthPlanner), used where the hardware accelerates them";

    public const string BiasGradientName = "DenseBiasGradient";
    public const string WeightGradientAtName = "DenseWeightGradientAt";
    public const string InputGradientAtName = "DenseInputGradientAt";
    private const string HorizontalSumName = "HorizontalSum";
    private const string HorizontalSumsName = "HorizontalSums";


    public static string ForwardName(int rows, int units) => "DenseForward" + CodeWriter.Int(rows) + "x" + CodeWriter.Int(units);

    public static string WeightGradientRowsName(int units) => "DenseWeightGradientRows" + CodeWriter.Int(units);

    public static string InputGradientRowsName(int rows) => "DenseInputGradientRows" + CodeWriter.Int(rows);

    private static string WeightGradientName(int units, int vectors) => "DenseWeightGradient" + CodeWriter.Int(units) + "x" + CodeWriter.Int(vectors);

    private static string InputGradientName(int rows, int vectors) => "DenseInputGradient" + CodeWriter.Int(rows) + "x" + CodeWriter.Int(vectors);

    /// <summary>
    /// Every kernel the networks' Dense layers call, each once, in the order the layers first need them. The 512-bit
    /// build (<paramref name="flavour"/>) holds the kernels of the layers whose plan chose 512-bit vectors, less the
    /// scalar and bias kernels (their results do not depend on the vector width: it calls the portable class's); the
    /// portable build's kernels that have a twin there start with the dispatch to it.
    /// </summary>
    public static void WriteAll(CodeWriter w, IReadOnlyList<NetworkPlan> plans, KernelFlavour flavour)
    {
        var dense = Layers(plans, flavour.Is512);
        if (dense.Count == 0)
        {
            return;
        }

        var twins = new HashSet<string>(flavour.Is512 ? Enumerable.Empty<string>() : EntryKernels(Layers(plans, only512: true)));
        w.Line("// ───────────────────────────── Dense kernels ─────────────────────────────");
        w.Line();
        WriteHorizontalSumHelpers(w, flavour);
        foreach ((int rows, int units) in ForwardShapesOf(dense))
        {
            WriteForward(w, rows, units, twins.Contains(ForwardName(rows, units)));
        }

        foreach ((int units, int[] vectors) in WeightGradientWalksOf(dense))
        {
            WriteWeightGradientRows(w, units, vectors, twins.Contains(WeightGradientRowsName(units)));
        }

        foreach ((int units, int vectors) in Distinct(dense.SelectMany(d => WeightGradientWalks(d).SelectMany(walk => walk.Vectors.Select(v => (walk.Units, v))))))
        {
            WriteWeightGradientBlock(w, units, vectors);
        }

        if (!flavour.Is512)
        {
            WriteWeightGradientAt(w);
            WriteBiasGradient(w);
        }

        var backward = Backward(dense);
        foreach ((int rows, int[] vectors) in InputGradientWalksOf(dense))
        {
            WriteInputGradientRows(w, rows, vectors, twins.Contains(InputGradientRowsName(rows)));
        }

        foreach ((int rows, int vectors) in Distinct(backward.SelectMany(d => d.Kernels.InputGradientWalks.SelectMany(walk => walk.Vectors.Select(v => (walk.Rows, v))))))
        {
            WriteInputGradientBlock(w, rows, vectors);
        }

        if (backward.Count > 0 && !flavour.Is512)
        {
            WriteInputGradientAt(w);
        }
    }

    /// <summary>Whether any Dense layer's plan chose 512-bit vectors, so the 512-bit class holds Dense kernels.</summary>
    public static bool HasTwins(IReadOnlyList<NetworkPlan> plans) => Layers(plans, only512: true).Count > 0;

    /// <summary>The networks' Dense layers, or only those whose plan chose 512-bit vectors.</summary>
    private static List<DenseLayerPlan> Layers(IReadOnlyList<NetworkPlan> plans, bool only512) =>
        plans.SelectMany(plan => plan.Layers.OfType<DenseLayerPlan>()).Where(d => !only512 || d.Kernels.Vector512).ToList();

    /// <summary>The layers that pass a gradient back: the first layer has no dA_prev, so a one-layer network needs no input-gradient kernels.</summary>
    private static List<DenseLayerPlan> Backward(IEnumerable<DenseLayerPlan> layers) => layers.Where(d => d.Index > 1).ToList();

    private static List<(int Rows, int Units)> ForwardShapesOf(IEnumerable<DenseLayerPlan> layers) =>
        Distinct(layers.SelectMany(d => d.Kernels.ForwardShapes(d.Units, d.HasUnitRangeForward)));

    private static List<(int Units, int[] Vectors)> WeightGradientWalksOf(IEnumerable<DenseLayerPlan> layers) => DistinctWalks(layers.SelectMany(WeightGradientWalks));

    private static List<(int Rows, int[] Vectors)> InputGradientWalksOf(IEnumerable<DenseLayerPlan> layers) => DistinctWalks(Backward(layers).SelectMany(d => d.Kernels.InputGradientWalks));

    /// <summary>The kernels the drivers of <paramref name="layers"/> call (forward blocks and the backward walks): those that dispatch.</summary>
    private static IEnumerable<string> EntryKernels(IReadOnlyList<DenseLayerPlan> layers) =>
        ForwardShapesOf(layers).Select(shape => ForwardName(shape.Rows, shape.Units))
            .Concat(WeightGradientWalksOf(layers).Select(walk => WeightGradientRowsName(walk.Units)))
            .Concat(InputGradientWalksOf(layers).Select(walk => InputGradientRowsName(walk.Rows)));

    /// <summary>A layer's weight-gradient walks: the wide one of AVX-512 hardware first, if any, then the others.</summary>
    private static IEnumerable<(int Units, int[] Vectors)> WeightGradientWalks(DenseLayerPlan layer)
    {
        if (layer.Kernels.WideUnitBlock > 0)
        {
            yield return (layer.Kernels.WideUnitBlock, layer.Kernels.WideVectorWidths);
        }

        foreach (int units in layer.Kernels.WeightGradientRows)
        {
            yield return (units, layer.Kernels.VectorWidths);
        }
    }

    /// <summary>Distinct items in first-seen order (the shared kernels file stays in a stable, readable order).</summary>
    private static List<T> Distinct<T>(IEnumerable<T> items)
    {
        var seen = new List<T>();
        foreach (T item in items)
        {
            if (!seen.Contains(item))
            {
                seen.Add(item);
            }
        }

        return seen;
    }

    /// <summary>
    /// One walk per name: a walk's name gives its rows only, so its vector widths must be the same for every layer
    /// (they are: <c>DenseKernelPlanner</c> uses two input vectors everywhere, and three in the 5-unit walk of AVX-512
    /// hardware, the only walk of 5 units); a walk is written for the first layer
    /// that needs it.
    /// </summary>
    private static List<(int Rows, int[] Vectors)> DistinctWalks(IEnumerable<(int Rows, int[] Vectors)> items)
    {
        var seen = new List<(int Rows, int[] Vectors)>();
        foreach ((int rows, int[] vectors) in items)
        {
            if (!seen.Any(s => s.Rows == rows))
            {
                seen.Add((rows, vectors));
            }
        }

        return seen;
    }

    private static string Plural(int count, string word) => CodeWriter.Int(count) + " " + word + (count == 1 ? string.Empty : "s");

    /// <summary>"(global::System.UIntPtr)inputs"-style offset of row <paramref name="row"/>: "", "n", "(2 * n)".</summary>
    private static string RowOffset(int row, string stride) => row switch
    {
        0 => string.Empty,
        1 => stride,
        _ => "(" + CodeWriter.Int(row) + " * " + stride + ")",
    };

    /// <summary>A sum of offsets, skipping the empty ones: Plus("", "k") = "k", Plus("n", "k") = "n + k".</summary>
    private static string Plus(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + " + " + b;

    /// <summary>", offset" for a LoadUnsafe/StoreUnsafe call, or nothing for offset 0.</summary>
    private static string At(string offset) => offset.Length == 0 ? string.Empty : ", " + offset;

    /// <summary>The offset of vector u of a block: "", the vector count, "2 * count".</summary>
    private static string VectorOffset(int u) => u switch
    {
        0 => string.Empty,
        1 => Count,
        _ => "(" + CodeWriter.Int(u) + " * " + Count + ")",
    };

    /// <summary>"ref float name = ref span[offset];" without a bounds check: the driver has checked the span's length.</summary>
    private static void WriteRef(CodeWriter w, string name, string span, string offset)
    {
        w.Line("ref float " + name + " = ref " + Unsafe + ".Add(ref " + Marshal + ".GetReference(" + span + "), " + offset + ");");
    }

    /// <summary>Accumulator declarations, one line per row of the block: "Vector&lt;float&gt; acc00 = default, acc01 = default;".</summary>
    private static void WriteAccumulators(CodeWriter w, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            w.Line(VectorOfFloat + " " + string.Join(", ", Enumerable.Range(0, columns).Select(c => "acc" + r + c + " = default")) + ";");
        }
    }
}
