namespace Dendrite.Tests.Networks;

// Networks for the gradient checks of the activations of current architectures (ModernActivationGradientCheckTests):
// each new activation as the output of a mean-squared-error network, and every one of them hidden, so both the kept-Z
// path of hidden layers (GELU, GELUTanh, SiLU, Softplus) and the output's (Z is the logits) are checked. Widths are
// 1, 3, 7, 17 and 33, none a multiple of a vector width, so the vectorised LeakyReLU and ELU loops run their tails.

/// <summary>GELU output; LeakyReLU (slope 0.1), GELUTanh, SiLU and ELU hidden.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7)]
[Dense(17, Activation.LeakyReLU, Slope = 0.1f)]
[Dense(3, Activation.GELUTanh)]
[Dense(33, Activation.SiLU)]
[Dense(7, Activation.ELU)]
[Dense(3, Activation.GELU)]
public partial class GcMseGelu;

/// <summary>SiLU output; GELU, Softplus and LeakyReLU (Keras' default slope 0.2) hidden.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(3)]
[Dense(33, Activation.GELU)]
[Dense(7, Activation.Softplus)]
[Dense(17, Activation.LeakyReLU)]
[Dense(7, Activation.SiLU)]
public partial class GcMseSilu;

/// <summary>Softplus output; SiLU, ELU and GELU hidden.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(7, Activation.SiLU)]
[Dense(33, Activation.ELU)]
[Dense(3, Activation.GELU)]
[Dense(1, Activation.Softplus)]
public partial class GcMseSoftplus;

/// <summary>LeakyReLU output with a slope above 1; Softplus and GELUTanh hidden.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(17, Activation.Softplus)]
[Dense(7, Activation.GELUTanh)]
[Dense(3, Activation.LeakyReLU, Slope = 1.5f)]
public partial class GcMseLeakyReLU;

/// <summary>ELU output; GELU hidden.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7)]
[Dense(17, Activation.GELU)]
[Dense(3, Activation.ELU)]
public partial class GcMseElu;

/// <summary>GELUTanh output; ELU hidden.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(3)]
[Dense(7, Activation.ELU)]
[Dense(1, Activation.GELUTanh)]
public partial class GcMseGeluTanh;

/// <summary>Kept-Z hidden layers under a loss fused with its output (binary cross-entropy from logits).</summary>
[Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)]
[Input(7)]
[Dense(17, Activation.GELU)]
[Dense(7, Activation.SiLU)]
[Dense(1)]
public partial class GcBceLogitsGelu;

/// <summary>Convolutions with LeakyReLU (slope 0.05) and GELU (kept Z), then SiLU and Softplus on Dense.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 5, 2)]
[Conv2D(3, kernel: 3, Activation.LeakyReLU, Slope = 0.05f, Stride = 2)]
[Conv2D(5, kernel: 2, Activation.GELU, Padding = Padding.Same)]
[Flatten]
[Dense(3, Activation.SiLU)]
[Dense(2, Activation.Softplus)]
public partial class ConvModernActivationsNet;

/// <summary>Convolutions with ELU, SiLU and GELUTanh, ending in a softmax classifier.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(6, 5, 3)]
[Conv2D(17, kernel: 3, Activation.ELU, Padding = Padding.Same)]
[Conv2D(4, kernel: 2, Activation.SiLU)]
[Conv2D(3, kernel: 2, Activation.GELUTanh)]
[Flatten]
[Dense(3)]
public partial class ConvSmoothActivationsNet;

/// <summary>
/// One Dense(17) layer of each vectorised activation, for the bit-for-bit checks against the runtime's scalar functions:
/// ActivationKernelTests sets W = I and b = 0, so Z is the input exactly.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(17, Activation.LeakyReLU, Slope = 0.3f)]
public partial class IdentityLeakyReLU;

/// <summary>As <see cref="IdentityLeakyReLU"/>, for every other new activation, one network each.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(17, Activation.ELU)]
public partial class IdentityElu;

[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(17, Activation.GELU)]
public partial class IdentityGelu;

[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(17, Activation.GELUTanh)]
public partial class IdentityGeluTanh;

[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(17, Activation.SiLU)]
public partial class IdentitySilu;

[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(17, Activation.Softplus)]
public partial class IdentitySoftplus;

/// <summary>
/// Large enough (41,708 multiply-adds a sample) that a batch of 103 splits across 2 threads, with kept-Z hidden
/// layers (GELU, SiLU), the vectorised LeakyReLU and ELU, and a softplus output, for ActivationDeterminismTests.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(100)]
[Dense(170, Activation.GELU)]
[Dense(96, Activation.SiLU)]
[Dense(64, Activation.LeakyReLU, Slope = 0.1f)]
[Dense(33, Activation.ELU)]
[Dense(4, Activation.Softplus)]
public partial class ModernShardedRegressor;
