using System.Globalization;
using System.Text;

namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>
/// Draws random networks the generator must accept: it follows the generator's rules (ShapeValidator,
/// NetworkValidator and WindowRules in src/Generator) and tracks the sample's shape layer by layer, so every draw is
/// valid by construction and any diagnostic or compile error on it is a generator bug. Sizes stay small: the point is
/// coverage of the layer kinds and their combinations, and small networks compile quickly.
/// </summary>
internal static class ValidNetworkWriter
{
    /// <summary>Every activation, at the index of its numeric value (so "(Activation)n" spells it).</summary>
    private static readonly string[] Activations = ["Linear", "ReLU", "Sigmoid", "Softmax", "Tanh", "LeakyReLU", "ELU", "GELU", "GELUTanh", "SiLU", "Softplus"];
    private static readonly string[] HiddenActivations = ["Linear", "ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU", "GELU", "GELUTanh", "SiLU", "Softplus"];

    /// <summary>The activations BatchNormalization takes: those whose derivative reads A (the others are DN0067).</summary>
    private static readonly string[] NormalizationActivations = ["Linear", "ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU"];

    /// <summary>
    /// Every loss with every FromLogits setting the validator accepts, and the output activations that go with it
    /// (mean squared error takes any output activation but not FromLogits = true).
    /// </summary>
    private static readonly (string Loss, bool FromLogits, string[] Outputs, int MinUnits)[] LossPairs =
    [
        ("MeanSquaredError", false, Activations, 1),
        ("BinaryCrossentropy", false, ["Sigmoid"], 1),
        ("BinaryCrossentropy", true, ["Linear"], 1),
        ("SparseCategoricalCrossentropy", false, ["Softmax"], 2),
        ("SparseCategoricalCrossentropy", true, ["Linear"], 2),
        ("CategoricalCrossentropy", false, ["Softmax"], 2),
        ("CategoricalCrossentropy", true, ["Linear"], 2),
    ];

    public static NetworkDraft Write(Random random)
    {
        var draft = new NetworkDraft { OneAttributeList = random.Next(6) == 0, BraceBody = random.Next(4) == 0 };
        var summary = new StringBuilder();
        (string loss, bool fromLogits, string[] outputs, int minUnits) = LossPairs[random.Next(LossPairs.Length)];
        draft.Attributes.Add(NetworkAttribute(random, loss, fromLogits));

        int height = 1, width = 1, channels;
        bool spatial = random.Next(2) == 0;
        var input = new AttributeDraft("Input", Style(random));
        if (spatial)
        {
            height = 1 + random.Next(8);
            width = 1 + random.Next(8);
            channels = 1 + random.Next(3);
            input.With("height", Number(height)).With("width", Number(width)).With("channels", Number(channels));
            summary.Append("image ").Append(height).Append('×').Append(width).Append('×').Append(channels);
        }
        else
        {
            channels = 1 + random.Next(10);
            input.With("size", Number(channels));
            summary.Append("flat ").Append(channels);
        }

        draft.Input = (height, width, channels, spatial);
        draft.Attributes.Add(input);
        MaybeDropout(random, draft, summary); // on the input: allowed, as in Keras

        // Image layers while the input is an image; a layer after one of them needs [Flatten] before any Dense.
        bool afterImageLayer = false;
        if (spatial)
        {
            int imageLayers = random.Next(4);
            for (int i = 0; i < imageLayers; i++)
            {
                AttributeDraft layer = random.Next(3) == 0 ? Pool(random, ref height, ref width) : Conv(random, ref height, ref width, ref channels);
                draft.Attributes.Add(layer);
                summary.Append(" → ").Append(layer.Render()).Append(" = ").Append(height).Append('×').Append(width).Append('×').Append(channels);
                afterImageLayer = true;
                MaybeNormalize(random, draft, layer, summary);
                MaybeDropout(random, draft, summary);
            }

            // GlobalAveragePooling2D ends the image part with a vector of channels: Dense may follow it directly.
            if (random.Next(4) == 0)
            {
                draft.Attributes.Add(new AttributeDraft("GlobalAveragePooling2D", Style(random)));
                summary.Append(" → GlobalAveragePooling2D = ").Append(channels);
                afterImageLayer = false;
            }
        }

        // A Dense straight after an image input reads its pixels in order (an implicit flatten); after an image
        // layer the Flatten is required. A Flatten of a flat vector is allowed and changes nothing.
        if (afterImageLayer || random.Next(5) == 0)
        {
            draft.Attributes.Add(Flatten(random));
            summary.Append(" → Flatten");
            MaybeDropout(random, draft, summary);
        }

        int hidden = random.Next(3);
        for (int i = 0; i < hidden; i++)
        {
            AttributeDraft dense = Dense(random, 1 + random.Next(6), HiddenActivations[random.Next(HiddenActivations.Length)]);
            draft.Attributes.Add(dense);
            summary.Append(" → ").Append(dense.Render());
            MaybeNormalize(random, draft, dense, summary);
            MaybeDropout(random, draft, summary);
            if (random.Next(10) == 0)
            {
                MaybeDropout(random, draft, summary, always: true); // two in a row: allowed, as in Keras
            }

            if (random.Next(8) == 0)
            {
                draft.Attributes.Add(Flatten(random));
                summary.Append(" → Flatten");
            }
        }

        AttributeDraft output = Dense(random, minUnits + random.Next(4), outputs[random.Next(outputs.Length)]);
        draft.Attributes.Add(output);
        summary.Append(" → ").Append(output.Render()).Append(" | Loss.").Append(loss).Append(fromLogits ? ", FromLogits" : string.Empty);
        draft.Summary = summary.ToString();
        return draft;
    }

