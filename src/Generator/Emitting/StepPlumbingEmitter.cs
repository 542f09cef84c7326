using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The machinery of a training step that the readable file calls but whose maths is elsewhere, written into the
/// plumbing file: the workspace that grows with the batch, and the copy of the batch and the split of its phases across
/// threads (<c>RunShards</c>, <c>StepShards</c>). ComputeGradients in the readable file says what the phases compute.
/// </summary>
internal static class StepPlumbingEmitter
{
    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        w.Line("// ───────────────────────────── Training step plumbing ─────────────────────────────");
        w.Line();
        WriteRunShards(w, plan);
        WriteShards(w, plan);
        WriteWorkspace(w);
        string block = CodeWriter.Int(plan.SampleShardBlock);
        w.Summary("Where shard <paramref name=\"shard\"/> of <paramref name=\"shards\"/> of phase 1's samples starts: at a multiple of " + block + " samples, so every shard runs whole kernel blocks; m for the end.");
        w.Line("private static int SampleBoundary(int m, int shard, int shards) => shard >= shards ? m : shard * m / shards / " + block + " * " + block + ";");
        w.Line();
        if (plan.HasBatchNormalization)
        {
            TrainingPartsEmitter.WritePlumbing(w, plan);
        }
        if (plan.FirstLayerByUnits is { } byUnits)
        {
            DenseLayerEmitter.WriteForwardUnits(w, byUnits);
        }

