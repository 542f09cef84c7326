using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The outer-product forward kernels of narrow Dense layers (<c>Planning/NarrowLayerPlanner</c>), written once per
/// project into the shared kernels file when a layer needs them. All of a sample's units sit in one 512-bit vector;
/// input k's value, broadcast, times row k of W's k-major copy goes into the accumulator of k's lane class, the lane
/// of the dot kernels' vector that input k falls in. The lane classes are then added in the tree of the dot kernels'
/// horizontal sum and the bias added last, so every unit's value has the bits the dot kernels give it (the same
/// multiply-adds in the same order), while a sample pays one tree for all its units instead of one per unit.
/// </summary>
internal static class DenseNarrowKernelEmitter
{
    private const string Unsafe = Names.Unsafe;
    private const string Marshal = Names.MemoryMarshal;
    private const string ReadOnlySpan = Names.ReadOnlySpanOfFloat;
    private const string Span = Names.SpanOfFloat;
    private const string Vector512 = "global::System.Runtime.Intrinsics.Vector512";
    private const string Vector512OfFloat = "global::System.Runtime.Intrinsics.Vector512<float>";
    private const string Vector256 = "global::System.Runtime.Intrinsics.Vector256";
    private const string Vector128 = "global::System.Runtime.Intrinsics.Vector128";
    private const string UIntPtr = Names.UIntPtr;

    /// <summary>Floats per row of W's k-major copy: one 512-bit vector of units.</summary>
    public const int RowFloats = 16;

    public const string WeightsName = "DenseNarrowWeights";

    /// <summary>Samples per call of the kernel over <paramref name="lanes"/> lane classes: two with 8 (16 accumulators), one with 16.</summary>
    public static int SamplesPerCall(int lanes) => lanes == 8 ? 2 : 1;

    public static string ForwardName(int lanes) => "DenseNarrowForward" + CodeWriter.Int(SamplesPerCall(lanes)) + "x" + CodeWriter.Int(lanes);

    /// <summary>The kernels the networks' narrow layers call, each once: the copy of W, the store, a forward kernel per lane count.</summary>
    public static void WriteAll(CodeWriter w, IReadOnlyList<NetworkPlan> plans)
    {
        var laneCounts = plans.SelectMany(plan => plan.Layers.OfType<DenseLayerPlan>())
            .Select(d => d.Kernels.NarrowForward).Where(lanes => lanes > 0).Distinct().OrderBy(lanes => lanes).ToList();
        if (laneCounts.Count == 0)
        {
            return;
        }

        w.Line("// ───────────────────────────── Narrow Dense layers: outer products ─────────────────────────────");
        w.Line();
        WriteWeights(w);
        WriteStore(w);
        foreach (int lanes in laneCounts)
        {
            WriteForward(w, lanes);
        }
    }

