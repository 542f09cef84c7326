using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>The backward kernels: one input pixel of dA_prev, and R rows of dW for one sample.</summary>
internal static partial class ConvKernelEmitter
{
    /// <summary>dA_prev at one input pixel, <c>1×V</c>: V vectors of input channels per step.</summary>
    private static void WriteInputGradient(CodeWriter w, KernelShape shape, bool twin)
    {
        w.Line("/// <summary>");
        w.Line("/// Conv2D input gradient at input pixel (iy, ix), " + CodeWriter.Int(shape.Vectors) + " vectors of input channels at a time: dxPixel[c] = Σ Wt[ky, kx, f, c] · dZ[y, x, f]");
        w.Line("/// over the windows (y, x) that cover the pixel, with iy = y·stride + ky − padTop, summed over (ky, kx, f) in order.");
        w.Line("/// dz: dZ of one sample (outH × outW × filters, channels last); wt: W transposed to [ky][kx][f][c] (kernel × kernel × filters × inC);");
        w.Line("/// dxPixel: dA_prev at (iy, ix) (inC), overwritten; TShape: the layer's sizes.");
        w.Line("/// </summary>");
        w.Line(Inline);
        OpenKernel(w, twin, InputGradientName(shape), "ref float dz, ref float wt, ref float dxPixel, int iy, int ix", Channels512);
        w.Line(Sizes("inC", "outH", "outW", "filters", "kernel", "stride", "padTop", "padLeft"));
        w.Line("int lanes = " + VectorOfFloat + ".Count;");
        w.Line("int c = 0;");
        foreach (int vectors in Steps(shape.Vectors))
        {
            w.Open(StepLoop("c", "inC", vectors));
            w.Line(Declare(VectorOfFloat, vectors, v => "g" + v + " = default"));
            CoveringWindows(w, () =>
            {
                w.Line(VectorOfFloat + " d = " + Vector + ".Create(" + Unsafe + ".Add(ref dzRow, f));");
                w.Line("ref float wc = ref " + Unsafe + ".Add(ref wtRow, (f * inC) + c);");
                for (int v = 0; v < vectors; v++)
                {
                    w.Line(MultiplyAdd("d", Load("wc", Times(v, "lanes")), "g" + v));
                }
            });
            for (int v = 0; v < vectors; v++)
            {
                w.Line(Store("g" + v, "dxPixel", Plus("c", Times(v, "lanes"))));
            }

            w.Close();
            w.Line();
        }

        w.Comment("Channels left over when their count is not a multiple of the vector width.");
        w.Open("for (; c < inC; c++)");
        w.Line("float g = 0f;");
        CoveringWindows(w, () => w.Line("g += " + Unsafe + ".Add(ref dzRow, f) * " + Unsafe + ".Add(ref wtRow, (f * inC) + c);"));
        w.Line(Unsafe + ".Add(ref dxPixel, c) = g;");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The (ky, kx) kernel positions whose window covers input pixel (iy, ix), then the filters: dzRow is dZ at the
    /// output pixel of that window, wtRow the transposed weights Wt[ky, kx, ·, ·].
    /// </summary>
    private static void CoveringWindows(CodeWriter w, System.Action body)
    {
        w.Comment("ky runs over the kernel rows ≡ iy + padTop (mod stride); the output row y = (iy + padTop − ky) / stride falls as ky grows.");
        w.Open("for (int ky = (iy + padTop) % stride; ky < kernel && ky <= iy + padTop; ky += stride)");
        w.Line("int y = (iy + padTop - ky) / stride;");
        w.Open("if (y >= outH)");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Open("for (int kx = (ix + padLeft) % stride; kx < kernel && kx <= ix + padLeft; kx += stride)");
        w.Line("int xo = (ix + padLeft - kx) / stride;");
        w.Open("if (xo >= outW)");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line("ref float wtRow = ref " + Unsafe + ".Add(ref wt, ((ky * kernel) + kx) * filters * inC);");
        w.Line("ref float dzRow = ref " + Unsafe + ".Add(ref dz, ((y * outW) + xo) * filters);");
        w.Open("for (int f = 0; f < filters; f++)");
        body();
        w.Close();
        w.Close();
        w.Close();
    }

    /// <summary>dW rows r … r + R − 1 (channels c … c + R − 1 of one kernel position) for one sample, <c>R×V</c>.</summary>
    private static void WriteWeightGradient(CodeWriter w, KernelShape shape, bool twin)
    {
        int rows = shape.Rows;
        w.Line("/// <summary>");
        w.Line("/// Conv2D weight gradient, " + (rows == 1 ? "one dW row" : CodeWriter.Int(rows) + " dW rows (channels c … c + " + CodeWriter.Int(rows - 1) + " of one kernel position)") + " × " + CodeWriter.Int(shape.Vectors) + " vectors of filters, one sample:");
        w.Line("/// dwRow[" + (rows == 1 ? string.Empty : "r, ") + "f] += Σ_{y, x} x[y·stride + iy0, x·stride + ix0, c" + (rows == 1 ? string.Empty : " + r") + "] · dZ[y, x, f] over the output rows [yFrom, yTo) and columns");
        w.Line("/// [xFrom, xTo) whose taps lie inside the input, summed over (y, x) in order.");
        w.Line("/// x: one sample of A_prev (inH × inW × inC, channels last); dz: dZ of the sample (outH × outW × filters); dwRow: dW at row");
        w.Line("/// (ky, kx, c) (" + (rows == 1 ? "filters" : CodeWriter.Int(rows) + " rows × filters") + "), added to; iy0 = ky − padTop, ix0 = kx − padLeft;");
        w.Line("/// TShape: the layer's sizes.");
        w.Line("/// </summary>");
        w.Line(Inline);
        OpenKernel(w, twin, WeightGradientName(shape), "ref float x, ref float dz, ref float dwRow, int c, int iy0, int ix0, int yFrom, int yTo, int xFrom, int xTo", Filters512);
        w.Line(Sizes("inW", "inC", "outW", "filters", "stride"));
        w.Line("int lanes = " + VectorOfFloat + ".Count;");
        w.Line("int f = 0;");
        foreach (int vectors in Steps(shape.Vectors))
        {
            w.Open(StepLoop("f", "filters", vectors));
            for (int r = 0; r < rows; r++)
            {
                w.Line(Declare(VectorOfFloat, vectors, v => "g" + r + "_" + v + " = default"));
            }

            OutputPixels(w, () =>
            {
                if (rows > 1)
                {
                    w.Line(Declare(VectorOfFloat, vectors, v => "d" + v + " = " + Load("dzRow", Plus("f", Times(v, "lanes")))));
                }

                // Each tap is broadcast just before its multiply-adds, so one broadcast is live at a time: with all of
                // them loaded first, 24 accumulators + 4 dZ vectors + 6 broadcasts need 34 of AVX-512's 32 registers.
                for (int r = 0; r < rows; r++)
                {
                    w.Line(VectorOfFloat + " x" + r + " = " + Vector + ".Create(" + Tap(r) + ");");
                    w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => MultiplyAdd("x" + r, rows > 1 ? "d" + v : Load("dzRow", Plus("f", Times(v, "lanes"))), "g" + r + "_" + v))));
                }
            });
            for (int r = 0; r < rows; r++)
            {
                for (int v = 0; v < vectors; v++)
                {
                    string offset = Plus(Times(r, "filters"), "f", Times(v, "lanes"));
                    w.Line(Store(Load("dwRow", offset) + " + g" + r + "_" + v, "dwRow", offset));
                }
            }