    private static AttributeDraft NetworkAttribute(Random random, string loss, bool fromLogits)
    {
        var network = new AttributeDraft("Network", Style(random));
        if (loss != "MeanSquaredError" || random.Next(2) == 0)
        {
            network.Set("Loss", Enum(random, "Loss", loss, Array.IndexOf(LossNames, loss)));
        }

        if (fromLogits || random.Next(4) == 0)
        {
            network.Set("FromLogits", fromLogits ? "true" : "false");
        }

        if (network.Properties.Count == 2 && random.Next(2) == 0)
        {
            network.Properties.Reverse();
        }

        return network;
    }

    private static readonly string[] LossNames = ["MeanSquaredError", "BinaryCrossentropy", "SparseCategoricalCrossentropy", "CategoricalCrossentropy"];

    public static AttributeDraft Dense(Random random, int units, string activation)
    {
        var dense = new AttributeDraft("Dense", Style(random)).With("units", Number(units));
        if (activation != "Linear" || random.Next(2) == 0)
        {
            dense.With("activation", ActivationValue(random, activation));
        }

        MaybeSlope(random, dense, activation);
        SetL2(random, dense);
        return dense;
    }

    /// <summary>Sometimes an L2 factor (valid: finite and ≥ 0), written in the forms C# allows for a float.</summary>
    private static void SetL2(Random random, AttributeDraft layer)
    {
        if (random.Next(4) == 0)
        {
            string[] factors = ["0f", "1e-4f", "0.001F", "2.5E-3f", "0.5f"];
            layer.Set("L2", factors[random.Next(factors.Length)]);
        }
    }

    public static AttributeDraft Flatten(Random random) => new("Flatten", Style(random));

    /// <summary>Rates in [0, 1), in the spellings a double argument accepts (a float or int constant converts).</summary>
    private static readonly string[] Rates = ["0.5", "0", "0.25f", "1e-3", "0.999", "1 / 3.0", "0.2d", "0.0"];

    /// <summary>A [Dropout] after the layer just added, one time in four (or always): any shape, unchanged.</summary>
    private static void MaybeDropout(Random random, NetworkDraft draft, StringBuilder summary, bool always = false)
    {
        if (always || random.Next(4) == 0)
        {
            AttributeDraft dropout = new AttributeDraft("Dropout", Style(random)).With("rate", Rates[random.Next(Rates.Length)]);
            draft.Attributes.Add(dropout);
            summary.Append(" → ").Append(dropout.Render());
        }
    }

    /// <summary>Now and then a [BatchNormalization], with or without an activation, right after a Dense or Conv2D layer (the only places it may go).</summary>
    private static void MaybeNormalize(Random random, NetworkDraft draft, AttributeDraft layer, StringBuilder summary)
    {
        if (layer.Kind is not ("Dense" or "Conv2D") || random.Next(3) != 0)
        {
            return;
        }

        var norm = new AttributeDraft("BatchNormalization", Style(random));
        if (random.Next(2) == 0)
        {
            norm.Set("Activation", ActivationValue(random, NormalizationActivations[random.Next(NormalizationActivations.Length)]));
        }

        draft.Attributes.Add(norm);
        summary.Append(" → ").Append(norm.Render());
    }

