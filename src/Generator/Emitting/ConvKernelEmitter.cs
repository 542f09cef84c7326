using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The register-blocked Conv2D micro-kernels, written once per distinct block shape per project (in the shared kernels file), apart from the
/// readable per-layer code of <see cref="ConvLayerEmitter"/>. A kernel reads the layer's sizes from a type argument,
/// a struct implementing <see cref="ShapeInterface"/> whose static properties return constants (Conv2D1Shape), so
/// layers of different sizes share its source while the JIT still compiles one copy per layer with the sizes folded
/// in, as when they were written into per-layer helpers. (Int arguments and <c>AggressiveInlining</c> alone rely on
/// the inlining, and the JIT of .NET 10 did not inline Conv2DForward4x2 or Conv2DWeightGradient2x4 into the Fashion-MNIST
/// CNN's layers, as DOTNET_JitDisasmSummary=1 shows: they ran with the sizes as variables.) The kernels stay
/// <c>AggressiveInlining</c>, so the JIT may still inline them where its limits allow:
/// <list type="bullet">
/// <item>forward <c>Pixels P×V</c> (Valid padding): P output pixels in row-major order × V vectors of filters of Z = b + W ⋆ A_prev;</item>
/// <item>forward <c>P×V</c>: P neighbouring output pixels of a row (P = 1 where the border cuts the window) × V vectors of filters;</item>
/// <item>input gradient <c>1×V</c>: one input pixel × V vectors of input channels of dA_prev, gathered over every
/// window that covers the pixel, and <c>Pixels P×V</c>: P neighbouring pixels every window position covers (stride 1);
/// with Valid padding instead <c>Scatter P×V</c>: for one kernel position, P output pixels × V vectors of channels of
/// dZ · Wt, added to the input pixels the taps read;</item>
/// <item>weight gradient <c>R×V</c>: R rows of dW (channels c … c + R − 1 of one kernel position) × V vectors of filters,
/// over the output pixels of one sample.</item>
/// </list>
/// Each kernel steps by its V vectors, then by one vector, then one value at a time. A block is only several
/// independent accumulators side by side, each summed in the same order (ky, kx, c ascending forward; ky, kx, f for
/// dA_prev; y, x for dW) whichever kernel computes it, so results are bit-identical across block shapes and threads.
/// </summary>
internal static partial class ConvKernelEmitter
{
    private const string Unsafe = Names.Unsafe;
    private const string Vector = KernelFlavour.Operations;
    private const string VectorOfFloat = KernelFlavour.VectorType;

    /// <summary>The shape's choice of 512-bit vectors for the kernels over filters (forward, dW).</summary>
    private const string Filters512 = "Vector512Filters";

    /// <summary>The shape's choice of 512-bit vectors for the kernels over input channels (dA_prev).</summary>
    private const string Channels512 = "Vector512Channels";
    private const string Inline = Names.InlinedAndOptimized;

    /// <summary>The interface of the per-layer size structs the kernels take as a type argument.</summary>
    public const string ShapeInterface = "IConv2DShape";

    /// <summary>The sizes a kernel reads from its shape type, named as the per-layer constants name them.</summary>
    private static readonly (string Name, System.Func<Conv2DLayerPlan, int> Value)[] ShapeSizes =
    {
        ("InW", l => l.Input.Width), ("InC", l => l.Input.Channels), ("OutH", l => l.Output.Height), ("OutW", l => l.Output.Width),
        ("Filters", l => l.Filters), ("Kernel", l => l.Window.Size), ("Stride", l => l.Window.Stride),
        ("PadTop", l => l.Window.PadTop), ("PadLeft", l => l.Window.PadLeft),
    };


    /// <summary>"Conv2DForward4x2": 4 output pixels × 2 vectors of filters.</summary>
    public static string ForwardName(KernelShape shape) => "Conv2DForward" + Dimensions(shape);

    /// <summary>"Conv2DInputGradient1x4": one input pixel × 4 vectors of input channels.</summary>
    public static string InputGradientName(KernelShape shape) => "Conv2DInputGradient" + Dimensions(shape);

    /// <summary>"Conv2DWeightGradient2x4": 2 dW rows × 4 vectors of filters.</summary>
    public static string WeightGradientName(KernelShape shape) => "Conv2DWeightGradient" + Dimensions(shape);

