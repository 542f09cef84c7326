using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Cuts a training step's phase 1 into the parts its threads run one after the other (<see cref="TrainingPart"/>).
/// </summary>
/// <remarks>
/// <para>
/// Phase 1 is forward, loss and backward, and without BatchNormalization every sample goes through it on its own, so
/// the threads split the batch by samples in one part. A BatchNormalization layer sums each channel over the batch:
/// its mean and variance forward, Σ dZ and Σ dZ·x̂ backward. Those sums are passes over the batch, on one thread, in
/// parts of their own; everything else stays by samples.
/// </para>
/// <para>
/// After a Conv2D a channel has many values per sample (its pixels), so the passes by samples first add each sample's
/// pixels into the sample's partial sums (C per sample, in the workspace), and the pass over the batch only adds the
/// samples' partial sums, in sample order. After a Dense layer a channel has one value per sample, and the pass over
/// the batch adds those values directly. Either way every sum is added in an order fixed by the batch alone, so the
/// result does not depend on the thread count (BatchNormalizationBehaviourTests), and the threads never split the
/// channels of a row, whose neighbouring cache lines both cores would then fetch (splitting C's normalisations by channels
/// made its two-thread step no faster: bench/README.md).
/// </para>
/// </remarks>
internal static class TrainingPartPlanner
{
    /// <summary>
    /// A value of an element-wise pass (a BatchNormalization's passes, its activation and derivative, the loss) weighs
    /// this many multiply-adds in <see cref="TrainingPart.WorkPerSample"/>: such a pass streams its values through memory,
    /// 0.2–0.5 ns each here, where a layer's kernel runs 16–32 multiply-adds a nanosecond on values it keeps in registers.
    /// </summary>
    public const int ValueWeight = 8;

    public static List<TrainingPart> Split(NetworkPlan plan)
    {
        var passes = new List<(TrainingPass Pass, long Work)>();
        void Add(TrainingPassKind kind, LayerPlan? layer, long work) => passes.Add((new TrainingPass(kind, layer), work));

        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer == plan.FirstLayerByUnits)
            {
                continue; // computed by units in phase 0, before phase 1 (Planning/FirstLayerUnitSplit)
            }

            if (layer is not BatchNormalizationLayerPlan norm)
            {
                Add(TrainingPassKind.Forward, layer, MultiplyAdds(layer));
                continue;
            }

            long values = (long)ValueWeight * norm.OutputSize;
            if (norm.HasPartialSums)
            {
                Add(TrainingPassKind.NormalizationPartialSums, norm, values);
                Add(TrainingPassKind.NormalizationMean, norm, 0);
                Add(TrainingPassKind.NormalizationPartialSquares, norm, values);
            }
            else
            {
                Add(TrainingPassKind.NormalizationMean, norm, 0);
            }

            Add(TrainingPassKind.NormalizationVariance, norm, 0);
            Add(TrainingPassKind.Normalize, norm, 2 * values);
            if (norm.Activation != ActivationKind.Linear)
            {
                Add(TrainingPassKind.NormalizationActivation, norm, values);
            }
        }

        Add(TrainingPassKind.Loss, null, (long)ValueWeight * plan.OutputSize);
        for (int i = plan.Layers.Count - 1; i >= 0; i--)
        {
            LayerPlan layer = plan.Layers[i];
            if (layer is not BatchNormalizationLayerPlan norm)
            {
                // dA_prev = dZ·W costs what the forward pass costs. The first layer passes nothing back: at most its g', which
                // is nothing for a linear layer.
                Add(TrainingPassKind.Backward, layer, i > 0 ? MultiplyAdds(layer) : layer.Activation == ActivationKind.Linear ? 0 : (long)ValueWeight * layer.OutputSize);
                continue;
            }

            long values = (long)ValueWeight * norm.OutputSize;
            if (norm.Activation != ActivationKind.Linear)
            {
                Add(TrainingPassKind.NormalizationDerivative, norm, values);
            }

            if (norm.HasPartialSums)
            {
                Add(TrainingPassKind.NormalizationGradientPartials, norm, values);
            }

            Add(TrainingPassKind.NormalizationGradientSums, norm, 0);
            Add(TrainingPassKind.NormalizationInputGradient, norm, 2 * values);
        }

        return Group(passes);
    }

    /// <summary>Runs of passes with the same <see cref="TrainingPass.OverTheBatch"/>, each one part.</summary>
    private static List<TrainingPart> Group(List<(TrainingPass Pass, long Work)> passes)
    {
        var parts = new List<TrainingPart>();
        var run = new List<TrainingPass>();
        long work = 0;
        foreach ((TrainingPass pass, long passWork) in passes)
        {
            if (run.Count > 0 && run[0].OverTheBatch != pass.OverTheBatch)
            {
                parts.Add(new TrainingPart(parts.Count, run.ToArray(), work));
                run.Clear();
                work = 0;
            }

            run.Add(pass);
            work += passWork;
        }

        parts.Add(new TrainingPart(parts.Count, run.ToArray(), work));
        return parts;
    }

    /// <summary>Multiply-adds of one sample through <paramref name="layer"/>'s forward pass, for the threading thresholds.</summary>
    public static long MultiplyAdds(LayerPlan layer) => layer switch
    {
        DenseLayerPlan => (long)layer.InputSize * layer.OutputSize,
        Conv2DLayerPlan => (long)layer.FanIn * layer.OutputSize,
        AveragePooling2DLayerPlan average => (long)average.Window.Size * average.Window.Size * layer.OutputSize, // one add per window cell
        GlobalAveragePooling2DLayerPlan => layer.InputSize, // one add per input value
        _ => layer.OutputSize,
    };
}
