using System.Collections.Generic;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Phase 1 of a training step for a network with BatchNormalization, in the parts <see cref="TrainingPartPlanner"/> cuts
/// it into: <c>TrainingPart</c> in the readable file, which runs one shard of one part, and, in the plumbing file, how
/// many shards each part affords (<see cref="WritePlumbing"/>).
/// </summary>
internal static class TrainingPartsEmitter
{
    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        List<TrainingPart> parts = TrainingPartPlanner.Split(plan);
        w.Comment("Phase 1 in " + CodeWriter.Int(parts.Count) + " parts (TrainingPart), run in order: every shard finishes a part before the next one starts.");
        w.Line("private const int TrainingParts = " + CodeWriter.Int(parts.Count) + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Phase 1, part <paramref name=\"part\"/>, shard <paramref name=\"shard\"/> of <paramref name=\"shards\"/>. BatchNormalization sums each");
        w.Line("/// channel over the batch, so those sums are parts of their own, on one thread, and everything else is split by samples");
        w.Line("/// (SampleBoundary). A sum adds each sample's pixels in order, then the samples in order: which thread computes a value");
        w.Line("/// never changes it.");
        w.Line("/// </summary>");
        w.Line(Names.Optimized);
        w.Open("private static void TrainingPart(int part, global::System.Span<float> parameters, global::System.ReadOnlySpan<float> inputs, global::Dendrite.TargetBatch targets, global::System.Span<float> workspace, global::System.Span<float> losses, global::System.Span<float> gradients, " + DropoutStreamEmitter.KeyArgument(plan, "ulong dropoutKey") + "int m, int shard, int shards)");
        w.Open("switch (part)");
        foreach (TrainingPart part in parts)
        {
            w.Line("case " + CodeWriter.Int(part.Index) + ":");
            w.Open();
            if (part.OverTheBatch)
            {
                w.Comment("Over the batch, on one thread: " + Describe(part) + ".");
                foreach (TrainingPass pass in part.Passes)
                {
                    w.Line(BatchCall(plan, pass));
                }
            }
            else
            {
                w.Comment("By samples: " + Describe(part) + ".");
                w.Line("int first = SampleBoundary(m, shard, shards), count = SampleBoundary(m, shard + 1, shards) - first;");
                TrainingPassEmitter.Write(w, plan, part.Passes);
            }

            w.Line("break;");
            w.Close();
        }

        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>A pass over the batch: a BatchNormalization's sums, from its partial sums or from the values.</summary>
    private static string BatchCall(NetworkPlan plan, TrainingPass pass)
    {
        var layer = (BatchNormalizationLayerPlan)pass.Layer!;
        string n = CodeWriter.Int(layer.OutputSize), sums = CodeWriter.Int(2 * layer.Channels);
        string partials = "workspace.Slice(" + layer.Name + "PartialSums * m, " + sums + " * m)";
        string Slot(string offset) => "workspace.Slice(" + offset + " * m, " + n + " * m)";
        string values = layer.HasPartialSums ? partials : Slot(plan.Previous(layer).Name + "Activations");
        return pass.Kind switch
        {
            TrainingPassKind.NormalizationMean => layer.Name + "BatchMean(parameters, " + values + ", m);",
            TrainingPassKind.NormalizationVariance => layer.Name + "BatchVariance(parameters, " + values + ", m);",
            _ => layer.Name + "BatchGradientSums(" + (layer.HasPartialSums ? partials : Slot(layer.Name + "Gradient") + ", " + Slot(layer.Name + "Normalized")) + ", gradients, m);",
        };
    }

    /// <summary>"Conv2D1 forward, the loss, Dense3 backward": what a part computes.</summary>
    private static string Describe(TrainingPart part)
    {
        var steps = new List<string>();
        foreach (TrainingPass pass in part.Passes)
        {
            string name = pass.Layer?.Name ?? string.Empty;
            steps.Add(pass.Kind switch
            {
                TrainingPassKind.Forward => name + " forward",
                TrainingPassKind.NormalizationPartialSums => name + "'s partial sums Σ x",
                TrainingPassKind.NormalizationMean => name + "'s μ_B",
                TrainingPassKind.NormalizationPartialSquares => name + "'s partial sums Σ (x − μ_B)²",
                TrainingPassKind.NormalizationVariance => name + "'s σ²_B and moving statistics",
                TrainingPassKind.Normalize => name + "'s x̂ and Z",
                TrainingPassKind.NormalizationActivation => name + "'s activation",
                TrainingPassKind.Loss => "the loss and its gradient",
                TrainingPassKind.NormalizationDerivative => name + "'s activation derivative",
                TrainingPassKind.NormalizationGradientPartials => name + "'s partial sums Σ dZ, Σ dZ·x̂",
                TrainingPassKind.NormalizationGradientSums => name + "'s dβ and dγ",
                _ => name + " backward", // a layer's backward pass, or a BatchNormalization's dx
            });
        }

        return string.Join(", ", steps);
    }

    /// <summary>Each part's shard count, in the plumbing file (beside <c>SampleBoundary</c>, which every network's step plumbing has).</summary>
    public static void WritePlumbing(CodeWriter w, NetworkPlan plan)
    {
        w.Line("/// <summary>");
        w.Line("/// Shards for part <paramref name=\"part\"/> of phase 1: for a part by samples, as many of <paramref name=\"threads\"/> as its work");
        w.Line("/// affords (Parallelism.ThreadsFor, from its multiply-adds per sample); one for a part over the batch, which then runs on");
        w.Line("/// the calling thread with no hand-over.");
        w.Line("/// </summary>");
        w.Open("private static int TrainingPartShards(int part, int m, int threads) => part switch");
        foreach (TrainingPart part in TrainingPartPlanner.Split(plan))
        {
            if (!part.OverTheBatch)
            {
                w.Line(CodeWriter.Int(part.Index) + " => global::System.Math.Min(threads, global::Dendrite.Parallelism.ThreadsFor(m * " + part.WorkPerSample.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L)), // " + Describe(part));
            }
        }

        w.Line("_ => 1, // over the batch");
        w.Close(";");
        w.Line();
    }
}
