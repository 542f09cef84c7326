namespace Dendrite.Tests.Cnn;

// Pairs of networks for ActivationFusionTests: the same maths, once with the ReLU passes fused into the Conv2D kernels'
// stores and the MaxPool2D backward (ActivationFusion), once with them as passes of their own. 37 and 17 filters are
// vectors plus a scalar tail at every width, so both the vector and the scalar forms of max(z, 0) and ReLU' are met.

/// <summary>
/// A linear convolution (kernels store Z), then a Dense layer that ActivationFusionTests sets to the identity (W = I, b = 0:
/// each output sums one value and zeros, so it is that value exactly): the outputs are Z.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 6, 3)]
[Conv2D(37, kernel: 3, Activation.Linear)]
[Flatten]
[Dense(740)]
public partial class LinearConvIdentityNet;

/// <summary>The same with ReLU, which its kernels apply as they store (a hidden ReLU convolution): the outputs are A = ReLU(Z).</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 6, 3)]
[Conv2D(37, kernel: 3, Activation.ReLU)]
[Flatten]
[Dense(740)]
public partial class ReLUConvIdentityNet;

/// <summary>
/// ReLU convolutions straight into max-pooling: tiling windows after a Valid convolution, overlapping windows (pool 3,
/// stride 2) after a Same one. Both poolings apply ReLU' as they route the gradient.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(10, 9, 3)]
[Conv2D(37, kernel: 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(17, kernel: 2, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(3, Stride = 2)]
[Flatten]
[Dense(4)]
public partial class ReLUPoolFusedNet;

/// <summary>
/// <see cref="ReLUPoolFusedNet"/> with a 1×1 average pooling (the identity: one value times 1) after each convolution,
/// so no MaxPool2D follows a convolution: each applies ReLU' in a pass of its own (ReLUBackward).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(10, 9, 3)]
[Conv2D(37, kernel: 3, Activation.ReLU)]
[AveragePooling2D(1)]
[MaxPool2D(2)]
[Conv2D(17, kernel: 2, Activation.ReLU, Padding = Padding.Same)]
[AveragePooling2D(1)]
[MaxPool2D(3, Stride = 2)]
[Flatten]
[Dense(4)]
public partial class ReLUPoolUnfusedNet;