    private static void WriteWeights(CodeWriter w)
    {
        w.Summary("W's k-major copy for the outer-product kernels: row k (" + RowFloats + " floats) holds input k's weights of the units, row `inputs` the biases, the lanes past the units zero. Made once per forward call: unit j's row of W is read in order and written down column j. wT holds (inputs + 1) × " + RowFloats + " floats (the driver's stackalloc) and parameters the network's θ, as the other kernels trust.");
        w.Line(Names.InlinedAndOptimized);
        w.Open("internal static void " + WeightsName + "(" + ReadOnlySpan + " parameters, " + Span + " wT, int weights, int biases, int inputs, int units)");
        w.Line("ref float p = ref " + Marshal + ".GetReference(parameters);");
        w.Line("ref float t = ref " + Marshal + ".GetReference(wT);");
        w.Open("for (int j = 0; j < units; j++)");
        w.Line("ref float row = ref " + Unsafe + ".Add(ref p, weights + (j * inputs));");
        w.Open("for (int k = 0; k < inputs; k++)");
        w.Line(Unsafe + ".Add(ref t, (k * " + RowFloats + ") + j) = " + Unsafe + ".Add(ref row, k);");
        w.Close();
        w.Line();
        w.Line(Unsafe + ".Add(ref t, (inputs * " + RowFloats + ") + j) = " + Unsafe + ".Add(ref p, biases + j);");
        w.Close();
        w.Line();
        w.Open("for (int k = 0; k <= inputs; k++)");
        w.Open("for (int j = units; j < " + RowFloats + "; j++)");
        w.Line(Unsafe + ".Add(ref t, (k * " + RowFloats + ") + j) = 0f;");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteStore(CodeWriter w)
    {
        w.Summary("Stores v's first `count` lanes (1 to 16) from `at`, and nothing past them (the next row is another sample's).");
        w.Line(Names.InlinedAndOptimized);
        w.Open("internal static void DenseNarrowStore(" + Vector512OfFloat + " v, ref float at, int count)");
        w.Open("if (count == 16)");
        w.Line(Vector512 + ".StoreUnsafe(v, ref at);");
        w.Line("return;");
        w.Close();
        w.Line();
        w.Line(Names.Vector256OfFloat + " half = " + Vector512 + ".GetLower(v);");
        w.Line("int i = 0;");
        w.Open("if (count >= 8)");
        w.Line(Vector256 + ".StoreUnsafe(half, ref at);");
        w.Line("half = " + Vector512 + ".GetUpper(v);");
        w.Line("i = 8;");
        w.Close();
        w.Line();
        w.Line(Names.Vector128OfFloat + " quarter = " + Vector256 + ".GetLower(half);");
        w.Open("if (count - i >= 4)");
        w.Line(Vector128 + ".StoreUnsafe(quarter, ref " + Unsafe + ".Add(ref at, i));");
        w.Line("quarter = " + Vector256 + ".GetUpper(half);");
        w.Line("i += 4;");
        w.Close();
        w.Line();
        for (int lane = 0; lane < 3; lane++)
        {
            w.Open("if (count - i > " + lane + ")");
            w.Line(Unsafe + ".Add(ref at, i + " + lane + ") = " + Vector128 + ".GetElement(quarter, " + lane + ");");
            w.Close();
        }

        w.Close();
        w.Line();
    }

    private static void WriteForward(CodeWriter w, int lanes)
    {
        int samples = SamplesPerCall(lanes);
        w.Line("/// <summary>");
        w.Line("/// Z = A_prev·Wᵀ + b for " + (samples == 1 ? "the sample s" : samples + " samples from s") + ", all units of a narrow layer (2 to 16) in one 512-bit vector, as outer products over wT,");
        w.Line("/// W's k-major copy (" + WeightsName + "): x_k, broadcast, times row k of wT into the accumulator of k's lane class in the dot kernels'");
        w.Line("/// " + lanes + "-float vectors (k mod " + lanes + "; in a last partial vector, the lane the masked load gives it), then the lane classes added in the tree");
        w.Line("/// of their HorizontalSum and + b: the same multiply-adds in the same order as the dot kernels, so the same bits (NarrowForwardTests).");
        w.Line("/// x: A_prev (samples × inputs, inputs ≥ " + lanes + "); z: Z (samples × units).");
        w.Line("/// </summary>");
        w.Line(Names.InlinedAndOptimized);
        w.Open("internal static void " + ForwardName(lanes) + "(" + ReadOnlySpan + " x, " + ReadOnlySpan + " wT, " + Span + " z, int s, int inputs, int units)");
        w.Line("ref float x0 = ref " + Unsafe + ".Add(ref " + Marshal + ".GetReference(x), s * inputs);");
        for (int r = 1; r < samples; r++)
        {
            w.Line("ref float x" + r + " = ref " + Unsafe + ".Add(ref x0, " + (r == 1 ? "inputs" : r + " * inputs") + ");");
        }

        w.Line("ref float w = ref " + Marshal + ".GetReference(wT);");
        for (int r = 0; r < samples; r++)
        {
            w.Line(Vector512OfFloat + " " + string.Join(" = default, ", Enumerable.Range(0, lanes).Select(l => Acc(r, l))) + " = default;");
        }

        w.Line(UIntPtr + " n = (" + UIntPtr + ")inputs;");
        w.Line(UIntPtr + " k = 0;");
        w.Open("for (; k + " + lanes + " <= n; k += " + lanes + ")");
        // References moved to k once, so every load below is at a constant offset from them.
        w.Line("ref float wk = ref " + Unsafe + ".Add(ref w, k * " + RowFloats + ");");
        for (int r = 0; r < samples; r++)
        {
            w.Line("ref float x" + r + "k = ref " + Unsafe + ".Add(ref x" + r + ", k);");
        }

        for (int l = 0; l < lanes; l++)
        {
            WriteStep(w, samples, l, "wk", r => "x" + r + "k");
        }

        w.Close();
        w.Line();
        w.Comment("The rest of a row: the dot kernels' last vector ends at the last input, so input inputs − " + lanes + " + l lands in lane l; the lanes below");
        w.Comment("the rest added 0 · 0 there, which changes no sum. With the sizes constants (where the kernel is inlined), only the fresh lanes' lines remain.");
        w.Line(UIntPtr + " rest = n - k;");
        w.Line("ref float wt = ref " + Unsafe + ".Add(ref w, (n - " + lanes + ") * " + RowFloats + ");");
        for (int r = 0; r < samples; r++)
        {
            w.Line("ref float x" + r + "t = ref " + Unsafe + ".Add(ref x" + r + ", n - " + lanes + ");");
        }

        for (int l = 1; l < lanes; l++)
        {
            w.Open("if (rest >= " + (lanes - l) + ")");
            WriteStep(w, samples, l, "wt", r => "x" + r + "t");
            w.Close();
        }

        w.Line();
        w.Line(Vector512OfFloat + " b = " + Vector512 + ".LoadUnsafe(ref w, n * " + RowFloats + ");");
        for (int r = 0; r < samples; r++)
        {
            w.Line("DenseNarrowStore(" + Tree(r, lanes) + " + b, ref " + Unsafe + ".Add(ref " + Marshal + ".GetReference(z), " + (r == 0 ? "s * units" : "(s + " + r + ") * units") + "), units);");
        }

        w.Close();
        w.Line();
    }

    /// <summary>
    /// One input into lane class <paramref name="lane"/> of every sample: the input <paramref name="lane"/> places past
    /// the references the caller moved to its vector of inputs (<paramref name="weights"/> into wT, a row per input, and
    /// <paramref name="sampleRef"/> for each sample's row of x).
    /// </summary>
    private static void WriteStep(CodeWriter w, int samples, int lane, string weights, System.Func<int, string> sampleRef)
    {
        string at = lane == 0 ? string.Empty : ", (" + UIntPtr + ")" + CodeWriter.Int(lane * RowFloats);
        w.Line(Vector512OfFloat + " w" + lane + " = " + Vector512 + ".LoadUnsafe(ref " + weights + at + ");");
        for (int r = 0; r < samples; r++)
        {
            w.Line(Acc(r, lane) + " = " + Vector512 + ".MultiplyAddEstimate(" + Vector512 + ".Create(" + Unsafe + ".Add(ref " + sampleRef(r) + ", " + CodeWriter.Int(lane) + ")), w" + lane + ", " + Acc(r, lane) + ");");
        }
    }

    /// <summary>
    /// The lane classes of sample <paramref name="r"/> added as HorizontalSum adds a vector's lanes: with 8,
    /// ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)); with 16, the halves first (h_i = l_i + l_(i+8)), then that tree over h.
    /// </summary>
    private static string Tree(int r, int lanes)
    {
        string Lane(int i) => lanes == 8 ? Acc(r, i) : "(" + Acc(r, i) + " + " + Acc(r, i + 8) + ")";
        return "((" + Lane(0) + " + " + Lane(1) + ") + (" + Lane(2) + " + " + Lane(3) + ")) + ((" + Lane(4) + " + " + Lane(5) + ") + (" + Lane(6) + " + " + Lane(7) + "))";
    }

    private static string Acc(int sample, int lane) => "acc" + CodeWriter.Int(sample) + "_" + CodeWriter.Int(lane);
}
