using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The state a network with Dropout keeps for its masks, and the lines that use it: the dropout stream's seed (from the
/// constructor's seed), the number of training steps taken, and the current step's key, which ComputeGradients sets
/// once per call and every shard of the step reads. Nothing is written for a network without Dropout.
/// </summary>
/// <remarks>
/// A loaded network (Load, Pretrained) starts the stream of seed 0 at step 0: weights files hold parameters only.
/// Setting <c>DropoutStep</c> replays the masks of a given step; the gradient checks pin it (DropoutGradientCheckTests).
/// </remarks>
internal static class DropoutStreamEmitter
{
    public const string SeedField = "_dropoutSeed";
    public const string KeyField = "_dropoutKey";
    public const string StepProperty = "DropoutStep";

    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        if (!plan.HasDropout)
        {
            return;
        }

        w.Comment("Dropout's masks are a function of (this stream, the step, the layer, the sample's index in the batch, the value's");
        w.Comment("index): global::Dendrite.DropoutMask. Not of the thread that computes them, so training stays bit-identical per seed.");
        w.Comment("Load and Pretrained start the stream of seed 0; the constructor picks its seed's.");
        w.Line("private ulong " + SeedField + " = global::Dendrite.DropoutMask.StreamSeed(0);");
        w.Line("private ulong " + KeyField + ";");
        w.Line();
        w.Summary("Training steps (ComputeGradients calls) taken, which keys the next step's dropout masks. Set it to replay a step's masks.");
        w.Line("internal long " + StepProperty + " { get; set; }");
        w.Line();
    }

    /// <summary>In the constructor: the stream of the constructor's seed.</summary>
    public static void WriteSeed(CodeWriter w, NetworkPlan plan)
    {
        if (plan.HasDropout)
        {
            w.Line(SeedField + " = global::Dendrite.DropoutMask.StreamSeed(seed); // Dropout's masks: a stream of their own, from the same seed");
        }
    }

    /// <summary>In ComputeGradients: this step's key, and the count moved on.</summary>
    public static void WriteNextKey(CodeWriter w, NetworkPlan plan)
    {
        if (plan.HasDropout)
        {
            w.Line(KeyField + " = global::Dendrite.DropoutMask.StepKey(" + SeedField + ", " + StepProperty + "++); // this step's dropout masks, whatever the thread count");
        }
    }

    /// <summary>"dropoutKey, " where TrainingSamples takes the key: <paramref name="argument"/> and a comma, or nothing without Dropout.</summary>
    public static string KeyArgument(NetworkPlan plan, string argument) => plan.HasDropout ? argument + ", " : string.Empty;
}
