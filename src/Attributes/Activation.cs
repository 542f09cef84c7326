namespace Dendrite;

/// <summary>The activation function g applied to a layer's pre-activation z, giving a = g(z).</summary>
public enum Activation
{
    /// <summary>g(z) = z. The output layer of a regression, or of a classifier trained with <c>FromLogits = true</c>.</summary>
    Linear = 0,

    /// <summary>g(z) = max(0, z). The usual choice for hidden layers.</summary>
    ReLU = 1,

    /// <summary>g(z) = 1 / (1 + e^−z), a value in (0, 1). The output of a binary or multi-label classifier.</summary>
    Sigmoid = 2,

    /// <summary>a_j = e^z_j / Σ_k e^z_k: a probability distribution over the classes. Output layers only.</summary>
    Softmax = 3,

    /// <summary>g(z) = tanh(z), a value in (−1, 1).</summary>
    Tanh = 4,

    /// <summary>
    /// g(z) = z for z &gt; 0, else slope·z: ReLU that keeps a small gradient for negative z. The slope is declared with
    /// <c>Slope = 0.1f</c> on the layer (Keras 3's default 0.2 when omitted) and must be finite and ≥ 0.
    /// </summary>
    LeakyReLU = 5,

    /// <summary>g(z) = z for z &gt; 0, else α(e^z − 1) with α = 1 (Keras' default): smooth, saturating at −1.</summary>
    ELU = 6,

    /// <summary>
    /// g(z) = z·Φ(z) = ½z(1 + erf(z/√2)), Φ the standard normal CDF: the exact GELU, Keras' default
    /// (<c>approximate=False</c>) and PyTorch's <c>GELU()</c>.
    /// </summary>
    GELU = 7,

    /// <summary>
    /// g(z) = ½z(1 + tanh(√(2/π)(z + 0.044715z³))): GELU's tanh approximation, Keras' <c>gelu(approximate=True)</c> and
    /// PyTorch's <c>GELU(approximate='tanh')</c> (GPT-2, BERT).
    /// </summary>
    GELUTanh = 8,

    /// <summary>g(z) = z·σ(z), the sigmoid-weighted linear unit; the same function as Swish (Keras' <c>silu</c> / <c>swish</c>).</summary>
    SiLU = 9,

    /// <summary>g(z) = log(1 + e^z), a smooth ReLU, computed stably as max(z, 0) + log(1 + e^−|z|).</summary>
    Softplus = 10,
}
