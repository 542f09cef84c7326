using System.Collections.Generic;
using System.Linq;

namespace Dendrite.Generator.Model;

/// <summary>
/// What the public members of a network type depend on, for a declaration with errors. The generator still gives such
/// a class its full public surface, with bodies that throw, so every call site compiles and the build shows the DN
/// errors alone instead of a cascade of "no member named Fit" (SurfaceStubTests). Everything here is derived from the
/// declaration as far as it is readable; what cannot be known widens the surface (both forms of Fit, say) rather
/// than leaving a call site without its member.
/// </summary>
/// <param name="Namespace">As <see cref="NetworkSpec.Namespace"/>.</param>
/// <param name="ClassName">As <see cref="NetworkSpec.ClassName"/>.</param>
/// <param name="ContainingTypes">As <see cref="NetworkSpec.ContainingTypes"/>.</param>
/// <param name="InputSize">The declared input size, or 1 when it is unknown (never 0: a constant 0 would turn a user's <c>n / Net.InputSize</c> into error CS0020).</param>
/// <param name="OutputSize">The output layer's declared units, or 1 when unknown.</param>
/// <param name="TakesLabels">Fit and Evaluate take class labels (sparse categorical cross-entropy, or an unknown loss).</param>
/// <param name="TakesValues">Fit and Evaluate take target values (every other loss, or an unknown loss).</param>
/// <param name="HasProbabilities">A classifier: PredictProbabilities exists.</param>
/// <param name="ClassifiesToIndex"><c>int Classify(input)</c>: softmax classifiers.</param>
/// <param name="ClassifiesToBool"><c>bool Classify(input)</c>: binary cross-entropy with one output.</param>
/// <param name="ClassifiesToLabels"><c>void Classify(input, labels)</c>: binary cross-entropy with several outputs.</param>
/// <param name="HasPretrained">The declaration names a weights file: CreatePretrained and Pretrained exist.</param>
/// <param name="Errors">"DN0004: message" for each error, in the order reported; the stub's exceptions quote them.</param>
internal sealed record NetworkSurface(
    string? Namespace,
    string ClassName,
    EquatableArray<ContainingType> ContainingTypes,
    int InputSize,
    int OutputSize,
    bool TakesLabels,
    bool TakesValues,
    bool HasProbabilities,
    bool ClassifiesToIndex,
    bool ClassifiesToBool,
    bool ClassifiesToLabels,
    bool HasPretrained,
    EquatableArray<string> Errors)
{
    /// <summary>Stands in for a size the declaration does not give.</summary>
    public const int UnknownSize = 1;

    /// <summary>As <see cref="NetworkSpec.FullName"/>.</summary>
    public string FullName => string.Join(".", new[] { Namespace }.Concat(ContainingTypes.Select(t => t.Name)).Concat(new[] { ClassName }).Where(part => part is not null));

    /// <summary>As <see cref="NetworkSpec.MetadataName"/>: the key of the stub's hint name, the same as the real network's.</summary>
    public string MetadataName => TypeNames.Metadata(Namespace, ContainingTypes, ClassName);

    /// <summary>The surface of a declaration whose [Input] was read (valid or not).</summary>
    public static NetworkSurface Of(NetworkSpec spec, EquatableArray<string> errors) =>
        Describe(spec.Namespace, spec.ClassName, spec.ContainingTypes, spec.Loss, spec.Input, spec.Layers, spec.WeightsFile, errors);

    /// <summary>The surface from whatever parts of the declaration could be read; <paramref name="input"/> is null when there is no [Input].</summary>
    public static NetworkSurface Describe(
        string? @namespace,
        string className,
        EquatableArray<ContainingType> containingTypes,
        LossKind loss,
        InputSpec? input,
        IReadOnlyList<LayerSpec> layers,
        string? weightsFile,
        EquatableArray<string> errors)
    {
        // Mirrors the real emitters' choices (NetworkPlan.UsesLabels, IsClassifier, InferenceEmitter.WriteClassify);
        // SurfaceStubTests compares the two member lists for every loss and output form.
        bool lossKnown = System.Enum.IsDefined(typeof(LossKind), loss);
        LayerSpec? output = layers.Count > 0 ? layers[layers.Count - 1] : null;
        int? outputSize = output is { Type: LayerType.Dense, Units: > 0 } ? output.Units : null;
        bool binary = loss == LossKind.BinaryCrossentropy;
        return new NetworkSurface(
            @namespace,
            className,
            containingTypes,
            KnownSize(input),
            outputSize ?? UnknownSize,
            TakesLabels: !lossKnown || loss == LossKind.SparseCategoricalCrossentropy,
            TakesValues: !lossKnown || loss != LossKind.SparseCategoricalCrossentropy,
            HasProbabilities: !lossKnown || loss != LossKind.MeanSquaredError,
            ClassifiesToIndex: !lossKnown || loss is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy,
            ClassifiesToBool: binary && outputSize is null or 1,
            ClassifiesToLabels: !lossKnown || (binary && outputSize is not 1),
            HasPretrained: weightsFile is { Length: > 0 },
            errors);
    }

    private static int KnownSize(InputSpec? input)
    {
        if (input is null || input.Height <= 0 || input.Width <= 0 || input.Channels <= 0)
        {
            return UnknownSize;
        }

        long size = (long)input.Height * input.Width * input.Channels;
        return size <= int.MaxValue ? (int)size : UnknownSize;
    }
}
