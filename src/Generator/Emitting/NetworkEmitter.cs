using System.Threading;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The emit stage: writes a network's two C# files from its plan and the name of the project's shared kernels class.
/// Output depends only on those. The main file (<c>&lt;hint&gt;.g.cs</c>) is the readable one: header, layout,
/// inference, training, then each layer's forward and backward in network order; the plumbing file
/// (<see cref="PlumbingFileEmitter"/>) holds the guards and threading they call; the micro-kernels they call are in
/// the shared kernels file (<see cref="SharedKernelsEmitter"/>), written once for all the project's networks.
/// </summary>
internal static class NetworkEmitter
{
    public static EquatableArray<GeneratedFile> Emit(NetworkPlan plan, string kernelsClass, CancellationToken cancellationToken)
    {
        GeneratedFile main = EmitMain(plan, kernelsClass, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return new EquatableArray<GeneratedFile>(new[] { main, PlumbingFileEmitter.Emit(plan, kernelsClass) });
    }

    private static GeneratedFile EmitMain(NetworkPlan plan, string kernelsClass, CancellationToken cancellationToken)
    {
        var w = new CodeWriter(kernelsClass);
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
        w.Close();
        EnclosingDeclarations.Close(w, spec);

        return new GeneratedFile(CodeWriter.HintName(spec.MetadataName) + ".g.cs", w.ToString());
    }
}

/// <summary>A generated source file: hint name and text.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
