using System;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The alternating walk of a lone sample over a layer larger than L1 (<see cref="DenseKernels.AlternatesSingleRowOrder"/>),
/// shared by the whole-layer forward and the forward over a range of units: each driver keeps a [ThreadStatic] flag,
/// flips it per sample, and runs its blocks last to first when it is set, so that a sample starts on the rows the one
/// before it read last (<see cref="Planning.KernelBlocks.AlternatingOrderMinimumWeights"/>).
/// </summary>
internal static partial class DenseLayerEmitter
{
    /// <summary><c>if (flag = !flag) { descending } else { ascending }</c>, inside the driver's loop over samples.</summary>
    private static void WriteAlternating(CodeWriter w, string flag, Action descending, Action ascending)
    {
        w.Open("if (" + flag + " = !" + flag + ")");
        descending();
        w.Close();
        w.Open("else");
        ascending();
        w.Close();
    }

    /// <summary>The flag's declaration, after the driver that flips it: one per thread, as L1 is its core's.</summary>
    private static void WriteDescendingFlag(CodeWriter w, string flag, string walk)
    {
        w.Line("[global::System.ThreadStatic]");
        w.Line("private static bool " + flag + "; // whether this thread's last lone sample " + walk + " last to first");
    }

    /// <summary>
    /// t_Dense1Descending (the whole layer) or t_Dense1RangeDescending (a range of its units): a layer's members, so
    /// reserved with the others (GeneratedMemberNames).
    /// </summary>
    private static string DescendingFlag(DenseLayerPlan layer, string driver = "") => "t_" + layer.Name + driver + "Descending";

    /// <summary>78,400 → "78 KB", 67,108,864 → "67 MB": the size a reader compares with a cache.</summary>
    private static string Bytes(long bytes) => bytes < 10_000_000
        ? (bytes / 1000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " KB"
        : (bytes / 1_000_000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
