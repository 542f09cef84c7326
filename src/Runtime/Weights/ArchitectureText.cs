using System.Collections.Generic;
using System.Globalization;
using System.Text;

// Compiled into the runtime (NetworkArchitecture.Fingerprint, LayerInfo.Describe) and, linked, into the source
// generator (ArchitectureFingerprint, which checks compiled-in weights): one text, so a file the runtime saves is
// the file the generator accepts. Plain values in, so neither side's types are needed. Separate namespaces keep
// the two copies apart in projects that see both (the tests).
#if DENDRITE_GENERATOR
namespace Dendrite.Generator.Weights.Format;
#else
namespace Dendrite.Weights;
#endif

/// <summary>
/// The architecture fingerprint a weights file records, e.g. <c>Input(28×28×1) → Conv2D(32, kernel 3, stride 1,
/// Valid, ReLU) → MaxPool2D(2, stride 2, Valid) → Flatten → Dense(10, Linear)</c>. Two networks exchange weights
/// exactly when their fingerprints are equal. Changing this text makes every saved file unreadable.
/// </summary>
internal static class ArchitectureText
{
    /// <summary>Between the input and each layer.</summary>
    public const string Arrow = " → ";

    /// <summary>A layer with no options and no parameters.</summary>
    public const string Flatten = "Flatten";

    /// <summary>The mean of each channel over the image: no options and no parameters.</summary>
    public const string GlobalAveragePooling2D = "GlobalAveragePooling2D";

    /// <summary>
    /// Keras 3's negative slope of LeakyReLU, which a layer has when it declares none. The generator's default and the
    /// fingerprint's both read this constant, so they cannot drift apart.
    /// </summary>
    public const float DefaultLeakyReLUSlope = 0.2f;

    /// <summary>
    /// The activation as a fingerprint names it: its name, and for a LeakyReLU whose slope is not the default, the slope
    /// too, "LeakyReLU(0.1)" (shortest text that reads back to the same float). A default slope writes plain "LeakyReLU",
    /// the text every version-2 file has, whatever slope its network had: so those files still load into a network with
    /// the default slope, and a network with another slope refuses them (the file cannot say which slope it was trained with).
    /// </summary>
    public static string Activation(string activation, float slope) =>
        activation == "LeakyReLU" && slope != DefaultLeakyReLUSlope ? "LeakyReLU(" + Float(slope) + ")" : activation;

    /// <summary>"784" for a flat vector (height and width 1), "28×28×1" for an image.</summary>
    public static string Shape(int height, int width, int channels) => height == 1 && width == 1
        ? Int(channels)
        : Int(height) + "×" + Int(width) + "×" + Int(channels);

    /// <summary>"Dense(25, ReLU)".</summary>
    public static string Dense(int units, string activation) => "Dense(" + Int(units) + ", " + activation + ")";

    /// <summary>"Conv2D(32, kernel 3, stride 1, Valid, ReLU)".</summary>
    public static string Conv2D(int filters, int kernel, int stride, string padding, string activation) =>
        "Conv2D(" + Int(filters) + ", kernel " + Int(kernel) + ", stride " + Int(stride) + ", " + padding + ", " + activation + ")";

    /// <summary>"MaxPool2D(2, stride 2, Valid)": the stride after pooling's default (the pool size) is resolved.</summary>
    public static string MaxPool2D(int pool, int stride, string padding) =>
        "MaxPool2D(" + Int(pool) + ", stride " + Int(stride) + ", " + padding + ")";

    /// <summary>"AveragePooling2D(2, stride 2, Valid)": the stride after pooling's default (the pool size) is resolved.</summary>
    public static string AveragePooling2D(int pool, int stride, string padding) =>
        "AveragePooling2D(" + Int(pool) + ", stride " + Int(stride) + ", " + padding + ")";

    /// <summary>
    /// "Dropout(0.5)": the rate as the shortest text that reads back to the same double ("R"), so the generated
    /// <c>Rate: 0.5</c> literal and the generator's value give one text. The rate is part of the fingerprint: it is part
    /// of what the network computes in training, as an activation is.
    /// </summary>
    public static string Dropout(double rate) => "Dropout(" + rate.ToString("R", CultureInfo.InvariantCulture) + ")";

    /// <summary>"BatchNormalization(ReLU)": momentum and ε are Keras' fixed defaults, so the activation is all it has.</summary>
    public static string BatchNormalization(string activation) => "BatchNormalization(" + activation + ")";

    /// <summary>"Input(shape) → layer → layer …" from the input shape and each layer's description, in order.</summary>
    public static string Fingerprint(int inputHeight, int inputWidth, int inputChannels, IEnumerable<string> layers)
    {
        var text = new StringBuilder("Input(").Append(Shape(inputHeight, inputWidth, inputChannels)).Append(')');
        foreach (string layer in layers)
        {
            text.Append(Arrow).Append(layer);
        }

        return text.ToString();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The shortest "G" text (1 to 9 significant digits) that parses back to <paramref name="value"/>: the same on every
    /// runtime the generator and the library run on, unlike "R" for float on .NET Framework. −0 is written as 0.
    /// </summary>
    private static string Float(float value)
    {
        if (value == 0f)
        {
            return "0";
        }

        for (int digits = 1; digits < 9; digits++)
        {
            string text = value.ToString("G" + Int(digits), CultureInfo.InvariantCulture);
            if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value)
            {
                return text;
            }
        }

        return value.ToString("G9", CultureInfo.InvariantCulture);
    }
}
