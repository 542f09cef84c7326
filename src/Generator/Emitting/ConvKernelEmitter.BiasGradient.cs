namespace Dendrite.Generator.Emitting;

/// <summary>The Conv2D bias-gradient kernel: db += Σ_{y, x} dZ[y, x, ·] for one sample.</summary>
internal static partial class ConvKernelEmitter
{
    /// <summary>"Conv2DBiasGradient": the kernel the layers' weight-gradient phase calls for db.</summary>
    public const string BiasGradientName = "Conv2DBiasGradient";

    /// <summary>
    /// db[f] += dZ[y, x, f] for every output pixel of one sample, in pixel order, with 4 vectors of db held in registers
    /// through the pixels (then one vector, then single values): the additions that adding each pixel's row into db in
    /// memory makes, in the same order, without each waiting on the previous pixel's store. Portable vectors only: the
    /// pass is a few adds per dZ value loaded.
    /// </summary>
    private static void WriteBiasGradient(CodeWriter w)
    {
        w.Line("/// <summary>");
        w.Line("/// Conv2D bias gradient, one sample: db[f] += Σ_{y, x} dZ[y, x, f], pixel by pixel in order, with 4 vectors of db held in");
        w.Line("/// registers through the sample's pixels rather than added into memory at each one: the same additions in the same order");
        w.Line("/// (ConvBiasGradientTests). dz: dZ of the sample (outH × outW × filters); dBiases: db (filters), added to. TShape: the layer's sizes.");
        w.Line("/// </summary>");
        w.Line(Inline);
        w.Line("internal static void " + BiasGradientName + "<TShape>(ref float dz, ref float dBiases)");
        w.Line("    where TShape : struct, " + w.Kernel(ShapeInterface));
        w.Open();
        w.Line("int filters = TShape.Filters, pixels = TShape.OutH * TShape.OutW;");
        w.Line("int lanes = " + VectorOfFloat + ".Count;");
        w.Line("int f = 0;");
        w.Open("for (; f + (4 * lanes) <= filters; f += 4 * lanes)");
        w.Line(VectorOfFloat + " b0 = " + Load("dBiases", "f") + ", b1 = " + Load("dBiases", "f + lanes") + ", b2 = " + Load("dBiases", Plus("f", Times(2, "lanes"))) + ", b3 = " + Load("dBiases", Plus("f", Times(3, "lanes"))) + ";");
        w.Open("for (int o = 0; o < pixels; o++)");
        w.Line("ref float dzRow = ref " + Unsafe + ".Add(ref dz, (o * filters) + f);");
        w.Line("b0 += " + Load("dzRow", "0") + "; b1 += " + Load("dzRow", "lanes") + "; b2 += " + Load("dzRow", Times(2, "lanes")) + "; b3 += " + Load("dzRow", Times(3, "lanes")) + ";");
        w.Close();
        w.Line(Store("b0", "dBiases", "f") + " " + Store("b1", "dBiases", "f + lanes") + " " + Store("b2", "dBiases", Plus("f", Times(2, "lanes"))) + " " + Store("b3", "dBiases", Plus("f", Times(3, "lanes"))));
        w.Close();
        w.Line();
        w.Open("for (; f + lanes <= filters; f += lanes)");
        w.Line(VectorOfFloat + " b = " + Load("dBiases", "f") + ";");
        w.Open("for (int o = 0; o < pixels; o++)");
        w.Line("b += " + Load("dz", "(o * filters) + f") + ";");
        w.Close();
        w.Line(Store("b", "dBiases", "f"));
        w.Close();
        w.Line();
        w.Open("for (; f < filters; f++)");
        w.Line("float b = " + Unsafe + ".Add(ref dBiases, f);");
        w.Open("for (int o = 0; o < pixels; o++)");
        w.Line("b += " + Unsafe + ".Add(ref dz, (o * filters) + f);");
        w.Close();
        w.Line(Unsafe + ".Add(ref dBiases, f) = b;");
        w.Close();
        w.Close();
        w.Line();
    }
}
