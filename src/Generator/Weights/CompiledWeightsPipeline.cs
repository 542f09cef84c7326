using System.Collections.Immutable;
using System.Linq;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Weights;

/// <summary>
/// The compiled-in weights branch of the pipeline. Only the AdditionalFiles items that some [Network] names are
/// read, and each is read once per change of its content: an edit elsewhere leaves the names, the read files and
/// the binding cached, so a large weights file costs nothing on unrelated edits.
/// </summary>
internal static class CompiledWeightsPipeline
{
    /// <summary>Tracking names, for incremental-caching tests.</summary>
    public static class Steps
    {
        /// <summary>The weights file names the networks ask for.</summary>
        public const string WeightsNames = "WeightsNames";

        /// <summary>Each named AdditionalFiles item, read and checked.</summary>
        public const string ReadWeights = "ReadWeights";

        /// <summary>Each network paired with its file: a diagnostic or the data to compile in.</summary>
        public const string BindWeights = "BindWeights";
    }

    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<WeightsRequest> withWeights, IncrementalValueProvider<string?> help)
    {

        IncrementalValueProvider<EquatableArray<string>> names = withWeights
            .Select(static (request, _) => request.Plan.Spec.WeightsFile!)
            .Collect()
            .Select(static (all, _) => all.Distinct().OrderBy(name => name, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.WeightsNames);

        IncrementalValuesProvider<WeightsFileData> files = context.AdditionalTextsProvider
            .Combine(names)
            .Where(static pair => pair.Right.Any(name => AdditionalWeightsReader.Matches(pair.Left.Path, name)))
            .Select(static (pair, ct) => AdditionalWeightsReader.Read(pair.Left, ct))
            .WithTrackingName(Steps.ReadWeights);

        // Only the paths, for DN0020's did-you-mean: equal across edits that leave the list of files alone.
        IncrementalValueProvider<EquatableArray<string>> paths = context.AdditionalTextsProvider
            .Select(static (file, _) => file.Path)
            .Collect()
            .Select(static (all, _) => all.OrderBy(path => path, System.StringComparer.Ordinal).ToEquatableArray());

        IncrementalValuesProvider<CompiledWeights> bound = withWeights
            .Combine(files.Collect())
            .Combine(paths)
            .Select(static (pair, _) => WeightsBinder.Bind(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(Steps.BindWeights);

        context.RegisterSourceOutput(bound.Combine(help), static (spc, pair) =>
        {
            (CompiledWeights weights, string? helpBase) = pair;
            Emitting.GeneratedFile file;
            if (weights.Diagnostic is not null)
            {
                // Pretrained and CreatePretrained still exist (throwing), so the weights diagnostic stands alone.
                spc.ReportDiagnostic(weights.Diagnostic.ToDiagnostic(helpBase));
                file = Emitting.SurfaceStubEmitter.EmitPretrained(weights.Plan.Spec, Emitting.SurfaceStubEmitter.Describe(weights.Diagnostic));
            }
            else
            {
                file = PretrainedEmitter.Emit(weights, spc.CancellationToken);
            }

            spc.AddSource(file.HintName, file.Source);
        });
    }
}