    /// <summary>
    /// Every kernel the networks' Conv2D layers call, each once, in the order the layers first need them. The 512-bit
    /// build (<paramref name="flavour"/>) holds the kernels over filters of the layers whose plan chose 512-bit vectors
    /// for their filters, and those over input channels of the layers that chose them for their channels; the portable
    /// build's kernels that have a twin there start with the dispatch to it. The shape interface is the portable
    /// class's alone.
    /// </summary>
    public static void WriteAll(CodeWriter w, IReadOnlyList<NetworkPlan> plans, KernelFlavour flavour)
    {
        var overFilters = FilterLayers(plans, flavour.Is512);
        var overChannels = ChannelLayers(plans, flavour.Is512);
        if (overFilters.Count + overChannels.Count == 0)
        {
            return;
        }

        var twins = new HashSet<string>(flavour.Is512 ? Enumerable.Empty<string>() : TwinKernels(plans));
        w.Line("// ───────────────────────────── Conv2D kernels ─────────────────────────────");
        w.Line();
        if (!flavour.Is512)
        {
            WriteShapeInterface(w);
        }

        if (overFilters.Count > 0)
        {
            WriteOutputHelpers(w);
        }

        foreach (KernelShape shape in Distinct(overFilters.SelectMany(c => c.Kernels.PixelShapes)))
        {
            WritePixels(w, shape, twins.Contains(PixelsName(shape)));
        }

        foreach (KernelShape shape in Distinct(overFilters.SelectMany(c => c.Kernels.ForwardShapes)))
        {
            WriteForward(w, shape, twins.Contains(ForwardName(shape)));
        }

        foreach (KernelShape shape in Distinct(overChannels.SelectMany(c => c.Kernels.InteriorShapes)))
        {
            WriteInterior(w, shape, twins.Contains(InteriorName(shape)));
        }

        foreach (KernelShape shape in Distinct(overChannels.SelectMany(c => c.Kernels.ScatterShapes)))
        {
            WriteScatter(w, shape, twins.Contains(ScatterName(shape)));
        }

        foreach (KernelShape shape in InputGradientShapesOf(overChannels))
        {
            WriteInputGradient(w, shape, twins.Contains(InputGradientName(shape)));
        }

        foreach (KernelShape shape in Distinct(overFilters.SelectMany(c => c.Kernels.WeightGradientShapes)))
        {
            WriteWeightGradient(w, shape, twins.Contains(WeightGradientName(shape)));
        }

        if (!flavour.Is512)
        {
            WriteBiasGradient(w);
        }
    }

    /// <summary>Whether any Conv2D layer's plan chose 512-bit vectors, so the 512-bit class holds Conv2D kernels.</summary>
    public static bool HasTwins(IReadOnlyList<NetworkPlan> plans) => FilterLayers(plans, only512: true).Count + ChannelLayers(plans, only512: true).Count > 0;

    private static IEnumerable<Conv2DLayerPlan> Convolutions(IReadOnlyList<NetworkPlan> plans) => plans.SelectMany(plan => plan.Layers.OfType<Conv2DLayerPlan>());

    /// <summary>The layers whose kernels over filters (forward, dW) are written: all, or those that chose 512-bit vectors for their filters.</summary>
    private static List<Conv2DLayerPlan> FilterLayers(IReadOnlyList<NetworkPlan> plans, bool only512) =>
        Convolutions(plans).Where(c => !only512 || c.Kernels.Vector512Filters).ToList();

    /// <summary>
    /// The layers whose dA_prev kernels (over input channels) are written: those after the first (the first layer
    /// passes no gradient back), all or only those that chose 512-bit vectors for their channels.
    /// </summary>
    private static List<Conv2DLayerPlan> ChannelLayers(IReadOnlyList<NetworkPlan> plans, bool only512) =>
        Convolutions(plans).Where(c => c.Index > 1 && (!only512 || c.Kernels.Vector512Channels)).ToList();

    /// <summary>The one-pixel dA_prev kernels: layers without the Valid-padding scatter gather per input pixel.</summary>
    private static List<KernelShape> InputGradientShapesOf(IEnumerable<Conv2DLayerPlan> layers) =>
        Distinct(layers.Where(c => c.Kernels.Scatter == null).Select(c => c.Kernels.InputGradientShape));

    /// <summary>The portable kernels that have a 512-bit twin: the names the 512-bit build writes.</summary>
    private static IEnumerable<string> TwinKernels(IReadOnlyList<NetworkPlan> plans)
    {
        var overFilters = FilterLayers(plans, only512: true);
        var overChannels = ChannelLayers(plans, only512: true);
        return overFilters.SelectMany(c => c.Kernels.PixelShapes.Select(PixelsName).Concat(c.Kernels.ForwardShapes.Select(ForwardName)).Concat(c.Kernels.WeightGradientShapes.Select(WeightGradientName)))
            .Concat(overChannels.SelectMany(c => c.Kernels.InteriorShapes.Select(InteriorName).Concat(c.Kernels.ScatterShapes.Select(ScatterName))))
            .Concat(InputGradientShapesOf(overChannels).Select(InputGradientName));
    }

