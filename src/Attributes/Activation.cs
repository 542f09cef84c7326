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
}
