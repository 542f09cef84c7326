using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>Spellings shared by the emitters: runtime type names, activation formulas, loss names.</summary>
internal static class Names
{
    public const string Runtime = "global::Dendrite.";

    public static string Activation(ActivationKind kind) => Runtime + "Activation." + kind;

    public static string LossTitle(LossKind loss, bool fromLogits) => loss switch
    {
        LossKind.MeanSquaredError => "mean squared error",
        LossKind.BinaryCrossentropy => "binary cross-entropy" + (fromLogits ? " from logits" : string.Empty),
        LossKind.SparseCategoricalCrossentropy => "sparse categorical cross-entropy" + (fromLogits ? " from logits" : string.Empty),
        _ => "categorical cross-entropy" + (fromLogits ? " from logits" : string.Empty),
    };

    /// <summary>The runtime class holding the loss functions.</summary>
    public static string LossClass(LossKind loss) => Runtime + "Losses." + loss;
}
