using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>Sizes, the flat parameter layout, the architecture description, construction and initialisation.</summary>
internal static class LayoutEmitter
{
    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        string name = CodeWriter.Identifier(plan.Spec.ClassName);
        w.Line("// ───────────────────────────── Sizes and layout ─────────────────────────────");
        w.Line();
        w.Summary("Values per input sample: " + CodeWriter.Grouped(plan.InputSize) + ".");
        w.Line("public const int InputSize = " + CodeWriter.Int(plan.InputSize) + ";");
        w.Summary("Values per output sample: " + CodeWriter.Grouped(plan.OutputSize) + ".");
        w.Line("public const int OutputSize = " + CodeWriter.Int(plan.OutputSize) + ";");
        w.Summary("Trainable parameters (every layer's weights and biases): " + CodeWriter.Grouped(plan.ParameterCount) + ".");
        w.Line("public const int ParameterCount = " + CodeWriter.Int(plan.ParameterCount) + ";");
        if (plan.HasBatchNormalization)
        {
            w.Summary("Non-trainable values (the moving mean and variance of every BatchNormalization layer): " + CodeWriter.Grouped(plan.NonTrainableCount) + ".");
            w.Line("public const int NonTrainableParameterCount = " + CodeWriter.Int(plan.NonTrainableCount) + ";");
        }

        w.Line();
        w.Comment("Parameter layout: one flat buffer; each layer's weights W (units × inputs, row-major, so row j holds");
        w.Comment("the weights into unit j) followed by its biases b.");
        foreach (LayerPlan layer in plan.Layers)
        {
            w.Line("private const int " + layer.Name + "Weights = " + CodeWriter.Int(layer.WeightOffset) + ";"
                + " // W[" + layer.Index + "]: " + WeightShape(layer));
            w.Line("private const int " + layer.Name + "Biases = " + CodeWriter.Int(layer.BiasOffset) + ";"
                + " // b[" + layer.Index + "]: " + CodeWriter.Int(layer.BiasCount));
        }

        if (plan.HasBatchNormalization)
        {
            w.Comment("After the parameters, in the same array but outside Parameters (so no optimizer sees them): the moving");
            w.Comment("statistics, then the scratch a training step keeps for each BatchNormalization layer's backward pass.");
            foreach (LayerPlan layer in plan.Layers)
            {
                if (layer is BatchNormalizationLayerPlan norm)
                {
                    BatchNormalizationEmitter.WriteLayout(w, norm);
                }
            }
        }

        w.Line();
        w.Comment("Training workspace for one sample: each layer's activations A and the gradient ∂cost/∂A (turned into");
        w.Comment("∂cost/∂Z in place by the layer's backward), then the output logits Z. Reused for every sample.");
        foreach (LayerPlan layer in plan.Layers)
        {
            w.Line("private const int " + layer.Name + "Activations = " + CodeWriter.Int(layer.ActivationOffset) + ";");
            w.Line("private const int " + layer.Name + "Gradient = " + CodeWriter.Int(layer.GradientOffset) + ";");
            if (layer is BatchNormalizationLayerPlan norm)
            {
                w.Line("private const int " + layer.Name + "Normalized = " + CodeWriter.Int(norm.NormalizedOffset) + "; // x̂, for the backward pass");
                if (norm.HasPartialSums)
                {
                    w.Line("private const int " + layer.Name + "PartialSums = " + CodeWriter.Int(norm.PartialSumsOffset) + "; // the sample's sums over its pixels per channel, 2 × " + CodeWriter.Int(norm.Channels) + ": Σ x and Σ (x − μ_B)², then Σ dZ and Σ dZ·x̂");
                }
            }

            if (layer.PreActivationOffset >= 0)
            {
                w.Line("private const int " + layer.Name + "PreActivations = " + CodeWriter.Int(layer.PreActivationOffset) + "; // Z[" + layer.Index + "], kept because " + layer.Activation + "' is computed from Z");
            }
        }

