using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>The forward kernels: P output pixels × V vectors of filters of Z = b + W ⋆ A_prev.</summary>
internal static partial class ConvKernelEmitter
{
    /// <summary>
    /// P = 1: one output pixel whose window the border may cut to columns [kxFrom, kxTo); P &gt; 1: P horizontally
    /// neighbouring pixels (columns ixLeft, ixLeft + stride, …) whose windows lie inside the input's columns, so every
    /// weight vector loaded serves all P of them.
    /// </summary>
    private static void WriteForward(CodeWriter w, KernelShape shape, bool twin)
    {
        int pixels = shape.Rows;
        bool block = pixels > 1;
        w.Line("/// <summary>");
        w.Line("/// Conv2D forward, " + (block ? CodeWriter.Int(pixels) + " neighbouring output pixels (columns ixLeft, ixLeft + stride, …)" : "one output pixel") + " × " + CodeWriter.Int(shape.Vectors) + " vectors of filters:");
        w.Line("/// zOut[" + (block ? "p, " : string.Empty) + "f] = b[f] + Σ W[ky, kx, c, f] · x[iyTop + ky, ixLeft" + (block ? " + p·stride" : string.Empty) + " + kx, c] over the window's rows [kyFrom, kyTo) and");
        w.Line("/// " + (block ? "all its columns (they lie inside the input)" : "columns [kxFrom, kxTo) (the rest lie outside the input)") + ", summed over (ky, kx, c) in order.");
        w.Line("/// x: one sample of A_prev (inH × inW × inC, channels last); weights: W (kernel × kernel × inC × filters); biases: b (filters);");
        w.Line("/// zOut: Z at the first pixel (" + (block ? CodeWriter.Int(pixels) + " pixels × filters" : "filters") + "), overwritten (with ReLU(Z) when TShape.StoresReLU); iyTop, ixLeft: the input row and column of the window's corner;");
        w.Line("/// TShape: the layer's sizes.");
        w.Line("/// </summary>");
        w.Line(Inline);
        OpenKernel(w, twin, ForwardName(shape), "ref float x, ref float weights, ref float biases, ref float zOut, int iyTop, int kyFrom, int kyTo, int ixLeft" + (block ? string.Empty : ", int kxFrom, int kxTo"), Filters512);
        w.Line(Sizes(block ? new[] { "inW", "inC", "filters", "kernel", "stride" } : new[] { "inW", "inC", "filters", "kernel" }));
        w.Line("int lanes = " + VectorOfFloat + ".Count;");
        w.Line("int f = 0;");
        foreach (int vectors in Steps(shape.Vectors))
        {
            if (vectors > 1)
            {
                w.Comment(CodeWriter.Int(pixels * vectors) + " accumulators: " + CodeWriter.Int(pixels * vectors) + " independent multiply-add chains keep the FMA units busy.");
            }

            w.Open(StepLoop("f", "filters", vectors));
            WriteForwardVectors(w, pixels, vectors);
            w.Close();
            w.Line();
        }

        w.Comment("Filters left over when their count is not a multiple of the vector width.");
        w.Open("for (; f < filters; f++)");
        w.Line("float bf = " + Unsafe + ".Add(ref biases, f);");
        w.Line(Declare("float", pixels, p => "s" + p + " = bf"));
        WindowLoops(w, block, () =>
        {
            w.Line("float wf = " + Unsafe + ".Add(ref wRow, (c * filters) + f);");
            for (int p = 0; p < pixels; p++)
            {
                w.Line("s" + p + " += " + Unsafe + ".Add(ref xRow, " + PixelOffset(p) + ") * wf;");
            }
        });
        for (int p = 0; p < pixels; p++)
        {
            w.Line(Unsafe + ".Add(ref zOut, " + Plus(Times(p, "filters"), "f") + ") = " + OutputName + "<TShape>(s" + p + ");");
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>One step of <paramref name="vectors"/> vectors of filters for every pixel: accumulators z{p}_{v}, started at b.</summary>
    private static void WriteForwardVectors(CodeWriter w, int pixels, int vectors)
    {
        w.Line(Declare(VectorOfFloat, vectors, v => "b" + v + " = " + Load("biases", Plus("f", Times(v, "lanes")))));
        for (int p = 0; p < pixels; p++)
        {
            w.Line(Declare(VectorOfFloat, vectors, v => "z" + p + "_" + v + " = b" + v));
        }

        WindowLoops(w, pixels > 1, () =>
        {
            w.Line("ref float wc = ref " + Unsafe + ".Add(ref wRow, (c * filters) + f);");
            w.Line(Declare(VectorOfFloat, vectors, v => "w" + v + " = " + Load("wc", Times(v, "lanes"))));
            for (int p = 0; p < pixels; p++)
            {
                w.Line(VectorOfFloat + " x" + p + " = " + Vector + ".Create(" + Unsafe + ".Add(ref xRow, " + PixelOffset(p) + "));");
                w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => MultiplyAdd("x" + p, "w" + v, "z" + p + "_" + v))));
            }
        });
        for (int p = 0; p < pixels; p++)
        {
            w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => Store(OutputName + "<TShape>(z" + p + "_" + v + ")", "zOut", Plus(Times(p, "filters"), "f", Times(v, "lanes"))))));
        }
    }

    /// <summary>Channel c of pixel p's window: "c", "(stride * inC) + c", "(2 * stride * inC) + c".</summary>
    private static string PixelOffset(int p) => p == 0 ? "c" : "(" + (p == 1 ? string.Empty : CodeWriter.Int(p) + " * ") + "stride * inC) + c";

    /// <summary>
    /// The ky, kx, c loops over one window: xRow is the input pixel, wRow the weights W[ky, kx, ·, ·]. The columns run
    /// over [kxFrom, kxTo) for a window the border may cut, or over the whole kernel for a block of pixels.
    /// </summary>
    private static void WindowLoops(CodeWriter w, bool wholeRows, System.Action body)
    {
        w.Open("for (int ky = kyFrom; ky < kyTo; ky++)");
        w.Open(wholeRows ? "for (int kx = 0; kx < kernel; kx++)" : "for (int kx = kxFrom; kx < kxTo; kx++)");
        w.Line("ref float xRow = ref " + Unsafe + ".Add(ref x, (((iyTop + ky) * inW) + ixLeft + kx) * inC);");
        w.Line("ref float wRow = ref " + Unsafe + ".Add(ref weights, ((ky * kernel) + kx) * inC * filters);");
        w.Open("for (int c = 0; c < inC; c++)");
        body();
        w.Close();
        w.Close();
        w.Close();
    }
}

