namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>
/// A user-declared class with the full name of one of Dendrite's attributes but another signature. The compiler
/// binds the project's own Dendrite.DenseAttribute ahead of the referenced one (warning CS0436), and the generator,
/// which matches attributes by name, then meets arguments of counts and types it does not expect.
/// </summary>
/// <param name="Kind">The attribute it imitates: "Dense", "Input", "Conv2D", "MaxPool2D", "AveragePooling2D", "GlobalAveragePooling2D", "Flatten", "Dropout" or "Network".</param>
/// <param name="Members">The look-alike's constructors and properties, inside its class body.</param>
/// <param name="Usage">How a declaration uses it, an attribute the look-alike's signature binds.</param>
internal sealed record LookAlikeAttribute(string Kind, string Members, string Usage)
{
    public static readonly LookAlikeAttribute[] All =
    [
        new("Dense", "public DenseAttribute(string units) { }", "Dense(\"4\")"),
        new("Dense", "public DenseAttribute() { }", "Dense"),
        new("Dense", "public DenseAttribute(long units) { }", "Dense(4L)"),
        new("Dense", "public DenseAttribute(int units, int activation, int extra) { }", "Dense(4, 1, 0)"),
        new("Dense", "public DenseAttribute(int units, string activation) { }", "Dense(4, \"relu\")"),
        new("Input", "public InputAttribute(long height, long width) { }", "Input(2L, 3L)"),
        new("Input", "public InputAttribute() { }", "Input"),
        new("Input", "public InputAttribute(string size) { }", "Input(\"4\")"),
        new("Input", "public InputAttribute(int height, int width) { }", "Input(2, 3)"),
        new("Conv2D", "public Conv2DAttribute(string filters) { }", "Conv2D(\"4\")"),
        new("Conv2D", "public Conv2DAttribute(int filters) { }", "Conv2D(4)"),
        new("Conv2D", "public Conv2DAttribute() { }", "Conv2D"),
        new("Conv2D", "public Conv2DAttribute(int filters, int kernel, int activation, int extra) { }", "Conv2D(2, 1, 0, 0)"),
        new("Conv2D", "public Conv2DAttribute(int filters, int kernel) { } public string Stride { get; set; } = \"\";", "Conv2D(2, 1, Stride = \"2\")"),
        new("Conv2D", "public Conv2DAttribute(int filters, int kernel) { } public double Padding { get; set; }", "Conv2D(2, 1, Padding = 1.5)"),
        new("MaxPool2D", "public MaxPool2DAttribute() { }", "MaxPool2D"),
        new("MaxPool2D", "public MaxPool2DAttribute(string poolSize) { }", "MaxPool2D(\"2\")"),
        new("MaxPool2D", "public MaxPool2DAttribute(int poolSize, int stride) { }", "MaxPool2D(1, 1)"),
        new("MaxPool2D", "public MaxPool2DAttribute(int poolSize) { } public bool Stride { get; set; }", "MaxPool2D(1, Stride = true)"),
        new("AveragePooling2D", "public AveragePooling2DAttribute(string poolSize) { }", "AveragePooling2D(\"2\")"),
        new("AveragePooling2D", "public AveragePooling2DAttribute(int poolSize) { } public double Stride { get; set; }", "AveragePooling2D(2, Stride = 1.5)"),
        new("GlobalAveragePooling2D", "public GlobalAveragePooling2DAttribute(bool keepDims) { }", "GlobalAveragePooling2D(true)"),
        new("Flatten", "public FlattenAttribute(int axis) { }", "Flatten(1)"),
        new("Flatten", "public FlattenAttribute(string axis) { }", "Flatten(\"all\")"),
        new("Dropout", "public DropoutAttribute(float rate) { }", "Dropout(0.5f)"),
        new("Dropout", "public DropoutAttribute(int percent) { }", "Dropout(50)"),
        new("Dropout", "public DropoutAttribute() { }", "Dropout"),
        new("Dropout", "public DropoutAttribute(double rate, int seed) { }", "Dropout(0.5, 1)"),
        new("Dropout", "public DropoutAttribute(double rate) { } public int Seed { get; set; }", "Dropout(0.5, Seed = 1)"),
        new("Network", "public NetworkAttribute(int layers) { }", "Network(3)"),
        new("Network", "public string Loss { get; set; } = \"\";", "Network(Loss = \"mse\")"),
        new("Network", "public int FromLogits { get; set; }", "Network(FromLogits = 1)"),
    ];

    /// <summary>The look-alike's declaration, a file of its own.</summary>
    public string Declaration() =>
        "namespace Dendrite\n{\n    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)]\n    public sealed class " + Kind + "Attribute : System.Attribute\n    {\n        " + Members + "\n    }\n}\n";

    /// <summary>
    /// <paramref name="valid"/> using the look-alike wherever it used the real attribute (adding one first if it had
    /// none), so that every use binds and only the generator can object.
    /// </summary>
    public NetworkDraft Apply(NetworkDraft valid)
    {
        NetworkDraft draft = valid.Clone();
        if (draft.IndexOf(Kind) < 0)
        {
            draft.Attributes.Insert(draft.IndexOf("Input") + 1, new AttributeDraft(Kind, 0));
        }

        for (int i = 0; i < draft.Attributes.Count; i++)
        {
            if (draft.Attributes[i].Kind == Kind)
            {
                draft.Attributes[i] = new AttributeDraft(Usage, 0);
            }
        }

        draft.Mutation = "look-alike " + Kind + "Attribute { " + Members + " } used as [" + Usage + "]";
        return draft;
    }
}