        w.Summary("Σ values[0 … count − 1], added in index order: the same float whatever thread wrote each value.");
        w.Open("private static float SumInOrder(float[] values, int count)");
        w.Line("float sum = 0f;");
        w.Open("for (int i = 0; i < count; i++)");
        w.Line("sum += values[i];");
        w.Close();
        w.Line();
        w.Line("return sum;");
        w.Close();
        w.Line();
    }

    private static void WriteRunShards(CodeWriter w, NetworkPlan plan)
    {
        w.Summary("ComputeGradients' phases on <paramref name=\"threads\"/> threads: the workers read the batch and write the gradients in place; only the targets are copied.");
        w.Open("private void RunShards(global::System.ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, global::System.Span<float> gradients, int m, int threads)");
        if (plan.UsesLabels)
        {
            w.Line("_stepLabels = Grown(_stepLabels, m);");
            w.Line("targets.Labels.Slice(0, m).CopyTo(_stepLabels);");
        }
        else
        {
            w.Line("_stepTargets = Grown(_stepTargets, m * OutputSize);");
            w.Line("targets.Values.Slice(0, m * OutputSize).CopyTo(_stepTargets);");
        }

        w.Line("_stepSamples = m;");
        w.Line("_stepShards ??= new StepShards(this);");
        if (plan.FirstLayerByUnits is not null)
        {
            w.Line("global::Dendrite.ShardRunner.RunStep(_stepShards, StepShards.FirstLayerPhase, threads, inputs, gradients);");
        }

        if (plan.HasBatchNormalization)
        {
            w.Open("for (int part = 0; part < TrainingParts; part++)");
            w.Line("global::Dendrite.ShardRunner.RunStep(_stepShards, StepShards.PartsPhase + part, TrainingPartShards(part, m, threads), inputs, gradients);");
            w.Close();
        }
        else
        {
            w.Line("global::Dendrite.ShardRunner.RunStep(_stepShards, StepShards.SamplesPhase, threads, inputs, gradients);");
        }

        w.Line("global::Dendrite.ShardRunner.RunStep(_stepShards, StepShards.WeightGradientsPhase, threads, inputs, gradients);");
        w.Close();
        w.Line();
    }

    private static void WriteShards(CodeWriter w, NetworkPlan plan)
    {
        bool byUnits = plan.FirstLayerByUnits is not null;
        w.Comment("State of a step split across threads (see ComputeGradients): the batch's size and a copy of its targets.");
        w.Line("private float[] _sampleLosses = global::System.Array.Empty<float>();");
        w.Line(plan.UsesLabels ? "private int[] _stepLabels = global::System.Array.Empty<int>();" : "private float[] _stepTargets = global::System.Array.Empty<float>();");
        w.Line("private int _stepSamples;");
        w.Line("private StepShards? _stepShards;");
        w.Line();
        w.Summary("<paramref name=\"buffer\"/>, or a new one when it is shorter than <paramref name=\"length\"/>.");
        w.Line("private static T[] Grown<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[length];");
        w.Line();
        w.Summary("The phases of a training step, run by shard on worker threads over the caller's batch and gradients.");
        // A plain constructor, not a primary one: primary constructors need C# 12, and the generated code asks for no
        // more than the C# 11 its static abstract interface members need (see DeclarationCompatibilityTests).
        string name = CodeWriter.Identifier(plan.Spec.ClassName);
        w.Open("private sealed class StepShards : global::Dendrite.IShardedStep");
        w.Comment("The phases, as ComputeGradients numbers them.");
        if (byUnits)
        {
            w.Line("public const int FirstLayerPhase = 0; // by units: layer 1's forward pass");
        }

        if (!plan.HasBatchNormalization)
        {
            w.Line("public const int SamplesPhase = 1; // by samples: forward, loss, backward");
        }

        w.Line("public const int WeightGradientsPhase = 2; // by units: dW and db");
        if (plan.HasBatchNormalization)
        {
            w.Line("public const int PartsPhase = 3; // phase 1 in parts, by samples or over the batch: part p runs as phase PartsPhase + p (TrainingPart)");
        }

        w.Line();
        NetworkHolderEmitter.Write(w, "StepShards", name);
        w.Open("public void RunShard(int phase, int shard, int shards, global::System.ReadOnlySpan<float> inputs, global::System.Span<float> gradients)");
        w.Line("int m = network._stepSamples;");
        w.Line("global::System.Span<float> workspace = network._trainingWorkspace;");
        string targets = plan.UsesLabels
            ? "global::Dendrite.TargetBatch targets = global::Dendrite.TargetBatch.FromLabels(new global::System.ReadOnlySpan<int>(network._stepLabels, 0, m));"
            : "global::Dendrite.TargetBatch targets = global::Dendrite.TargetBatch.FromValues(new global::System.ReadOnlySpan<float>(network._stepTargets, 0, m * OutputSize));";
        string phase1 = plan.HasBatchNormalization ? "phase >= PartsPhase" : "phase == SamplesPhase";
        if (byUnits)
        {
            w.Open("if (phase == FirstLayerPhase)");
            w.Line("TrainingFirstLayer(network._parameters, inputs, workspace, m, shard, shards);");
            w.Close();
            w.Open("else if (" + phase1 + ")");
        }
        else
        {
            w.Open("if (" + phase1 + ")");
        }

        if (plan.HasBatchNormalization)
        {
            w.Line(targets);
            w.Line("TrainingPart(phase - PartsPhase, network._parameters, inputs, targets, workspace, network._sampleLosses, gradients, " + DropoutStreamEmitter.KeyArgument(plan, "network._dropoutKey") + "m, shard, shards);");
        }
        else
        {
            w.Line("int first = SampleBoundary(m, shard, shards), end = SampleBoundary(m, shard + 1, shards);");
            w.Line(targets);
            w.Line("TrainingSamples(network._parameters, inputs, targets, workspace, network._sampleLosses, " + DropoutStreamEmitter.KeyArgument(plan, "network._dropoutKey") + "m, first, end - first);");
        }

        w.Close();
        w.Open("else");
        w.Line("TrainingWeightGradients(inputs, workspace, gradients, m, shard, shards);");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteWorkspace(CodeWriter w)
    {
        w.Line("/// <summary>The training workspace for a batch of <paramref name=\"samples\"/>, grown when a larger batch arrives.</summary>");
        w.Open("private global::System.Span<float> TrainingWorkspace(int samples)");
        w.Open("if (_trainingWorkspace is null || _trainingWorkspace.Length < WorkspaceSize * samples)");
        w.Line("_trainingWorkspace = new " + Names.AlignedBuffer + "(WorkspaceSize * samples);");
        w.Close();
        w.Line();
        w.Line("_sampleLosses = Grown(_sampleLosses, samples);");
        w.Line();
        w.Line("return _trainingWorkspace;");
        w.Close();
        w.Line();
    }
}