/// <summary>The forward kernels over output pixels in row-major order, for layers where no window is cut (Valid padding).</summary>
internal static partial class ConvKernelEmitter
{
    /// <summary>"Conv2DForwardPixels6x4": 6 output pixels in row-major order × 4 vectors of filters.</summary>
    public static string PixelsName(KernelShape shape) => "Conv2DForwardPixels" + Dimensions(shape);

    /// <summary>
    /// P output pixels pixel, pixel + 1, … in row-major order (a block may run on into the next row: every window lies
    /// inside the input) × V vectors of filters. One kernel row of a window, its Kernel · InC taps (kx, c), is
    /// contiguous both in the input row and in W, so the taps run as one loop j per kernel row.
    /// </summary>
    private static void WritePixels(CodeWriter w, KernelShape shape, bool twin)
    {
        int pixels = shape.Rows;
        w.Line("/// <summary>");
        w.Line("/// Conv2D forward, " + CodeWriter.Int(pixels) + " output pixels in row-major order (pixel, pixel + 1, …, possibly across a row's end) × " + CodeWriter.Int(shape.Vectors) + " vectors of filters,");
        w.Line("/// for layers whose windows all lie inside the input (Valid padding):");
        w.Line("/// zOut[pixel + p, f] = b[f] + Σ W[ky, kx, c, f] · x[oy·stride + ky, ox·stride + kx, c] with (oy, ox) pixel + p's row and column,");
        w.Line("/// summed over (ky, kx, c) in order, as the one-pixel kernel sums it. Each weight vector loaded serves all " + CodeWriter.Int(pixels) + " pixels:");
        w.Line("/// " + CodeWriter.Int(pixels * shape.Vectors) + " independent multiply-add chains (" + CodeWriter.Int(pixels) + " × " + CodeWriter.Int(shape.Vectors) + " was chosen by ConvKernelPlanner for the register file).");
        w.Line("/// x: one sample of A_prev (inH × inW × inC, channels last); weights: W (kernel × kernel × inC × filters); biases: b (filters);");
        w.Line("/// z: Z of the sample (outH × outW × filters), pixels pixel … pixel + " + CodeWriter.Int(pixels - 1) + " overwritten (with ReLU(Z) when TShape.StoresReLU); TShape: the layer's sizes.");
        w.Line("/// </summary>");
        w.Line(Inline);
        OpenKernel(w, twin, PixelsName(shape), "ref float x, ref float weights, ref float biases, ref float z, int pixel", Filters512);
        w.Line(Sizes("inW", "inC", "outW", "filters", "kernel", "stride"));
        w.Line("int lanes = " + VectorOfFloat + ".Count;");
        w.Line("int span = kernel * inC; // the taps of one kernel row, contiguous in the input and in W");
        w.Comment("Each pixel's window corner in the input: row oy·stride, column ox·stride.");
        for (int p = 0; p < pixels; p++)
        {
            string index = p == 0 ? "pixel" : "(pixel + " + CodeWriter.Int(p) + ")";
            w.Line("ref float x" + p + " = ref " + Unsafe + ".Add(ref x, ((" + index + " / outW * stride * inW) + (" + index + " % outW * stride)) * inC);");
        }

        w.Line("ref float zOut = ref " + Unsafe + ".Add(ref z, pixel * filters);");
        w.Line("int f = 0;");
        foreach (int vectors in Steps(shape.Vectors))
        {
            w.Open(StepLoop("f", "filters", vectors));
            w.Line(Declare(VectorOfFloat, vectors, v => "b" + v + " = " + Load("biases", Plus("f", Times(v, "lanes")))));
            for (int p = 0; p < pixels; p++)
            {
                w.Line(Declare(VectorOfFloat, vectors, v => "z" + p + "_" + v + " = b" + v));
            }

            KernelRows(w, () =>
            {
                w.Line("ref float wc = ref " + Unsafe + ".Add(ref wRow, (j * filters) + f);");
                w.Line(Declare(VectorOfFloat, vectors, v => "w" + v + " = " + Load("wc", Times(v, "lanes"))));
                for (int p = 0; p < pixels; p++)
                {
                    w.Line(VectorOfFloat + " a" + p + " = " + Vector + ".Create(" + Unsafe + ".Add(ref x" + p + ", tap + j));");
                    w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => MultiplyAdd("a" + p, "w" + v, "z" + p + "_" + v))));
                }
            });
            for (int p = 0; p < pixels; p++)
            {
                w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => Store(OutputName + "<TShape>(z" + p + "_" + v + ")", "zOut", Plus(Times(p, "filters"), "f", Times(v, "lanes"))))));
            }

            w.Close();
            w.Line();
        }

        w.Comment("Filters left over when their count is not a multiple of the vector width.");
        w.Open("for (; f < filters; f++)");
        w.Line("float bf = " + Unsafe + ".Add(ref biases, f);");
        w.Line(Declare("float", pixels, p => "s" + p + " = bf"));
        KernelRows(w, () =>
        {
            w.Line("float wf = " + Unsafe + ".Add(ref wRow, (j * filters) + f);");
            for (int p = 0; p < pixels; p++)
            {
                w.Line("s" + p + " += " + Unsafe + ".Add(ref x" + p + ", tap + j) * wf;");
            }
        });
        for (int p = 0; p < pixels; p++)
        {
            w.Line(Unsafe + ".Add(ref zOut, " + Plus(Times(p, "filters"), "f") + ") = " + OutputName + "<TShape>(s" + p + ");");
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>The ky loop and, in it, the j loop over one kernel row's taps: tap is the row's offset in every window, wRow W[ky, ·, ·, ·].</summary>
    private static void KernelRows(CodeWriter w, System.Action body)
    {
        w.Open("for (int ky = 0; ky < kernel; ky++)");
        w.Line("int tap = ky * inW * inC;");
        w.Line("ref float wRow = ref " + Unsafe + ".Add(ref weights, ky * span * filters);");
        w.Open("for (int j = 0; j < span; j++)");
        body();
        w.Close();
        w.Close();
    }
}
