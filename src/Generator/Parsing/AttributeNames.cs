namespace Dendrite.Generator.Parsing;

/// <summary>Metadata names of the attributes the generator reads.</summary>
internal static class AttributeNames
{
    public const string Network = "Dendrite.NetworkAttribute";
    public const string Input = "Dendrite.InputAttribute";
    public const string Dense = "Dendrite.DenseAttribute";
    public const string Conv2D = "Dendrite.Conv2DAttribute";
    public const string MaxPool2D = "Dendrite.MaxPool2DAttribute";
    public const string Flatten = "Dendrite.FlattenAttribute";
    public const string AveragePooling2D = "Dendrite.AveragePooling2DAttribute";
    public const string GlobalAveragePooling2D = "Dendrite.GlobalAveragePooling2DAttribute";
    public const string Dropout = "Dendrite.DropoutAttribute";
    public const string BatchNormalization = "Dendrite.BatchNormalizationAttribute";

    public static bool IsLayerOrInput(string? name) =>
        name is Input or Dense or Conv2D or MaxPool2D or Flatten or AveragePooling2D or GlobalAveragePooling2D or Dropout or BatchNormalization;
}
