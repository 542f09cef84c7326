using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// A Conv2D layer's readable forward and hand-derived backward, side by side, over a whole batch of row-major,
/// channels-last samples (each sample a row of the batch). The per-layer methods hold the layer's sizes as constants and
/// walk the pixels; the register-blocked work is done by the shared micro-kernels of <see cref="ConvKernelEmitter"/>,
/// called with those constants (they are inlined, so the JIT folds them). One partial file per direction:
/// <c>.Forward.cs</c> (Z = W ⋆ A_prev + b, A = g(Z)), <c>.InputGradient.cs</c> (dZ = dA ⊙ g'(Z), dA_prev) and
/// <c>.WeightGradient.cs</c> (dW, db).
/// </summary>
internal static partial class ConvLayerEmitter
{
    private const string Unsafe = Names.Unsafe;
    private const string Marshal = Names.MemoryMarshal;
    private const string ReadOnlySpan = Names.ReadOnlySpanOfFloat;
    private const string Span = Names.SpanOfFloat;

    /// <summary>Writes the layer's forward, then its backward: dZ and dA_prev (phase 1), then dW and db (phase 2).</summary>
    public static void Write(CodeWriter w, Conv2DLayerPlan layer)
    {
        WriteForward(w, layer);
        WriteInputGradient(w, layer);
        WriteWeightGradients(w, layer);
    }

    /// <summary>"Conv2D(32, kernel 3, stride 1, Valid, ReLU)".</summary>
    public static string Title(Conv2DLayerPlan layer) =>
        "Conv2D(" + CodeWriter.Int(layer.Output.Channels) + ", kernel " + CodeWriter.Int(layer.Window.Size) + ", stride " + CodeWriter.Int(layer.Window.Stride) + ", " + layer.Window.Padding + ", " + ActivationEmitter.Name(layer) + ")";

    /// <summary>The shape constants, one line each for the input, the output and the window.</summary>
    private static readonly (string Name, System.Func<Conv2DLayerPlan, int> Value)[][] ConstantGroups =
    {
        new (string, System.Func<Conv2DLayerPlan, int>)[] { ("InH", l => l.Input.Height), ("InW", l => l.Input.Width), ("InC", l => l.Input.Channels), ("InSize", l => l.Input.Size) },
        new (string, System.Func<Conv2DLayerPlan, int>)[] { ("OutH", l => l.Output.Height), ("OutW", l => l.Output.Width), ("Filters", l => l.Filters), ("OutSize", l => l.Output.Size) },
        new (string, System.Func<Conv2DLayerPlan, int>)[] { ("Kernel", l => l.Window.Size), ("Stride", l => l.Window.Stride), ("PadTop", l => l.Window.PadTop), ("PadLeft", l => l.Window.PadLeft) },
    };

    /// <summary>
    /// The shape constants a per-layer method uses, except <paramref name="unused"/>: the sizes it only passes to the
    /// kernels travel in the layer's shape struct, and an unused local constant is warning CS0219.
    /// </summary>
    private static void WriteConstants(CodeWriter w, Conv2DLayerPlan layer, params string[] unused)
    {
        foreach ((string Name, System.Func<Conv2DLayerPlan, int> Value)[] group in ConstantGroups)
        {
            string[] wanted = group.Where(c => System.Array.IndexOf(unused, c.Name) < 0).Select(c => c.Name + " = " + CodeWriter.Int(c.Value(layer))).ToArray();
            if (wanted.Length > 0)
            {
                w.Line("const int " + string.Join(", ", wanted) + ";");
            }
        }
    }

    /// <summary>The layer's input in the formulas: x for the first layer, A[l−1] after it.</summary>
    private static string Previous(LayerPlan layer) => layer.Index == 1 ? "x" : "A[" + CodeWriter.Int(layer.Index - 1) + "]";

    /// <summary>"samples × 9×7×2, row-major, channels last": a batch of images, one sample per row.</summary>
    internal static string Images(Shape shape) => "samples × " + shape + ", row-major, channels last";

    /// <summary>
    /// The input index a window tap reads, with the constants simplified: Tap("y", "ky", 2, 1) = "y·2 + ky − 1",
    /// Tap("y", "ky", 1, 0) = "y + ky".
    /// </summary>
    internal static string Tap(string output, string offset, int stride, int pad) =>
        output + (stride == 1 ? string.Empty : "·" + CodeWriter.Int(stride)) + " + " + offset + (pad == 0 ? string.Empty : " − " + CodeWriter.Int(pad));

    /// <summary>
    /// The output index whose window tap <paramref name="offset"/> reads input index <paramref name="input"/> (the inverse
    /// of <see cref="Tap"/>): Source("i", "ky", 1, 0) = "i − ky", Source("i", "ky", 2, 1) = "(i + 1 − ky)/2".
    /// </summary>
    private static string Source(string input, string offset, int stride, int pad)
    {
        string shifted = input + (pad == 0 ? string.Empty : " + " + CodeWriter.Int(pad)) + " − " + offset;
        return stride == 1 ? shifted : "(" + shifted + ")/" + CodeWriter.Int(stride);
    }
}