    /// <summary>
    /// The layer's shape struct, written with the layer's code: "private readonly struct Conv2D1Shape : IConv2DShape",
    /// each size a static property returning a constant.
    /// </summary>
    public static void WriteShape(CodeWriter w, Conv2DLayerPlan layer)
    {
        w.Summary("Layer " + CodeWriter.Int(layer.Index) + "'s sizes, the type argument of the Conv2D kernels it calls (the JIT compiles them for these constants).");
        w.Open("private readonly struct " + ShapeName(layer) + " : " + w.Kernel(ShapeInterface));
        foreach ((string name, System.Func<Conv2DLayerPlan, int> value) in ShapeSizes)
        {
            w.Line("public static int " + name + " => " + CodeWriter.Int(value(layer)) + ";");
        }

        w.Line("public static bool StoresReLU => " + (layer.ReLUInStores ? "true" : "false") + ";");
        w.Line("public static bool " + Filters512 + " => " + (layer.Kernels.Vector512Filters ? "true" : "false") + ";");
        w.Line("public static bool " + Channels512 + " => " + (layer.Kernels.Vector512Channels ? "true" : "false") + ";");
        w.Close();
        w.Line();
    }

    /// <summary>
    /// A kernel's signature and constraint; in the portable build also the dispatch to its 512-bit twin when the
    /// layer's shape chose 512-bit vectors for <paramref name="axis"/> (<see cref="Filters512"/> or <see cref="Channels512"/>).
    /// </summary>
    private static void OpenKernel(CodeWriter w, bool twin, string name, string parameters, string axis)
    {
        w.Line("internal static void " + name + "<TShape>(" + parameters + ")");
        w.Line("    where TShape : struct, " + w.Kernel(ShapeInterface));
        w.Open();
        string arguments = string.Join(", ", parameters.Split(',').Select(p => p.Trim()).Select(p => (p.StartsWith("ref ") ? "ref " : string.Empty) + p.Substring(p.LastIndexOf(' ') + 1)));
        KernelFlavour.WriteDispatch(w, twin, "TShape." + axis, name + "<TShape>(" + arguments + ");");
    }

    /// <summary>"Conv2D1Shape".</summary>
    public static string ShapeName(Conv2DLayerPlan layer) => layer.Name + "Shape";

    private static void WriteShapeInterface(CodeWriter w)
    {
        w.Summary("A Conv2D layer's sizes as constants: each layer's struct (Conv2D1Shape, …) is the type argument of the kernels it calls.");
        w.Open("internal interface " + ShapeInterface);
        foreach ((string name, _) in ShapeSizes)
        {
            w.Line("static abstract int " + name + " { get; }");
        }

        w.Comment("Whether the forward kernels store A = ReLU(Z) rather than Z (a hidden ReLU layer: nothing reads its Z).");
        w.Line("static abstract bool StoresReLU { get; }");
        w.Comment("Whether the kernels over filters (forward, dW) and over input channels (dA_prev) use 512-bit vectors where the");
        w.Comment("hardware accelerates them: the layer's plan chose them for its sizes (VectorWidthPlanner).");
        w.Line("static abstract bool " + Filters512 + " { get; }");
        w.Line("static abstract bool " + Channels512 + " { get; }");
        w.Close();
        w.Line();
    }

    /// <summary>The fused-ReLU store helpers, in each build: a nested class's method of a name hides the outer class's.</summary>
    private static void WriteOutputHelpers(CodeWriter w)
    {
        w.Summary("What a Conv2D forward kernel stores for a vector z of Z: ReLU(z) = max(z, 0), the operation ReLUForward would apply in a second pass over the batch, when TShape.StoresReLU; z otherwise (its activation, if any, is a pass of its own).");
        w.Line(Inline);
        w.Line("internal static " + VectorOfFloat + " " + OutputName + "<TShape>(" + VectorOfFloat + " z)");
        w.Line("    where TShape : struct, " + w.Kernel(ShapeInterface) + " =>");
        w.Line("    TShape.StoresReLU ? " + Vector + ".Max(z, " + VectorOfFloat + ".Zero) : z;");
        w.Line();
        w.Summary("The same for one value, as ReLUForward's scalar tail: max(z, 0) when TShape.StoresReLU, z otherwise. Max gives the same bits on a vector lane and on a scalar.");
        w.Line(Inline);
        w.Line("internal static float " + OutputName + "<TShape>(float z)");
        w.Line("    where TShape : struct, " + w.Kernel(ShapeInterface) + " =>");
        w.Line("    TShape.StoresReLU ? global::System.MathF.Max(z, 0f) : z;");
        w.Line();
    }

