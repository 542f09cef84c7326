using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The shared kernel of BatchNormalization's inference pass (<c>Normalize</c>, what <c>Predict</c> runs): x·s + t per
/// channel, in vectors over one period of s and t repeated channel after channel
/// (<see cref="BatchNormalizationLayerPlan.ScaleShiftPeriod"/>). Written only when a network of the project normalises.
/// </summary>
internal static class BatchNormalizationKernelEmitter
{
    /// <summary>The kernel's name in the shared kernels class.</summary>
    public const string ScaleShiftName = "ChannelScaleShift";

    private const string Vector = "global::System.Numerics.Vector";
    private const string VectorOfFloat = "global::System.Numerics.Vector<float>";

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
    }
}