            w.Close();
            w.Line();
        }

        w.Comment("Filters left over when their count is not a multiple of the vector width.");
        w.Open("for (; f < filters; f++)");
        w.Line(Declare("float", rows, r => "g" + r + " = 0f"));
        OutputPixels(w, () =>
        {
            w.Line("float d = " + Unsafe + ".Add(ref dzRow, f);");
            for (int r = 0; r < rows; r++)
            {
                w.Line("float x" + r + " = " + Tap(r) + ";");
            }

            w.Line(string.Join(" ", Enumerable.Range(0, rows).Select(r => "g" + r + " += x" + r + " * d;")));
        });
        for (int r = 0; r < rows; r++)
        {
            w.Line(Unsafe + ".Add(ref dwRow, " + Plus(Times(r, "filters"), "f") + ") += g" + r + ";");
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The output pixels (y, xo) of the rows and columns given, with xPixel the input at the pixel's first tap (row 0 of
    /// the block) and dzRow = dZ[y, xo, ·]; <see cref="Tap"/> reads the others.
    /// </summary>
    private static void OutputPixels(CodeWriter w, System.Action body)
    {
        w.Open("for (int y = yFrom; y < yTo; y++)");
        w.Line("int iy = (y * stride) + iy0;");
        w.Open("for (int xo = xFrom; xo < xTo; xo++)");
        w.Line("int ix = (xo * stride) + ix0;");
        w.Line("ref float xPixel = ref " + Unsafe + ".Add(ref x, (((iy * inW) + ix) * inC) + c);");
        w.Line("ref float dzRow = ref " + Unsafe + ".Add(ref dz, ((y * outW) + xo) * filters);");
        body();
        w.Close();
        w.Close();
    }

    /// <summary>The input value block row <paramref name="r"/> reads at the current pixel: channel c + r of the first tap's position (the next (kx, c) along a kernel row).</summary>
    private static string Tap(int r) => r == 0 ? "xPixel" : Unsafe + ".Add(ref xPixel, " + CodeWriter.Int(r) + ")";
}

