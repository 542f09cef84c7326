using System.Linq;
using Dendrite.Generator.Emitting;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// The ONNX branch of the pipeline ([Network(Onnx = "model.onnx")]): only the AdditionalFiles items some declaration
/// names are read, each once per change of its content; each request is bound to its file (graph → spec → plan →
/// parameters), then emitted by the same emitters as a declared network, plus the Pretrained file.
/// </summary>
internal static class OnnxPipeline
{
    /// <summary>Tracking names, for incremental-caching tests.</summary>
    public static class Steps
    {
        public const string OnnxNames = "OnnxNames";

        public const string ReadOnnx = "ReadOnnx";

        public const string BindOnnx = "BindOnnx";
    }

    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<OnnxRequest> requests)
    {
        IncrementalValueProvider<EquatableArray<string>> names = requests
            .Select(static (request, _) => request.FileName)
            .Collect()
            .Select(static (all, _) => all.Distinct().OrderBy(name => name, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.OnnxNames);

        IncrementalValuesProvider<OnnxFileData> files = context.AdditionalTextsProvider
            .Combine(names)
            .Where(static pair => pair.Right.Any(name => OnnxFileData.Matches(pair.Left.Path, name)))
            .Select(static (pair, ct) => OnnxFileData.Read(pair.Left, ct))
            .WithTrackingName(Steps.ReadOnnx);

        IncrementalValuesProvider<OnnxBinding> bound = requests
            .Combine(files.Collect())
            .Select(static (pair, ct) => OnnxBinder.Bind(pair.Left, pair.Right, ct))
            .WithTrackingName(Steps.BindOnnx);

        context.RegisterSourceOutput(bound, static (spc, binding) =>
        {
            foreach (DiagnosticInfo diagnostic in binding.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (binding.Plan is { } plan)
            {
                foreach (GeneratedFile file in NetworkEmitter.Emit(plan, spc.CancellationToken))
                {
                    spc.AddSource(file.HintName, file.Source);
                }

                byte[] bytes = binding.ParameterBytes.AsSpan().ToArray();
                GeneratedFile pretrained = Weights.PretrainedEmitter.Emit(plan.Spec, binding.Request.FileName, binding.Header, bytes, 0, plan.ParameterCount, plan.NonTrainableCount, spc.CancellationToken);
                spc.AddSource(pretrained.HintName, pretrained.Source);
            }
            else if (binding.Surface is { } surface)
            {
                GeneratedFile stub = SurfaceStubEmitter.Emit(surface);
                spc.AddSource(stub.HintName, stub.Source);
            }
        });
    }
}
