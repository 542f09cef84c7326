using System.Threading;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>The emit stage: writes one C# file per network from its plan. Output depends only on the plan.</summary>
internal static class NetworkEmitter
{
    public static GeneratedFile Emit(NetworkPlan plan, CancellationToken cancellationToken)
    {
        var w = new CodeWriter();
        HeaderEmitter.Write(w, plan);
        NetworkSpec spec = plan.Spec;
        EnclosingDeclarations.Open(w, spec);

        string className = CodeWriter.Identifier(spec.ClassName);
        w.Open("partial class " + className + " : global::Dendrite.INetwork<" + className + ">");
        LayoutEmitter.Write(w, plan);
        cancellationToken.ThrowIfCancellationRequested();
        InferenceEmitter.Write(w, plan);
        TrainingEmitter.Write(w, plan);
        WeightsFileEmitter.Write(w, plan);
        cancellationToken.ThrowIfCancellationRequested();
        LayerEmitter.WriteAll(w, plan, cancellationToken);
        KernelEmitter.WriteAll(w, plan);
        ConvKernelEmitter.WriteAll(w, plan); // h-conv: until the kernels file (h-dense's KernelFileEmitter) takes them, the Conv2D kernels close the class.
        w.Close();
        EnclosingDeclarations.Close(w, spec);

        return new GeneratedFile(CodeWriter.HintName(spec.MetadataName) + ".g.cs", w.ToString());
    }
}

/// <summary>A generated source file: hint name and text.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