    /// <summary>A Conv2D whose window fits (Valid) or may overhang (Same); updates the shape as WindowRules does.</summary>
    private static AttributeDraft Conv(Random random, ref int height, ref int width, ref int channels)
    {
        bool same = random.Next(2) == 0;
        int kernel = 1 + random.Next(same ? Math.Min(height, width) + 2 : Math.Min(height, width));
        int stride = 1 + random.Next(random.Next(3) == 0 ? 3 : 1);
        int filters = 1 + random.Next(4);
        var conv = new AttributeDraft("Conv2D", Style(random)).With("filters", Number(filters)).With("kernel", Number(kernel));
        string activation = "Linear";
        if (random.Next(3) != 0)
        {
            activation = HiddenActivations[random.Next(HiddenActivations.Length)];
            conv.With("activation", ActivationValue(random, activation));
        }

        if (stride != 1 || random.Next(4) == 0)
        {
            conv.Set("Stride", Number(stride));
        }

        SetPadding(random, conv, same);
        MaybeSlope(random, conv, activation);
        SetL2(random, conv);
        height = OutputSide(height, kernel, stride, same);
        width = OutputSide(width, kernel, stride, same);
        channels = filters;
        return conv;
    }

    /// <summary>A MaxPool2D or AveragePooling2D with its stride left out (the pool size), 0 (the same), or a step of its own.</summary>
    private static AttributeDraft Pool(Random random, ref int height, ref int width)
    {
        bool same = random.Next(2) == 0;
        int pool = 1 + random.Next(same ? Math.Min(height, width) + 1 : Math.Min(height, width));
        var maxPool = new AttributeDraft(random.Next(2) == 0 ? "MaxPool2D" : "AveragePooling2D", Style(random)).With("poolSize", Number(pool));
        int stride = pool;
        switch (random.Next(3))
        {
            case 0:
                break;
            case 1:
                maxPool.Set("Stride", "0");
                break;
            default:
                stride = 1 + random.Next(3);
                maxPool.Set("Stride", Number(stride));
                break;
        }

        SetPadding(random, maxPool, same);
        height = OutputSide(height, pool, stride, same);
        width = OutputSide(width, pool, stride, same);
        return maxPool;
    }

    private static void SetPadding(Random random, AttributeDraft layer, bool same)
    {
        if (same || random.Next(4) == 0)
        {
            layer.Set("Padding", Enum(random, "Padding", same ? "Same" : "Valid", same ? 1 : 0));
        }

        if (layer.Properties.Count == 2 && random.Next(2) == 0)
        {
            layer.Properties.Reverse();
        }
    }

    /// <summary>WindowRules.OutputSide: Valid ⌊(input − window) / stride⌋ + 1; Same ⌈input / stride⌉.</summary>
    private static int OutputSide(int input, int window, int stride, bool same) =>
        same ? (input + stride - 1) / stride : ((input - window) / stride) + 1;

    /// <summary>LeakyReLU's Slope, set or left to Keras' default: 0 (plain ReLU), ordinary and steeper-than-1 slopes, an int literal.</summary>
    private static void MaybeSlope(Random random, AttributeDraft layer, string activation)
    {
        if (activation == "LeakyReLU" && random.Next(3) != 0)
        {
            layer.Set("Slope", Pick(random, "0f", "0.01f", "0.1f", "0.3f", "1.5f", "1"));
        }
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    public static string ActivationValue(Random random, string activation) =>
        Enum(random, "Activation", activation, Array.IndexOf(Activations, activation));

    /// <summary>An enum value in one of the spellings a user may write: Loss.X, global::Dendrite.Loss.X or (Loss)n.</summary>
    private static string Enum(Random random, string type, string member, int value) => random.Next(8) switch
    {
        0 => "global::Dendrite." + type + "." + member,
        1 => "(" + type + ")" + Number(value),
        _ => type + "." + member,
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Spelling bits for <see cref="AttributeDraft.Style"/>: mostly the plain short form.</summary>
    public static int Style(Random random) => random.Next(3) == 0 ? random.Next(32) : 0;
}