        w.Line("private const int OutputLogits = " + CodeWriter.Int(plan.LogitsOffset) + ";");
        w.Line("private const int WorkspaceSize = " + CodeWriter.Int(plan.WorkspacePerSample) + ";");
        w.Line();
        w.Comment("θ, the training workspace and the inference scratch start on a 64-byte boundary (AlignedBuffer): a row that starts");
        w.Comment("a multiple of 16 values in is read by vector loads that never straddle two cache lines.");
        w.Line(plan.HasBatchNormalization
            ? "private readonly " + Names.AlignedBuffer + " _parameters = new " + Names.AlignedBuffer + "(ParameterCount + NonTrainableParameterCount + " + CodeWriter.Int(plan.BatchStatisticsSize) + ");"
            : "private readonly " + Names.AlignedBuffer + " _parameters = new " + Names.AlignedBuffer + "(ParameterCount);");
        w.Line("private " + Names.AlignedBuffer + "? _trainingWorkspace;");
        w.Line();
        // A network with no hidden layer needs no scratch; an unused field would be warning CS0169 in the user's build.
        if (plan.HiddenValues > 0)
        {
            w.Comment("Inference scratch for the hidden activations, one per thread: Predict is allocation-free and thread-safe.");
            w.Line("[global::System.ThreadStatic]");
            w.Line("private static " + Names.AlignedBuffer + "? t_inferenceScratch;");
            w.Line();
        }

        WriteArchitecture(w, plan);
        LayoutEmitter.WriteInterfaceSizes(w, name);
        WriteConstructor(w, plan);
        w.Summary("All " + CodeWriter.Grouped(plan.ParameterCount) + " parameters θ in one flat buffer, laid out as above. Read or write it to inspect, copy or set the weights.");
        if (!plan.HasBatchNormalization)
        {
            w.Line("public global::System.Span<float> Parameters => _parameters;");
            w.Line();
            return;
        }