/// <summary>The input-gradient kernels over neighbouring input pixels that every window position covers (stride 1).</summary>
internal static partial class ConvKernelEmitter
{
    /// <summary>"Conv2DInputGradientPixels3x4": 3 neighbouring input pixels × 4 vectors of input channels.</summary>
    public static string InteriorName(KernelShape shape) => "Conv2DInputGradientPixels" + Dimensions(shape);

    /// <summary>
    /// P neighbouring input pixels (iy, ix … ix + P − 1) of a stride-1 layer, each covered by all Kernel × Kernel window
    /// positions, × V vectors of input channels: at kernel position (ky, kx) pixel p reads dZ at output pixel
    /// (iy + padTop − ky, ix + p + padLeft − kx), so the P pixels share every transposed-weight vector loaded.
    /// </summary>
    private static void WriteInterior(CodeWriter w, KernelShape shape, bool twin)
    {
        int pixels = shape.Rows;
        w.Line("/// <summary>");
        w.Line("/// Conv2D input gradient (stride 1) at " + CodeWriter.Int(pixels) + " neighbouring input pixels (iy, ix + p) that every window position covers, × " + CodeWriter.Int(shape.Vectors) + " vectors of input channels:");
        w.Line("/// dxPixel[p, c] = Σ Wt[ky, kx, f, c] · dZ[iy + padTop − ky, ix + p + padLeft − kx, f], summed over (ky, kx, f) in order, as the");
        w.Line("/// one-pixel kernel sums it. Each weight vector loaded serves all " + CodeWriter.Int(pixels) + " pixels: " + CodeWriter.Int(pixels * shape.Vectors) + " independent multiply-add chains (ConvKernelPlanner's block).");
        w.Line("/// dz: dZ of one sample (outH × outW × filters, channels last); wt: W transposed to [ky][kx][f][c] (kernel × kernel × filters × inC);");
        w.Line("/// dxPixel: dA_prev at (iy, ix) (" + CodeWriter.Int(pixels) + " pixels × inC), overwritten; TShape: the layer's sizes.");
        w.Line("/// </summary>");
        w.Line(Inline);
        OpenKernel(w, twin, InteriorName(shape), "ref float dz, ref float wt, ref float dxPixel, int iy, int ix", Channels512);
        w.Line(Sizes("inC", "outW", "filters", "kernel", "padTop", "padLeft"));
        w.Line("int lanes = " + VectorOfFloat + ".Count;");
        w.Line("int c = 0;");
        foreach (int vectors in Steps(shape.Vectors))
        {
            w.Open(StepLoop("c", "inC", vectors));
            for (int p = 0; p < pixels; p++)
            {
                w.Line(Declare(VectorOfFloat, vectors, v => "g" + p + "_" + v + " = default"));
            }

            AllWindows(w, () =>
            {
                w.Line("ref float wc = ref " + Unsafe + ".Add(ref wtRow, (f * inC) + c);");
                w.Line(Declare(VectorOfFloat, vectors, v => "w" + v + " = " + Load("wc", Times(v, "lanes"))));
                for (int p = 0; p < pixels; p++)
                {
                    w.Line(VectorOfFloat + " d" + p + " = " + Vector + ".Create(" + Unsafe + ".Add(ref dzRow, " + Plus(Times(p, "filters"), "f") + "));");
                    w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => MultiplyAdd("d" + p, "w" + v, "g" + p + "_" + v))));
                }
            });
            for (int p = 0; p < pixels; p++)
            {
                w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => Store("g" + p + "_" + v, "dxPixel", Plus(Times(p, "inC"), "c", Times(v, "lanes"))))));
            }

            w.Close();
            w.Line();
        }

        w.Comment("Channels left over when their count is not a multiple of the vector width.");
        w.Open("for (; c < inC; c++)");
        w.Line(Declare("float", pixels, p => "g" + p + " = 0f"));
        AllWindows(w, () =>
        {
            w.Line("float wf = " + Unsafe + ".Add(ref wtRow, (f * inC) + c);");
            for (int p = 0; p < pixels; p++)
            {
                w.Line("g" + p + " += " + Unsafe + ".Add(ref dzRow, " + Plus(Times(p, "filters"), "f") + ") * wf;");
            }
        });
        for (int p = 0; p < pixels; p++)
        {
            w.Line(Unsafe + ".Add(ref dxPixel, " + Plus(Times(p, "inC"), "c") + ") = g" + p + ";");
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>Every (ky, kx), then the filters: dzRow is dZ at the window that tap (ky, kx) of pixel 0 falls in, wtRow Wt[ky, kx, ·, ·].</summary>
    private static void AllWindows(CodeWriter w, System.Action body)
    {
        w.Open("for (int ky = 0; ky < kernel; ky++)");
        w.Open("for (int kx = 0; kx < kernel; kx++)");
        w.Line("ref float wtRow = ref " + Unsafe + ".Add(ref wt, ((ky * kernel) + kx) * filters * inC);");
        w.Line("ref float dzRow = ref " + Unsafe + ".Add(ref dz, (((iy + padTop - ky) * outW) + ix + padLeft - kx) * filters);");
        w.Open("for (int f = 0; f < filters; f++)");
        body();
        w.Close();
        w.Close();
        w.Close();
    }
}

