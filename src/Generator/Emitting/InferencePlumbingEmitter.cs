using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The machinery that splits <c>PredictBatch</c> across threads, written into the plumbing file: the work object that
/// <c>ShardRunner.RunBatch</c> hands each thread's whole chunks (or, with no hidden layer, whole blocks of samples).
/// PredictBatch in the readable file says what it computes.
/// </summary>
internal static class InferencePlumbingEmitter
{
    /// <summary>The nested class implementing <c>IBatchWork</c>.</summary>
    public const string WorkClass = "PredictShards";

    /// <summary>The network's field holding its one <see cref="WorkClass"/>.</summary>
    public const string WorkField = "_predictShards";

    /// <summary>The readable file's chunk loop, which the work object runs on each shard (networks with a hidden layer).</summary>
    public const string ChunksMethod = "ForwardChunks";

    /// <summary>PredictBatch's parameters, as the readable file and the stand-in surface of a declaration with errors declare them.</summary>
    public const string PredictBatchSignature = "PredictBatch(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int? maxThreads = null)";

    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        ThreadedPredictEmitter.Write(w, plan);
        string name = CodeWriter.Identifier(plan.Spec.ClassName);
        w.Line("// ───────────────────────────── Batched inference plumbing ─────────────────────────────");
        w.Line();
        w.Comment("PredictBatch's work, made once per network and shared by every PredictBatch call, concurrent ones included: it");
        w.Comment("holds nothing but the network. Each call's batch reaches the threads through ShardRunner.RunBatch, which keeps it");
        w.Comment("per calling thread, never through a field here. Two threads that race to create it each get an equivalent one.");
        w.Line("private " + WorkClass + "? " + WorkField + ";");
        w.Line();
        w.Summary(plan.InferenceChunk > 0
            ? "Runs one thread's share of a PredictBatch call: whole chunks of its samples through " + ChunksMethod + "."
            : "Runs one thread's share of a PredictBatch call: whole blocks of its samples through Forward.");
        w.Open("private sealed class " + WorkClass + " : global::Dendrite.IBatchWork");
        NetworkHolderEmitter.Write(w, WorkClass, name);
        w.Line("public void RunSamples(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int samples) =>");
        w.Line(plan.InferenceChunk > 0
            ? "    " + ChunksMethod + "(network._parameters, inputs, outputs, samples);"
            : "    Forward(network._parameters, inputs, outputs, outputs, samples);");
        w.Close();
        w.Line();
    }
}
