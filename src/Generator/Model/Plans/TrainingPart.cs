using System.Collections.Generic;

namespace Dendrite.Generator.Model;

/// <summary>What one pass of a training step's phase 1 computes (<see cref="TrainingPass"/>).</summary>
internal enum TrainingPassKind
{
    /// <summary>By samples: a layer's forward pass, its Z and A from the previous layer's A.</summary>
    Forward,

    /// <summary>By samples: Σ x over each sample's pixels, per channel, into the sample's partial sums (image layers only).</summary>
    NormalizationPartialSums,

    /// <summary>On one thread: μ_B = Σ x / N, from the samples' partial sums, or from the values when a channel has one per sample.</summary>
    NormalizationMean,

    /// <summary>By samples: Σ (x − μ_B)² over each sample's pixels, per channel, into the sample's partial sums (image layers only).</summary>
    NormalizationPartialSquares,

    /// <summary>On one thread: σ²_B, 1/√(σ²_B + ε) and a step of the moving statistics.</summary>
    NormalizationVariance,

    /// <summary>By samples: x̂ = (x − μ_B)/√(σ²_B + ε) and Z = γ·x̂ + β.</summary>
    Normalize,

    /// <summary>By samples: a BatchNormalization layer's activation, A = g(Z) in place.</summary>
    NormalizationActivation,

    /// <summary>By samples: the loss of every sample and its gradient, ∂cost/∂Z (or ∂cost/∂A) of the output layer.</summary>
    Loss,

    /// <summary>By samples: a BatchNormalization layer's dZ = dA ⊙ g'(Z).</summary>
    NormalizationDerivative,

    /// <summary>By samples: Σ dZ and Σ dZ·x̂ over each sample's pixels, per channel, into its partial sums (image layers only).</summary>
    NormalizationGradientPartials,

    /// <summary>On one thread: dβ = Σ dZ and dγ = Σ dZ·x̂ over the batch, written into the gradients.</summary>
    NormalizationGradientSums,

    /// <summary>By samples: a BatchNormalization layer's dx, from dZ, x̂ and the batch sums dβ and dγ.</summary>
    NormalizationInputGradient,

    /// <summary>By samples: a layer's backward pass through the samples, its dZ and the previous layer's dA.</summary>
    Backward,
}

/// <summary>One pass of phase 1: what it computes, and for which layer (none for the loss).</summary>
internal sealed record TrainingPass(TrainingPassKind Kind, LayerPlan? Layer)
{
    /// <summary>
    /// Whether the pass reads the whole batch (a BatchNormalization's sums over the samples), and so runs on one thread
    /// in a part of its own; every other pass treats each sample apart.
    /// </summary>
    public bool OverTheBatch => Kind is TrainingPassKind.NormalizationMean or TrainingPassKind.NormalizationVariance or TrainingPassKind.NormalizationGradientSums;
}

/// <summary>
/// A part of a training step's phase 1 (forward, loss, backward), which every shard finishes before the next part
/// starts: a run of passes by samples, split between the threads at whole blocks of samples, or a run of passes over
/// the batch, on one thread (<c>Planning/TrainingPartPlanner</c>).
/// </summary>
/// <param name="Index">Position in the step, from 0.</param>
/// <param name="Passes">What the part computes, in order.</param>
/// <param name="WorkPerSample">
/// Multiply-adds (or values passed over, weighted) per sample of the batch, for <c>Parallelism.ThreadsFor</c>: how many
/// threads a part by samples affords.
/// </param>
internal sealed record TrainingPart(int Index, IReadOnlyList<TrainingPass> Passes, long WorkPerSample)
{
    /// <summary>Whether this part's passes read the whole batch: it runs on one thread.</summary>
    public bool OverTheBatch => Passes[0].OverTheBatch;
}
