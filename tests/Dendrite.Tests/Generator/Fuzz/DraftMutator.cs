namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>
/// Turns a valid draft into an invalid one by one mutation, each a mistake the generator must answer with a DN
/// diagnostic on the declaration (never an exception, never a compile error inside generated code).
/// </summary>
internal static class DraftMutator
{
    /// <summary>Every mutation <see cref="Mutate"/> knows; each applies to any valid draft (adding a layer if needed).</summary>
    public static readonly string[] Mutations =
    [
        "non-positive size", "undefined enum value", "window larger than its input", "Dense after an image layer without Flatten",
        "image layer after a flat one", "output layer not Dense", "softmax on a hidden layer", "loss does not fit the output",
        "layer before Input", "missing Input", "no layers", "not partial", "huge size", "empty Weights",
        "dropout rate out of range", "Dropout as the output layer",
    ];

    public static NetworkDraft Mutate(NetworkDraft valid, string mutation, Random random)
    {
        NetworkDraft draft = valid.Clone();
        string detail = mutation switch
        {
            "non-positive size" => NonPositiveSize(draft, random),
            "undefined enum value" => UndefinedEnum(draft, random),
            "window larger than its input" => WindowTooLarge(draft, random),
            "Dense after an image layer without Flatten" => DenseAfterImageLayer(draft, random),
            "image layer after a flat one" => ImageLayerAfterFlat(draft, random),
            "output layer not Dense" => OutputNotDense(draft, random),
            "softmax on a hidden layer" => SoftmaxHidden(draft, random),
            "loss does not fit the output" => WrongLoss(draft, random),
            "layer before Input" => LayerBeforeInput(draft, random),
            "missing Input" => Remove(draft, draft.IndexOf("Input"), "[Input] removed"),
            "no layers" => NoLayers(draft),
            "not partial" => WithoutPartial(draft),
            "huge size" => HugeSize(draft, random),
            "empty Weights" => EmptyWeights(draft),
            "dropout rate out of range" => DropoutRate(draft, random),
            "Dropout as the output layer" => DropoutLast(draft, random),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "unknown mutation"),
        };
        draft.Mutation = mutation + ": " + detail;
        return draft;
    }

    private static string NonPositiveSize(NetworkDraft draft, Random random)
    {
        string value = Pick(random, "0", "-1", "-7", "int.MinValue", "-0");
        var sites = new List<(AttributeDraft Attribute, string Argument)>();
        foreach (AttributeDraft attribute in draft.Attributes)
        {
            string[] arguments = attribute.Kind switch
            {
                "Input" => attribute.Arguments.Select(a => a.Name).ToArray(),
                "Dense" => ["units"],
                "Conv2D" => ["filters", "kernel", "Stride"],
                "MaxPool2D" or "AveragePooling2D" => value == "0" || value == "-0" ? ["poolSize"] : ["poolSize", "Stride"], // a pool stride of 0 means "the pool size"
                _ => [],
            };
            sites.AddRange(arguments.Select(a => (attribute, a)));
        }

        (AttributeDraft target, string argument) = sites[random.Next(sites.Count)];
        target.Replace(argument, value);
        return target.Kind + " " + argument + " = " + value;
    }

    private static string UndefinedEnum(NetworkDraft draft, Random random)
    {
        switch (random.Next(3))
        {
            case 0:
            {
                string value = Pick(random, "(Loss)4", "(Loss)(-1)", "(Loss)42", "(global::Dendrite.Loss)int.MaxValue");
                draft.Attributes[draft.IndexOf("Network")].Replace("Loss", value);
                return "Loss = " + value;
            }

            case 1:
            {
                List<AttributeDraft> layers = draft.Attributes.Where(a => a.Kind is "Dense" or "Conv2D").ToList();
                AttributeDraft layer = layers[random.Next(layers.Count)];
                string value = Pick(random, "(Activation)11", "(Activation)(-1)", "(Activation)99", "(Activation)int.MinValue");
                if (layer.Value("activation") is null)
                {
                    layer.With("activation", value);
                }
                else
                {
                    layer.Replace("activation", value);
                }

                return layer.Kind + " activation " + value;
            }

            default:
            {
                List<AttributeDraft> windows = draft.Attributes.Where(a => a.Kind is "Conv2D" or "MaxPool2D" or "AveragePooling2D").ToList();
                AttributeDraft window = windows.Count > 0 ? windows[random.Next(windows.Count)] : InsertFirstLayer(draft, Pool(1, random));
                string value = Pick(random, "(Padding)2", "(Padding)(-1)");
                window.Replace("Padding", value);
                return window.Kind + " Padding = " + value;
            }
        }
    }

    private static string WindowTooLarge(NetworkDraft draft, Random random)
    {
        (int height, int width, _, bool image) = draft.Input;
        if (!image)
        {
            // A flat input has no window to overhang: make it a small image first (Dense after it stays valid).
            height = 2;
            width = 3;
            draft.Attributes[draft.IndexOf("Input")] = new AttributeDraft("Input", 0).With("height", "2").With("width", "3").With("channels", "1");
        }

        int window = Math.Min(height, width) + 1 + random.Next(3);
        AttributeDraft layer = random.Next(2) == 0 ? Pool(window, random) : new AttributeDraft("Conv2D", 0).With("filters", "2").With("kernel", window.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (random.Next(2) == 0)
        {
            layer.Set("Padding", "Padding.Valid");
        }

        InsertFirstLayer(draft, layer);
        draft.Attributes.Insert(draft.IndexOf("Input") + 2, new AttributeDraft("Flatten", 0));
        return layer.Render() + " on a " + height + "×" + width + " input";
    }

    private static string DenseAfterImageLayer(NetworkDraft draft, Random random)
    {
        if (!draft.Input.IsImage)
        {
            draft.Attributes[draft.IndexOf("Input")] = new AttributeDraft("Input", 0).With("height", "3").With("width", "3").With("channels", "2");
        }

        // Every Flatten goes; an image layer (a 1×1 convolution fits any input) goes right before the first Dense.
        draft.Attributes.RemoveAll(a => a.Kind == "Flatten");
        int firstDense = draft.IndexOf("Dense");
        AttributeDraft layer = random.Next(2) == 0 ? new AttributeDraft("Conv2D", 0).With("filters", "2").With("kernel", "1") : Pool(1, random);
        draft.Attributes.Insert(firstDense, layer);
        return layer.Render() + " then Dense, no Flatten";
    }

    private static string ImageLayerAfterFlat(NetworkDraft draft, Random random)
    {
        // Right before the output: what comes before it is a flat vector (Dense or Flatten) or, at most, the input.
        int output = draft.Attributes.Count - 1;
        draft.Attributes.Insert(output, new AttributeDraft("Dense", 0).With("units", "4"));
        AttributeDraft layer = random.Next(3) switch
        {
            0 => Pool(1, random),
            1 => new AttributeDraft("GlobalAveragePooling2D", 0),
            _ => new AttributeDraft("Conv2D", 0).With("filters", "1").With("kernel", "1"),
        };
        draft.Attributes.Insert(output + 1, layer);
        return "Dense(4) then " + layer.Render();
    }

    private static string OutputNotDense(NetworkDraft draft, Random random)
    {
        if (random.Next(2) == 0 || !draft.Input.IsImage)
        {
            draft.Attributes.Add(new AttributeDraft("Flatten", 0));
            return "Flatten last";
        }

        // An image network whose last layer is a convolution.
        draft.Attributes.RemoveAll(a => a.Kind is "Dense" or "Flatten");
        draft.Attributes.Add(new AttributeDraft("Conv2D", 0).With("filters", "1").With("kernel", "1"));
        return "Conv2D last";
    }

    private static string SoftmaxHidden(NetworkDraft draft, Random random)
    {
        string softmax = ValidNetworkWriter.ActivationValue(random, "Softmax");
        List<AttributeDraft> hidden = draft.Attributes.Take(draft.Attributes.Count - 1).Where(a => a.Kind is "Dense" or "Conv2D").ToList();
        if (hidden.Count > 0 && random.Next(2) == 0)
        {
            AttributeDraft layer = hidden[random.Next(hidden.Count)];
            layer.Properties.RemoveAll(p => p.Name == "Slope"); // LeakyReLU's slope on softmax would add DN0051
            if (layer.Value("activation") is null)
            {
                layer.With("activation", softmax);
            }
            else
            {
                layer.Replace("activation", softmax);
            }

            return "hidden " + layer.Render();
        }

        draft.Attributes.Insert(draft.Attributes.Count - 1, new AttributeDraft("Dense", 0).With("units", "3").With("activation", softmax));
        return "Dense(3, Softmax) before the output";
    }

    private static string WrongLoss(NetworkDraft draft, Random random)
    {
        AttributeDraft network = draft.Attributes[draft.IndexOf("Network")];
        network.Properties.Clear();
        AttributeDraft output = draft.Attributes[^1];
        (string loss, string fromLogits, string activation, string units) = random.Next(7) switch
        {
            0 => ("BinaryCrossentropy", "false", "Linear", "1"), // DN0007 linear output without logits
            1 => ("BinaryCrossentropy", "true", "Sigmoid", "1"), // DN0006 sigmoid applied twice
            2 => ("SparseCategoricalCrossentropy", "false", Pick(random, "Tanh", "ReLU", "Sigmoid", "GELU", "SiLU", "Softplus"), "3"), // DN0008
            3 => ("CategoricalCrossentropy", "true", "Softmax", "3"), // DN0006
            4 => ("CategoricalCrossentropy", "false", "Softmax", "1"), // DN0008 one class
            5 => ("BinaryCrossentropy", "false", Pick(random, "Softmax", "ReLU", "Tanh"), "2"), // DN0008
            _ => ("MeanSquaredError", "true", "Linear", "2"), // DN0012 FromLogits with mean squared error
        };
        network.Set("Loss", "Loss." + loss).Set("FromLogits", fromLogits);
        draft.Attributes[^1] = new AttributeDraft("Dense", output.Style).With("units", units).With("activation", "Activation." + activation);
        return "Loss." + loss + ", FromLogits = " + fromLogits + " with Dense(" + units + ", " + activation + ")";
    }

    private static string LayerBeforeInput(NetworkDraft draft, Random random)
    {
        int input = draft.IndexOf("Input");
        AttributeDraft attribute = draft.Attributes[input];
        draft.Attributes.RemoveAt(input);
        int layers = draft.LayerIndices().Count();
        int after = 1 + random.Next(layers); // after the first layer at least
        int position = draft.LayerIndices().ElementAt(after - 1) + 1;
        draft.Attributes.Insert(position, attribute);
        return "[Input] after " + after + " layer(s)";
    }

    private static string NoLayers(NetworkDraft draft)
    {
        draft.Attributes.RemoveAll(a => a.Kind is not ("Network" or "Input"));
        return "only [Network] and [Input]";
    }

    private static string HugeSize(NetworkDraft draft, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                draft.Attributes[draft.IndexOf("Input")] = new AttributeDraft("Input", 0).With("size", "int.MaxValue");
                return "Input(int.MaxValue)";
            case 1:
                draft.Attributes[draft.IndexOf("Input")] = new AttributeDraft("Input", 0).With("height", "46341").With("width", "46341").With("channels", "1");
                return "Input(46341, 46341, 1): 2,147,488,281 values";
            case 2:
                draft.Attributes.Insert(draft.Attributes.Count - 1, new AttributeDraft("Dense", 0).With("units", "1 << 25").With("activation", "Activation.ReLU"));
                return "hidden Dense(1 << 25)";
            case 3:
                draft.Attributes[^1].Replace("units", "int.MaxValue");
                return "output Dense(int.MaxValue)";
            case 4:
                draft.Attributes[^1].Replace("units", "1 << 30");
                return "output Dense(1 << 30)";
            default:
                if (!draft.Input.IsImage)
                {
                    draft.Attributes[draft.IndexOf("Input")] = new AttributeDraft("Input", 0).With("height", "4").With("width", "4").With("channels", "1");
                }

                AttributeDraft conv = InsertFirstLayer(draft, new AttributeDraft("Conv2D", 0).With("filters", "int.MaxValue").With("kernel", "1"));
                draft.Attributes.Insert(draft.Attributes.IndexOf(conv) + 1, new AttributeDraft("Flatten", 0));
                return "Conv2D(int.MaxValue, 1)";
        }
    }

    private static string WithoutPartial(NetworkDraft draft)
    {
        draft.WithoutPartial = true;
        return "the class declared without 'partial'";
    }

    private static string EmptyWeights(NetworkDraft draft)
    {
        draft.Attributes[draft.IndexOf("Network")].Set("Weights", "\"\"");
        return "Weights = \"\"";
    }

    private static string DropoutRate(NetworkDraft draft, Random random)
    {
        string rate = Pick(random, "1", "1.0", "-0.1", "2.5f", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "-double.Epsilon");
        List<AttributeDraft> dropouts = draft.Attributes.Where(a => a.Kind == "Dropout").ToList();
        if (dropouts.Count > 0 && random.Next(2) == 0)
        {
            AttributeDraft dropout = dropouts[random.Next(dropouts.Count)];
            dropout.Replace("rate", rate);
            return "Dropout(" + rate + ")";
        }

        draft.Attributes.Insert(draft.Attributes.Count - 1, new AttributeDraft("Dropout", 0).With("rate", rate));
        return "Dropout(" + rate + ") before the output";
    }

    private static string DropoutLast(NetworkDraft draft, Random random)
    {
        draft.Attributes.Add(new AttributeDraft("Dropout", 0).With("rate", Pick(random, "0.5", "0")));
        return "Dropout after the output layer";
    }

    private static string Remove(NetworkDraft draft, int index, string detail)
    {
        draft.Attributes.RemoveAt(index);
        return detail;
    }

    private static AttributeDraft InsertFirstLayer(NetworkDraft draft, AttributeDraft layer)
    {
        draft.Attributes.Insert(draft.IndexOf("Input") + 1, layer);
        return layer;
    }

    private static AttributeDraft Pool(int size, Random random) =>
        new AttributeDraft(random.Next(2) == 0 ? "MaxPool2D" : "AveragePooling2D", 0).With("poolSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
