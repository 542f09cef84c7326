using System.Threading;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>The emit stage: writes one C# file per network from its plan. Output depends only on the plan.</summary>
internal static class NetworkEmitter
{
    public static GeneratedFile Emit(NetworkPlan plan, CancellationToken cancellationToken)
    {
        var w = new CodeWriter();
        HeaderEmitter.Write(w, plan);
        w.Line("#nullable enable");
        w.Line();
        NetworkSpec spec = plan.Spec;
        if (spec.Namespace is not null)
        {
            w.Line("namespace " + spec.Namespace + ";");
            w.Line();
        }

        foreach (ContainingType outer in spec.ContainingTypes)
        {
            w.Open("partial " + outer.Keyword + " " + CodeWriter.Identifier(outer.Name));
        }

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
        w.Close();

        foreach (ContainingType _ in spec.ContainingTypes)
        {
            w.Close();
        }

        return new GeneratedFile(CodeWriter.HintName(spec.FullName) + ".g.cs", w.ToString());
    }
}

/// <summary>A generated source file: hint name and text.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
