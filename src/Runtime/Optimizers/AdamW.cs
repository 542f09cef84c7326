using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// AdamW: Adam with decoupled weight decay (Loshchilov and Hutter), with Keras' defaults and update rule. Each step
/// first shrinks every parameter by α·λ of itself, then takes the Adam step:
/// <code>
/// θ ← θ − (α·λ)·θ                          (decoupled weight decay; α is the learning rate, not α_t)
/// m ← m + (1 − β1)·(g − m)
/// v ← v + (1 − β2)·(g² − v)
/// α_t = α·√(1 − β2^t) / (1 − β1^t)
/// θ ← θ − α_t·m / (√v + ε)
/// </code>
/// As in Keras and PyTorch every parameter decays, biases included. ε is added to √v with the bias correction
/// folded into α_t (Keras' placement); PyTorch adds ε to √v̂ = √(v / (1 − β2^t)), so its ε acts √(1 − β2^t) times
/// larger. One vectorised pass over the flat buffer (AdamWRmsPropKnownAnswerTests.AdamW_follows_keras_for_several_steps).
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>AdamW with Keras' defaults: α = 0.001, λ = 0.004, β1 = 0.9, β2 = 0.999, ε = 1e-7.</summary>
    /// <param name="learningRate">α, positive.</param>
    /// <param name="weightDecay">λ, the fraction of α·θ removed from each parameter per step, in [0, ∞).</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment average, in [0, 1).</param>
    /// <param name="epsilon">Added to √v for stability, positive.</param>
    public AdamW(float learningRate = 0.001f, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate, beta1, beta2, epsilon)
    {
        WeightDecay = Guard.NonNegativeFinite(weightDecay, nameof(weightDecay));
    }

    /// <summary>λ, the decoupled weight decay.</summary>
    public float WeightDecay { get; }

    /// <summary>α·λ with the current learning rate (a schedule changes it every step), as Keras decays.</summary>
    private protected override float DecayFactor => LearningRate * WeightDecay;
}