/// <summary>The input-gradient kernels of layers whose windows all lie inside the input: a matrix product, then a scatter.</summary>
internal static partial class ConvKernelEmitter
{
    /// <summary>"Conv2DInputGradientScatter6x4": 6 output pixels × 4 vectors of input channels, one kernel position.</summary>
    public static string ScatterName(KernelShape shape) => "Conv2DInputGradientScatter" + Dimensions(shape);

    /// <summary>
    /// For one kernel position (ky, kx): P output pixels in row-major order × V vectors of input channels of
    /// t[p, c] = Σ_f dZ[pixel + p, f] · Wt[ky, kx, f, c], each added to dA_prev at the input pixel that tap (ky, kx) of
    /// the pixel's window reads. Every window lies inside the input, so every output pixel has all its taps and the
    /// blocks never meet a border.
    /// </summary>
    private static void WriteScatter(CodeWriter w, KernelShape shape, bool twin)
    {
        int pixels = shape.Rows;
        string count = CodeWriter.Int(pixels);
        w.Line("/// <summary>");
        w.Line("/// Conv2D input gradient, one kernel position (ky, kx), " + (pixels == 1 ? "one output pixel" : count + " output pixels in row-major order (pixel, pixel + 1, …, possibly across a row's end)") + " × " + CodeWriter.Int(shape.Vectors) + " vectors of input channels,");
        w.Line("/// for layers whose windows all lie inside the input (Valid padding):");
        w.Line("/// dx[oy·stride + ky, ox·stride + kx, c] += Σ_f dZ[oy, ox, f] · Wt[ky, kx, f, c] for each pixel (oy, ox), the sum over f in order.");
        w.Line("/// The caller runs the kernel positions in order, so each value of dA_prev is the same sum whichever block computes it.");
        if (pixels > 1)
        {
            w.Line("/// Each weight vector loaded serves all " + count + " pixels: " + CodeWriter.Int(pixels * shape.Vectors) + " independent multiply-add chains (ConvKernelPlanner's block).");
        }

        w.Line("/// dz: dZ of one sample (outH × outW × filters, channels last); wt: W transposed to [ky][kx][f][c] (kernel × kernel × filters × inC);");
        w.Line("/// dx: dA_prev of the sample (inH × inW × inC), added to; TShape: the layer's sizes.");
        w.Line("/// </summary>");
        w.Line(Inline);
        OpenKernel(w, twin, ScatterName(shape), "ref float dz, ref float wt, ref float dx, int pixel, int ky, int kx", Channels512);
        w.Line(Sizes("inW", "inC", "outW", "filters", "kernel", "stride"));
        w.Line("int lanes = " + VectorOfFloat + ".Count;");
        w.Line("ref float wtRow = ref " + Unsafe + ".Add(ref wt, ((ky * kernel) + kx) * filters * inC);");
        w.Line("ref float dzRow = ref " + Unsafe + ".Add(ref dz, pixel * filters);");
        w.Comment("The input pixel each output pixel's tap (ky, kx) reads: row oy·stride + ky, column ox·stride + kx.");
        for (int p = 0; p < pixels; p++)
        {
            string index = p == 0 ? "pixel" : "(pixel + " + CodeWriter.Int(p) + ")";
            w.Line("ref float dx" + p + " = ref " + Unsafe + ".Add(ref dx, ((((" + index + " / outW * stride) + ky) * inW) + (" + index + " % outW * stride) + kx) * inC);");
        }

        w.Line("int c = 0;");
        foreach (int vectors in Steps(shape.Vectors))
        {
            w.Open(StepLoop("c", "inC", vectors));
            for (int p = 0; p < pixels; p++)
            {
                w.Line(Declare(VectorOfFloat, vectors, v => "g" + p + "_" + v + " = default"));
            }

            w.Open("for (int f = 0; f < filters; f++)");
            w.Line("ref float wc = ref " + Unsafe + ".Add(ref wtRow, (f * inC) + c);");
            w.Line(Declare(VectorOfFloat, vectors, v => "w" + v + " = " + Load("wc", Times(v, "lanes"))));
            for (int p = 0; p < pixels; p++)
            {
                w.Line(VectorOfFloat + " d" + p + " = " + Vector + ".Create(" + Unsafe + ".Add(ref dzRow, " + Plus(Times(p, "filters"), "f") + "));");
                w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => MultiplyAdd("d" + p, "w" + v, "g" + p + "_" + v))));
            }

            w.Close();
            for (int p = 0; p < pixels; p++)
            {
                w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => Store(Load("dx" + p, Plus("c", Times(v, "lanes"))) + " + g" + p + "_" + v, "dx" + p, Plus("c", Times(v, "lanes"))))));
            }

            w.Close();
            w.Line();
        }

        w.Comment("Channels left over when their count is not a multiple of the vector width.");
        w.Open("for (; c < inC; c++)");
        w.Line(Declare("float", pixels, p => "g" + p + " = 0f"));
        w.Open("for (int f = 0; f < filters; f++)");
        w.Line("float wf = " + Unsafe + ".Add(ref wtRow, (f * inC) + c);");
        for (int p = 0; p < pixels; p++)
        {
            w.Line("g" + p + " += " + Unsafe + ".Add(ref dzRow, " + Plus(Times(p, "filters"), "f") + ") * wf;");
        }

        w.Close();
        for (int p = 0; p < pixels; p++)
        {
            w.Line(Unsafe + ".Add(ref dx" + p + ", c) += g" + p + ";");
        }

        w.Close();
        w.Close();
        w.Line();
    }
}
