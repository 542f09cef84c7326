using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The shared kernels of BatchNormalization, written only when a network of the project normalises: the inference
/// pass (<c>Normalize</c>, what <c>Predict</c> runs), x·s + t per channel in vectors over one period of s and t repeated
/// channel after channel (<see cref="BatchNormalizationLayerPlan.ScaleShiftPeriod"/>); and the training passes, each a
/// loop over rows (a sample's pixel) with the channels of a row in vectors. A vector lane is one channel, so every
/// per-channel sum still adds its rows in order, and each value gets the scalar formula's operations in its order
/// (no fused multiply-add): the same bits at every vector width (BatchNormalizationKernelTests).
/// </summary>
internal static class BatchNormalizationKernelEmitter
{
    /// <summary>The kernels' names in the shared kernels class.</summary>
    public const string ScaleShiftName = "ChannelScaleShift", ScaleShiftFactorsName = "ChannelScaleShiftFactors", SumsName = "ChannelSums", SquaredDeviationsName = "ChannelSquaredDeviations",
        NormalizeName = "ChannelNormalize", GradientSumsName = "ChannelGradientSums", InputGradientName = "ChannelInputGradient";

    private const string Vector = Names.NumericsVector;
    private const string VectorOfFloat = Names.VectorOfFloat;

    public static void WriteAll(CodeWriter w, IReadOnlyList<NetworkPlan> plans)
    {
        if (!plans.Any(plan => plan.Layers.Any(layer => layer is BatchNormalizationLayerPlan)))
        {
            return;
        }

        w.Line("// ───────────────────────────── BatchNormalization ─────────────────────────────");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// values = values·s + t, period by period: <paramref name=\"scale\"/> and <paramref name=\"shift\"/> hold s and t for one period");
        w.Line("/// (a whole number of rows of channels) and the values are walked in periods, the last one possibly shorter. Within a");
        w.Line("/// period, vectors, then single values; each value gets (x·s) + t, a product then a sum, as a scalar loop would compute it:");
        w.Line("/// the same bits at every vector width (BatchNormalizationInferenceTests).");
        w.Line("/// </summary>");
        w.Line(Names.InlinedAndOptimized);
        w.Open("internal static void " + ScaleShiftName + "(" + Names.SpanOfFloat + " values, " + Names.ReadOnlySpanOfFloat + " scale, " + Names.ReadOnlySpanOfFloat + " shift)");
        w.Line("int count = values.Length, period = scale.Length;");
        w.Line("RequireChannels(shift.Length, period, nameof(shift)); // t is read through a reference, as far as s");
        w.Line("ref float s = ref " + Names.MemoryMarshal + ".GetReference(scale);");
        w.Line("ref float t = ref " + Names.MemoryMarshal + ".GetReference(shift);");
        w.Open("for (int start = 0; start < count; start += period)");
        w.Line("int length = global::System.Math.Min(period, count - start);");
        w.Line("ref float x = ref " + Names.Unsafe + ".Add(ref " + Names.MemoryMarshal + ".GetReference(values), start);");
        w.Line("int p = 0;");
        w.Open("for (; p + " + VectorOfFloat + ".Count <= length; p += " + VectorOfFloat + ".Count)");
        w.Line(Names.UIntPtr + " at = (" + Names.UIntPtr + ")p;");
        w.Line(Vector + ".StoreUnsafe((" + Vector + ".LoadUnsafe(ref x, at) * " + Vector + ".LoadUnsafe(ref s, at)) + " + Vector + ".LoadUnsafe(ref t, at), ref x, at);");
        w.Close();
        w.Open("for (; p < length; p++)");
        w.Line(Names.Unsafe + ".Add(ref x, p) = (" + Names.Unsafe + ".Add(ref x, p) * " + Names.Unsafe + ".Add(ref s, p)) + " + Names.Unsafe + ".Add(ref t, p);");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        WriteScaleShiftFactors(w);
        WriteTrainingKernels(w);
    }

