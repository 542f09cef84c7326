using Dendrite.Generator.Emitting;
using Dendrite.Generator.Model;
using Dendrite.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator;

/// <summary>
/// Compiles [Network] classes into forward and backward code. Three stages, each a named, cached step:
/// Parse (attributes → equatable spec, diagnostics and, for a valid declaration, the plan: shapes, layouts, kernel
/// choices), Plan (the location-free plan alone), Emit (C# text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    public static class Steps
    {
        /// <summary>Attributes read into a spec plus diagnostics.</summary>
        public const string Parse = "Parse";

        /// <summary>Diagnostics split off the parse result.</summary>
        public const string Diagnostics = "Diagnostics";

        /// <summary>The plan of each valid network.</summary>
        public const string Plan = "Plan";

        /// <summary>The generated sources of each network: the readable file and the kernels file.</summary>
        public const string Emit = "Emit";

        /// <summary>The throwing public surface of each network whose declaration has errors.</summary>
        public const string Stub = "Stub";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Network,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => NetworkParser.Parse(ctx, ct))
            .WithTrackingName(Steps.Parse);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(Steps.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo diagnostic in list)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // The parse step already built the plan from the shape walk it validated; this step only separates it from
        // the locations, so that an edit which moves the class leaves the plan equal and the Emit step cached.
        IncrementalValuesProvider<NetworkPlan> plans = parsed
            .Where(static result => result.Plan is not null)
            .Select(static (result, _) => result.Plan!)
            .WithTrackingName(Steps.Plan);

        // One output per network holding both its files (the readable one and the kernels), so the step's caching is
        // per network.
        IncrementalValuesProvider<EquatableArray<GeneratedFile>> files = plans
            .Select(static (plan, ct) => NetworkEmitter.Emit(plan, ct))
            .WithTrackingName(Steps.Emit);
        context.RegisterSourceOutput(files, static (spc, list) =>
        {
            foreach (GeneratedFile file in list)
            {
                spc.AddSource(file.HintName, file.Source);
            }
        });

        // A declaration with errors still gets the type's public members (throwing), so the DN errors are not buried
        // under "no member named ..." errors at every call site. Location-free, like the plan.
        IncrementalValuesProvider<GeneratedFile> stubs = parsed
            .Where(static result => result.Spec is null && result.Surface is not null)
            .Select(static (result, _) => SurfaceStubEmitter.Emit(result.Surface!))
            .WithTrackingName(Steps.Stub);
        context.RegisterSourceOutput(stubs, static (spc, file) => spc.AddSource(file.HintName, file.Source));

        // Weights compiled into the type ([Network(Weights = "...")] + an AdditionalFiles item).
        // The plan is location-free (so moving the class does not regenerate it); the request keeps the location
        // beside it for the weights diagnostics.
        IncrementalValuesProvider<Weights.WeightsRequest> weightsRequests = parsed
            .Where(static result => result.Plan is not null && result.Spec is { WeightsFile.Length: > 0 })
            .Select(static (result, _) => new Weights.WeightsRequest(result.Plan!, result.Spec!.Location));
        Weights.CompiledWeightsPipeline.Register(context, weightsRequests);

        // Networks imported from ONNX ([Network(Onnx = "model.onnx")] + an AdditionalFiles item): the spec is made from the
        // file, then planned and emitted like a declared one.
        IncrementalValuesProvider<Onnx.OnnxRequest> onnxRequests = parsed
            .Where(static result => result.Onnx is not null)
            .Select(static (result, _) => result.Onnx!);
        Onnx.OnnxPipeline.Register(context, onnxRequests);

        // [Input] and layers on a class without [Network] would otherwise be ignored in silence (DN0019).
        LayersWithoutNetwork.Register(context);
    }
}