    /// <summary>The kernels' helper that applies a fused ReLU to a value before it is stored.</summary>
    private const string OutputName = "Conv2DOutput";

    /// <summary>"int inW = TShape.InW, inC = TShape.InC;": the sizes a kernel uses, read from its shape type.</summary>
    private static string Sizes(params string[] names) =>
        "int " + string.Join(", ", names.Select(n => n + " = TShape." + char.ToUpperInvariant(n[0]) + n.Substring(1))) + ";";

    private static string Dimensions(KernelShape shape) => CodeWriter.Int(shape.Rows) + "x" + CodeWriter.Int(shape.Vectors);

    /// <summary>Distinct shapes in first-seen order (the kernels stay in a stable, readable order).</summary>
    private static List<KernelShape> Distinct(IEnumerable<KernelShape> shapes)
    {
        var seen = new List<KernelShape>();
        foreach (KernelShape shape in shapes)
        {
            if (!seen.Contains(shape))
            {
                seen.Add(shape);
            }
        }

        return seen;
    }

    /// <summary>
    /// The vector steps of a channel loop: <paramref name="vectors"/> at a time, then half as many, down to one (before the
    /// scalar tail). The middle steps keep a block's chains many when the channels are few vectors wide: 32 filters at
    /// <c>Vector&lt;float&gt;.Count</c> 16 are 2 vectors, which a 6-pixel block then runs as 12 chains rather than 6.
    /// </summary>
    private static int[] Steps(int vectors)
    {
        var steps = new List<int>();
        for (int v = vectors; v > 1; v /= 2)
        {
            steps.Add(v);
        }

        steps.Add(1);
        return steps.ToArray();
    }

    /// <summary>"for (; f + (4 * lanes) &lt;= filters; f += 4 * lanes)": a channel loop's step of <paramref name="vectors"/> vectors.</summary>
    private static string StepLoop(string index, string count, int vectors)
    {
        string width = vectors == 1 ? "lanes" : CodeWriter.Int(vectors) + " * lanes";
        return "for (; " + index + " + " + (vectors == 1 ? width : "(" + width + ")") + " <= " + count + "; " + index + " += " + width + ")";
    }

    /// <summary>The offset of item <paramref name="index"/> of a block: "", "size", "(2 * size)".</summary>
    private static string Times(int index, string size) => index == 0 ? string.Empty : index == 1 ? size : "(" + CodeWriter.Int(index) + " * " + size + ")";

    /// <summary>A sum of offsets, skipping the empty ones: Plus("", "f", "lanes") = "f + lanes".</summary>
    private static string Plus(params string[] terms) => string.Join(" + ", terms.Where(t => t.Length > 0));

    /// <summary>", (global::System.UIntPtr)(offset)" for LoadUnsafe/StoreUnsafe, or nothing for offset 0.</summary>
    private static string At(string offset) =>
        offset.Length == 0 ? string.Empty : ", (global::System.UIntPtr)" + (offset.All(char.IsLetterOrDigit) || IsParenthesized(offset) ? offset : "(" + offset + ")");

    /// <summary>Whether the whole of <paramref name="expression"/> is one parenthesised group: "(2 * lanes)", not "(2 * f) + c".</summary>
    private static bool IsParenthesized(string expression)
    {
        if (expression[0] != '(')
        {
            return false;
        }

        int depth = 0;
        for (int i = 0; i < expression.Length; i++)
        {
            depth += expression[i] == '(' ? 1 : expression[i] == ')' ? -1 : 0;
            if (depth == 0)
            {
                return i == expression.Length - 1;
            }
        }

        return false;
    }

    private static string Load(string reference, string offset) => Vector + ".LoadUnsafe(ref " + reference + At(offset) + ")";

    private static string Store(string value, string reference, string offset) => Vector + ".StoreUnsafe(" + value + ", ref " + reference + At(offset) + ");";

    private static string MultiplyAdd(string x, string y, string accumulator) => accumulator + " = " + Vector + ".MultiplyAddEstimate(" + x + ", " + y + ", " + accumulator + ");";

    /// <summary>"Vector&lt;float&gt; a0 = …, a1 = …;": one declaration of <paramref name="count"/> variables.</summary>
    private static string Declare(string type, int count, System.Func<int, string> variable) =>
        type + " " + string.Join(", ", Enumerable.Range(0, count).Select(variable)) + ";";
}