        w.Line("public global::System.Span<float> Parameters => _parameters.Span.Slice(0, ParameterCount);");
        w.Line();
        w.Summary("The " + CodeWriter.Grouped(plan.NonTrainableCount) + " moving statistics (per BatchNormalization layer: means, then variances). Saved with the weights; no optimizer updates them.");
        w.Line("public global::System.Span<float> NonTrainableParameters => _parameters.Span.Slice(ParameterCount, NonTrainableParameterCount);");
        w.Line();
        w.Line("static int global::Dendrite.INetwork<" + name + ">.NonTrainableParameterCount => NonTrainableParameterCount;");
        w.Line();
    }

    /// <summary>"10 × 25" for Dense (units × inputs); "3 × 3 × 1 × 32, [kh][kw][c_in][filters]" for Conv2D; none for the others.</summary>
    private static string WeightShape(LayerPlan layer) => layer switch
    {
        DenseLayerPlan => CodeWriter.Int(layer.OutputSize) + " × " + CodeWriter.Int(layer.InputSize),
        Conv2DLayerPlan conv => CodeWriter.Int(conv.Window.Size) + " × " + CodeWriter.Int(conv.Window.Size) + " × " + CodeWriter.Int(conv.Input.Channels)
            + " × " + CodeWriter.Int(conv.Filters) + ", [kh][kw][c_in][filters]",
        BatchNormalizationLayerPlan => "γ, " + CodeWriter.Int(layer.WeightCount) + " (the biases are β)",
        _ => "none (" + layer.Type + " has no parameters)",
    };

    /// <summary>A TensorShape expression: the image shape for image layers, a vector otherwise.</summary>
    private static string ShapeExpression(Shape shape) => !shape.IsSpatial
        ? "global::Dendrite.TensorShape.Vector(" + CodeWriter.Int(shape.Size) + ")"
        : "new global::Dendrite.TensorShape(" + CodeWriter.Int(shape.Height) + ", " + CodeWriter.Int(shape.Width) + ", " + CodeWriter.Int(shape.Channels) + ")";

    private static void WriteArchitecture(CodeWriter w, NetworkPlan plan)
    {
        NetworkSpec spec = plan.Spec;
        w.Summary("The declared architecture: input shape, layers with their parameter offsets, loss.");
        w.Line("public static global::Dendrite.NetworkArchitecture Architecture { get; } = new(");
        w.Line("    \"" + CodeWriter.Escape(spec.ClassName) + "\", new global::Dendrite.TensorShape(" + CodeWriter.Int(spec.Input.Height) + ", " + CodeWriter.Int(spec.Input.Width) + ", " + CodeWriter.Int(spec.Input.Channels) + "),");
        w.Line("    global::Dendrite.Loss." + spec.Loss + ", fromLogits: " + (spec.FromLogits ? "true" : "false") + ",");
        w.Line("    new global::Dendrite.LayerInfo[]");
        w.Line("    {");
        foreach (LayerPlan layer in plan.Layers)
        {
            Window? shape = layer switch
            {
                Conv2DLayerPlan conv => conv.Window,
                MaxPool2DLayerPlan pool => pool.Window,
                AveragePooling2DLayerPlan average => average.Window,
                _ => null,
            };
            string window = shape is null
                ? string.Empty
                : ", KernelSize: " + CodeWriter.Int(shape.Size) + ", Stride: " + CodeWriter.Int(shape.Stride) + ", Padding: global::Dendrite.Padding." + shape.Padding;
            if (layer is DropoutLayerPlan dropout)
            {
                window = ", Rate: " + dropout.Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (layer is BatchNormalizationLayerPlan norm)
            {
                window = ", NonTrainableParameterCount: " + CodeWriter.Int(norm.NonTrainableCount);
            }

            w.Line("        new(global::Dendrite.LayerKind." + layer.Type + ", " + Names.Activation(layer.Activation)
                + ", " + ShapeExpression(layer.Input) + ", " + ShapeExpression(layer.Output) + ", "
                + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + ", " + layer.Name + "Biases, " + CodeWriter.Int(layer.BiasCount) + window
                + (layer.Activation == ActivationKind.LeakyReLU ? ", Slope: " + CodeWriter.Float(layer.Slope) : string.Empty) + "),");
        }

        w.Line("    });");
        w.Line();
    }

    private static void WriteConstructor(CodeWriter w, NetworkPlan plan)
    {
        string name = CodeWriter.Identifier(plan.Spec.ClassName);
        w.Summary("A network with fresh weights (He uniform before a ReLU" + (plan.Layers.Any(l => l.UsesHeInitialization && l.Activation != ActivationKind.ReLU) ? " or another rectifier-like activation" : string.Empty) + ", else Glorot uniform; biases 0); the same seed, the same weights.");
        w.Line("/// <param name=\"seed\">Seed of the weight initialisation.</param>");
        w.Open("public " + name + "(int seed = 0)");
        w.Line("global::Dendrite.DeterministicRandom random = new(seed);");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.WeightCount == 0)
            {
                continue; // Pooling and Flatten have no parameters.
            }

            string weights = "_parameters.Span.Slice(" + layer.Name + "Weights, " + CodeWriter.Int(layer.WeightCount) + ")";
            if (layer is BatchNormalizationLayerPlan)
            {
                w.Line(weights + ".Fill(1f); // γ[" + layer.Index + "] starts at 1 (and β at 0): the layer starts as pure normalisation");
                w.Line("_parameters.Span.Slice(" + layer.Name + "MovingVariance, " + CodeWriter.Int(layer.WeightCount) + ").Fill(1f); // moving σ² starts at 1, moving μ at 0, as in Keras");
                continue;
            }

            if (layer.UsesHeInitialization)
            {
                w.Line("global::Dendrite.Initializers.HeUniform(" + weights + ", fanIn: " + CodeWriter.Int(layer.FanIn) + ", random); // W[" + layer.Index + "] feeds " + (layer.Activation == ActivationKind.ELU ? "an " : "a ") + layer.Activation);
            }
            else
            {
                w.Line("global::Dendrite.Initializers.GlorotUniform(" + weights + ", fanIn: " + CodeWriter.Int(layer.FanIn) + ", fanOut: " + CodeWriter.Int(layer.FanOut) + ", random); // W[" + layer.Index + "]");
            }
        }

        w.Comment("Biases b start at zero, as the buffer does.");
        DropoutStreamEmitter.WriteSeed(w, plan);
        w.Close();
        w.Line();
    }

    /// <summary>
    /// INetwork's static size members, implemented explicitly over the public constants: written the same way for a
    /// network and for the stand-in surface of a declaration with errors (SurfaceStubEmitter).
    /// </summary>
    public static void WriteInterfaceSizes(CodeWriter w, string name)
    {
        w.Comment("INetwork's sizes, for generic code (NetworkTrainer, WeightsFile): the constants above.");
        w.Line("static int global::Dendrite.INetwork<" + name + ">.InputSize => InputSize;");
        w.Line("static int global::Dendrite.INetwork<" + name + ">.OutputSize => OutputSize;");
        w.Line("static int global::Dendrite.INetwork<" + name + ">.ParameterCount => ParameterCount;");
        w.Line();
    }
}
