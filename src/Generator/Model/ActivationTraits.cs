namespace Dendrite.Generator.Model;

/// <summary>What the planner and the emitters need to know about an activation beyond its formula.</summary>
internal static class ActivationTraits
{
    /// <summary>
    /// Whether g' must be computed from the pre-activation Z rather than from the stored activation A. ReLU, LeakyReLU,
    /// ELU, sigmoid and tanh have derivatives written in a (ELU: a + 1 for z ≤ 0); GELU, its tanh form, SiLU and softplus
    /// are not invertible from a cheaply (GELU and SiLU are not even one-to-one), so their layers keep Z for the backward pass.
    /// </summary>
    public static bool DerivativeNeedsZ(ActivationKind kind) =>
        kind is ActivationKind.GELU or ActivationKind.GELUTanh or ActivationKind.SiLU or ActivationKind.Softplus;
}
