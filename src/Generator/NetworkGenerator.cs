using Dendrite.Generator.Emitting;
using Dendrite.Generator.Model;
using Dendrite.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator;

/// <summary>
/// Compiles [Network] classes into forward and backward code. Three stages, each a named, cached step:
/// Parse (attributes → equatable spec, diagnostics and, for a valid declaration, the plan: shapes, layouts, kernel
/// choices), Plan (the location-free plan alone), Emit (C# text per network), and Kernels (the micro-kernels of all
/// the plans, each once, in one shared file).
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

        /// <summary>The generated sources of each network: the readable file and the plumbing file.</summary>
        public const string Emit = "Emit";

        /// <summary>The qualified name of the project's shared kernels class, from the assembly name.</summary>
        public const string KernelsClass = "KernelsClass";

        /// <summary>The shared kernels file: every network's micro-kernels, each once.</summary>
        public const string Kernels = "Kernels";

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
        // Help links open the docs the package ships (Diagnostics.HelpLinks); the property rarely changes.
        IncrementalValueProvider<string?> help = Diagnostics.HelpLinks.Base(context);
        context.RegisterSourceOutput(diagnostics.Combine(help), static (spc, pair) =>
        {
            foreach (DiagnosticInfo diagnostic in pair.Left)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            }
        });

        // The parse step already built the plan from the shape walk it validated; this step only separates it from
        // the locations, so that an edit which moves the class leaves the plan equal and the Emit step cached.
        IncrementalValuesProvider<NetworkPlan> plans = parsed
            .Where(static result => result.Plan is not null)
            .Select(static (result, _) => result.Plan!)
            .WithTrackingName(Steps.Plan);

        // The name of the project's shared kernels class comes from the assembly name: a string, so an edit elsewhere
        // leaves it equal and everything downstream cached.
        IncrementalValueProvider<string> kernelsClass = context.CompilationProvider
            .Select(static (compilation, _) => SharedKernelsEmitter.ClassFor(compilation.AssemblyName))
            .WithTrackingName(Steps.KernelsClass);

        // One output per network holding both its files (the readable one and the plumbing), so the step's caching is
        // per network.
        IncrementalValuesProvider<EquatableArray<GeneratedFile>> files = plans
            .Combine(kernelsClass)
            .Select(static (pair, ct) => NetworkEmitter.Emit(pair.Left, pair.Right, ct))
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
            .Select(static (result, _) => new Weights.WeightsRequest(result.Plan!, result.Spec!.WeightsLocation ?? result.Spec.Location));
        Weights.CompiledWeightsPipeline.Register(context, weightsRequests, help);

        // Networks imported from ONNX ([Network(Onnx = "model.onnx")] + an AdditionalFiles item): the spec is made from the
        // file, then planned and emitted like a declared one.
        IncrementalValuesProvider<Onnx.OnnxRequest> onnxRequests = parsed
            .Where(static result => result.Onnx is not null)
            .Select(static (result, _) => result.Onnx!);
        IncrementalValuesProvider<NetworkPlan> importedPlans = Onnx.OnnxPipeline.Register(context, onnxRequests, kernelsClass, help);

        // The micro-kernels of all the networks, declared and imported, each once, in one file (re-written only when the set of plans changes).
        IncrementalValueProvider<GeneratedFile?> kernels = plans
            .Collect()
            .Combine(importedPlans.Collect())
            .Combine(kernelsClass)
            .Select(static (pair, _) => SharedKernelsEmitter.Emit([.. pair.Left.Left, .. pair.Left.Right], pair.Right))
            .WithTrackingName(Steps.Kernels);
        context.RegisterSourceOutput(kernels, static (spc, file) =>
        {
            if (file is not null)
            {
                spc.AddSource(file.HintName, file.Source);
            }
        });

        // [Input] and layers on a class without [Network] would otherwise be ignored in silence (DN0019).
        LayersWithoutNetwork.Register(context, help);
    }
}