    /// <summary>
    /// s = γ / √(σ² + ε) and t = β − μ·s per channel, what <c>Normalize</c> computes at every call from the moving
    /// statistics. A scalar loop spent a square root and a division per channel, about a third of workload B's
    /// <c>Predict</c> with BatchNormalization (bench/README.md, nineteenth session).
    /// </summary>
    private static void WriteScaleShiftFactors(CodeWriter w)
    {
        const string Span = Names.SpanOfFloat, ReadOnly = Names.ReadOnlySpanOfFloat;
        w.Line("/// <summary>");
        w.Line("/// scale = γ / √(variance + ε) and shift = β − mean·scale for every channel, in vectors and then single values. Each value gets");
        w.Line("/// the scalar formula's operations in its order (a sum, a square root, a quotient; a product, a difference), each rounded as");
        w.Line("/// IEEE 754 rounds it, so the bits are the scalar loop's at every vector width (BatchNormalizationInferenceTests).");
        w.Line("/// </summary>");
        w.Line(Names.Optimized);
        w.Open("internal static void " + ScaleShiftFactorsName + "(" + ReadOnly + " gamma, " + ReadOnly + " beta, " + ReadOnly + " mean, " + ReadOnly + " variance, float epsilon, " + Span + " scale, " + Span + " shift)");
        w.Line("int count = scale.Length;");
        foreach (string array in new[] { "gamma", "beta", "mean", "variance", "shift" })
        {
            w.Line("RequireChannels(" + array + ".Length, count, nameof(" + array + "));");
        }

        foreach (string array in new[] { "gamma", "beta", "mean", "variance", "scale", "shift" })
        {
            w.Line("ref float " + array + "Ref = ref " + Names.MemoryMarshal + ".GetReference(" + array + ");");
        }

        w.Line(VectorOfFloat + " epsilonVector = new " + VectorOfFloat + "(epsilon);");
        w.Line("int c = 0;");
        w.Open("for (; c + " + VectorOfFloat + ".Count <= count; c += " + VectorOfFloat + ".Count)");
        w.Line(Names.UIntPtr + " at = (" + Names.UIntPtr + ")c;");
        w.Line(VectorOfFloat + " s = " + Vector + ".LoadUnsafe(ref gammaRef, at) / " + Vector + ".SquareRoot(" + Vector + ".LoadUnsafe(ref varianceRef, at) + epsilonVector);");
        w.Line(Vector + ".StoreUnsafe(s, ref scaleRef, at);");
        w.Line(Vector + ".StoreUnsafe(" + Vector + ".LoadUnsafe(ref betaRef, at) - (" + Vector + ".LoadUnsafe(ref meanRef, at) * s), ref shiftRef, at);");
        w.Close();
        w.Open("for (; c < count; c++)");
        w.Line("float s = " + Names.Unsafe + ".Add(ref gammaRef, c) / global::System.MathF.Sqrt(" + Names.Unsafe + ".Add(ref varianceRef, c) + epsilon);");
        w.Line(Names.Unsafe + ".Add(ref scaleRef, c) = s;");
        w.Line(Names.Unsafe + ".Add(ref shiftRef, c) = " + Names.Unsafe + ".Add(ref betaRef, c) - (" + Names.Unsafe + ".Add(ref meanRef, c) * s);");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The training passes. Arrays of values (x, x̂, Z, dZ, dx: rows × stride) are read at the row's offset plus the channel;
    /// per-channel arrays (μ_B, 1/√(σ²_B + ε), γ, β and the sums) hold the <c>count</c> channels from <c>first</c>.
    /// </summary>
    private static void WriteTrainingKernels(CodeWriter w)
    {
        w.Summary("Throws unless <paramref name=\"length\"/> values hold rows of <paramref name=\"stride\"/> up to channel <paramref name=\"first\"/> + <paramref name=\"count\"/> of the last row: the training kernels read and write through references.");
        w.Open("private static void RequireRows(int length, int rows, int stride, int first, int count, string name)");
        w.Open("if (rows < 0 || first < 0 || count < 0 || (rows > 0 && ((long)(rows - 1) * stride) + first + count > length))");
        w.Line("throw new global::System.ArgumentOutOfRangeException(name, \"holds \" + length + \" values, fewer than \" + rows + \" rows of \" + stride + \" reach (channels \" + first + \" to \" + (first + count) + \")\");");
        w.Close();
        w.Close();
        w.Line();
        w.Summary("Throws unless <paramref name=\"length\"/> values hold one per channel.");
        w.Open("private static void RequireChannels(int length, int count, string name)");
        w.Open("if (count > length)");
        w.Line("throw new global::System.ArgumentOutOfRangeException(name, \"holds \" + length + \" values, fewer than the \" + count + \" channels\");");
        w.Close();
        w.Close();
        w.Line();
        WriteRowKernel(w, SumsName, "sums[c] += x[c] for every row, in row order: Σ x per channel (μ_B before the division).",
            new[] { "x" }, new[] { "sums" }, string.Empty,
            Store("sums", Channel("sums") + " + " + Value("x")));
        WriteRowKernel(w, SquaredDeviationsName, "d = x[c] − mean[c], sums[c] += d·d for every row, in row order: Σ (x − μ_B)² per channel.",
            new[] { "x" }, new[] { "mean", "sums" }, string.Empty,
            Declare("d", Value("x") + " - " + Channel("mean")),
            Store("sums", Channel("sums") + " + (d * d)"));
        WriteRowKernel(w, NormalizeName, "x̂ = (x − mean[c])·inverse[c], z = γ[c]·x̂ + β[c], for every value.",
            new[] { "x", "normalized", "z" }, new[] { "mean", "inverse", "gamma", "beta" }, string.Empty,
            Declare("value", "(" + Value("x") + " - " + Channel("mean") + ") * " + Channel("inverse")),
            Store("normalized", "value", perValue: true),
            Store("z", "(" + Channel("gamma") + " * value) + " + Channel("beta"), perValue: true));
        WriteRowKernel(w, GradientSumsName, "sumDelta[c] += dZ, sumDeltaXHat[c] += dZ·x̂ for every row, in row order: Σ dZ (dβ) and Σ dZ·x̂ (dγ) per channel.",
            new[] { "delta", "normalized" }, new[] { "sumDelta", "sumDeltaXHat" }, string.Empty,
            Declare("dz", Value("delta")),
            Store("sumDelta", Channel("sumDelta") + " + dz"),
            Store("sumDeltaXHat", Channel("sumDeltaXHat") + " + (dz * " + Value("normalized") + ")"));
        WriteRowKernel(w, InputGradientName, "dx = γ[c]·inverse[c]·(dZ − (sumDelta[c] + x̂·sumDeltaXHat[c]) / n), for every value.",
            new[] { "delta", "normalized", "inputGradient" }, new[] { "gamma", "inverse", "sumDelta", "sumDeltaXHat" }, ", float n",
            Store("inputGradient", Channel("gamma") + " * " + Channel("inverse") + " * (" + Value("delta") + " - ((" + Channel("sumDelta") + " + (" + Value("normalized") + " * " + Channel("sumDeltaXHat") + ")) / {n}))", perValue: true));
    }

    // A kernel body is written once with placeholders and spelled out twice, over vectors and then over single values:
    // ⟨v:x⟩ reads array x's value of this row and channel, ⟨c:x⟩ per-channel array x's entry for the channel; a line
    // that starts with ⟨sv:x⟩ (a value) or ⟨sc:x⟩ (a channel's entry) stores the rest of the line there; {n} is the float n.
    private const string PlaceholderOpen = "⟨", PlaceholderClose = "⟩";

    private static string Value(string array) => PlaceholderOpen + "v:" + array + PlaceholderClose;

    private static string Channel(string array) => PlaceholderOpen + "c:" + array + PlaceholderClose;

    private static string Declare(string name, string expression) => "var " + name + " = " + expression + ";";

    private static string Store(string array, string expression, bool perValue = false) => PlaceholderOpen + (perValue ? "sv:" : "sc:") + array + PlaceholderClose + expression + ";";

    private static void WriteRowKernel(CodeWriter w, string name, string summary, string[] values, string[] channels, string extraParameter, params string[] body)
    {
        w.Summary(summary + " Rows of <paramref name=\"stride\"/> values; the <paramref name=\"count\"/> channels from <paramref name=\"first\"/>.");
        w.Line(Names.Optimized);
        var parameters = new List<string>();
        foreach (string array in values.Concat(channels))
        {
            bool written = body.Any(line => line.StartsWith(PlaceholderOpen + "sv:" + array + PlaceholderClose, System.StringComparison.Ordinal) || line.StartsWith(PlaceholderOpen + "sc:" + array + PlaceholderClose, System.StringComparison.Ordinal));
            parameters.Add((written ? Names.SpanOfFloat : Names.ReadOnlySpanOfFloat) + " " + array);
        }

        w.Open("internal static void " + name + "(" + string.Join(", ", parameters) + extraParameter + ", int rows, int stride, int first, int count)");
        foreach (string array in values.Concat(channels))
        {
            w.Line("ref float " + array + "Ref = ref " + Names.MemoryMarshal + ".GetReference(" + array + ");");
        }

        // The loops read and write through references: each array is checked once, here, to hold what they reach.
        foreach (string array in values)
        {
            w.Line("RequireRows(" + array + ".Length, rows, stride, first, count, nameof(" + array + "));");
        }

        foreach (string array in channels)
        {
            w.Line("RequireChannels(" + array + ".Length, count, nameof(" + array + "));");
        }

        if (extraParameter.Length > 0)
        {
            w.Line(VectorOfFloat + " nVector = new " + VectorOfFloat + "(n);");
        }

        w.Line(Names.UIntPtr + " width = (" + Names.UIntPtr + ")" + VectorOfFloat + ".Count, end = (" + Names.UIntPtr + ")count;");
        w.Open("for (int row = 0; row < rows; row++)");
        w.Line(Names.UIntPtr + " start = (" + Names.UIntPtr + ")((row * stride) + first);");
        w.Line(Names.UIntPtr + " c = 0;");
        w.Open("for (; c + width <= end; c += width)");
        foreach (string line in body)
        {
            w.Line(Spell(line, vector: true));
        }

        w.Close();
        w.Open("for (; c < end; c++)");
        foreach (string line in body)
        {
            w.Line(Spell(line, vector: false));
        }

        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>A body line with its placeholders spelled for vectors or for single values.</summary>
    private static string Spell(string line, bool vector)
    {
        string result = line.Replace("{n}", vector ? "nVector" : "n");
        if (!vector)
        {
            result = result.Replace("var ", "float ");
        }
        else
        {
            result = result.Replace("var ", VectorOfFloat + " ");
        }

        // Stores first: each takes the rest of its line, which may hold reads.
        foreach (string kind in new[] { "sv", "sc" })
        {
            while (FindPlaceholder(result, kind, out int open, out int close, out string array))
            {
                string index = kind == "sv" ? "start + c" : "c";
                string expression = result.Substring(close + 1, result.Length - close - 2);
                result = vector
                    ? Vector + ".StoreUnsafe(" + expression + ", ref " + array + "Ref, " + index + ");"
                    : Names.Unsafe + ".Add(ref " + array + "Ref, " + index + ") = " + expression + ";";
            }
        }

        foreach (string kind in new[] { "v", "c" })
        {
            while (FindPlaceholder(result, kind, out int open, out int close, out string array))
            {
                string index = kind == "v" ? "start + c" : "c";
                string read = vector ? Vector + ".LoadUnsafe(ref " + array + "Ref, " + index + ")" : Names.Unsafe + ".Add(ref " + array + "Ref, " + index + ")";
                result = result.Substring(0, open) + read + result.Substring(close + 1);
            }
        }

        return result;
    }

    /// <summary>The first placeholder of <paramref name="kind"/> in <paramref name="text"/>: where it opens and closes, and the array it names.</summary>
    private static bool FindPlaceholder(string text, string kind, out int open, out int close, out string array)
    {
        string start = PlaceholderOpen + kind + ":";
        open = text.IndexOf(start, System.StringComparison.Ordinal);
        close = open < 0 ? -1 : text.IndexOf(PlaceholderClose, open, System.StringComparison.Ordinal);
        array = open < 0 ? string.Empty : text.Substring(open + start.Length, close - open - start.Length);
        return open >= 0;
    }
}
