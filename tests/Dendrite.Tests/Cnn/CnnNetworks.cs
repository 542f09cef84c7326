namespace Dendrite.Tests.Cnn;

// Small convolutional networks on odd shapes (nothing divides the vector width or the stride), for the
// gradient checks. Hidden layers use smooth activations (tanh, sigmoid) so central finite differences are
// accurate; ReLU is covered by its own network with inputs kept away from the kink by the check's tolerance.

/// <summary>7×5×2 input, kernel 3, stride 2, valid padding, then a second convolution (so dX of the first is used).</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 5, 2)]
[Conv2D(3, kernel: 3, Activation.Tanh, Stride = 2)]
[Conv2D(5, kernel: 2, Activation.Sigmoid)]
[Flatten]
[Dense(3)]
public partial class ConvValidStride2Net;

/// <summary>7×5×2 input, kernel 3, stride 2, same padding (uneven padding: 1 before, 1 or 2 after).</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(7, 5, 2)]
[Conv2D(4, kernel: 3, Activation.Tanh, Stride = 2, Padding = Padding.Same)]
[Conv2D(3, kernel: 3, Activation.Tanh, Padding = Padding.Same)]
[Flatten]
[Dense(3)]
public partial class ConvSameStride2Net;

/// <summary>Pooling with odd sizes: pool 3 stride 2 (overlapping windows) on 7×5, then pool 2 same on 3×2.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 5, 2)]
[Conv2D(3, kernel: 1, Activation.Tanh)]
[MaxPool2D(3, Stride = 2)]
[MaxPool2D(2, Padding = Padding.Same)]
[Flatten]
[Dense(2, Activation.Tanh)]
public partial class OddPoolNet;

/// <summary>
/// Filter counts that exercise every kernel path at every vector width: 37 filters = 4 vectors of 8 + 5 (AVX2),
/// 2 vectors of 16 + 5 (AVX-512); then 17 filters; channels 3 into a pool with a vector tail.
/// </summary>
[Network(Loss = Loss.CategoricalCrossentropy, FromLogits = true)]
[Input(6, 5, 3)]
[Conv2D(37, kernel: 3, Activation.Tanh, Padding = Padding.Same)]
[MaxPool2D(2)]
[Conv2D(17, kernel: 2, Activation.Sigmoid)]
[Flatten]
[Dense(4)]
public partial class WideFilterNet;

/// <summary>The Fashion-MNIST network, for shape and parameter-count checks.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(28, 28, 1)]
[Conv2D(32, kernel: 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, kernel: 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class FashionCnn;

/// <summary>
/// Rows wide enough for the forward pass's four-pixel blocks, next to border pixels that take the one-pixel path:
/// 5×13×2 input, same padding, stride 1 then stride 2, and 19 filters (2 vectors of 8 + 3, 1 of 16 + 3) so the
/// blocked kernel's vector and scalar tails run too.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(5, 13, 2)]
[Conv2D(19, kernel: 3, Activation.Tanh, Padding = Padding.Same)]
[Conv2D(5, kernel: 2, Activation.Sigmoid, Stride = 2)]
[Flatten]
[Dense(3)]
public partial class WideRowNet;

/// <summary>
/// Every blocked Conv2D path of ConvKernelPlanner on odd sizes, at every vector width: layer 1 (Valid, 4×7 = 28 output
/// pixels: 6- or 3-pixel blocks across row ends, then single pixels; 20 filters = vectors + a tail; dW rows of a 9-tap
/// kernel row in blocks of 6 or 3); layer 2 (Same, stride 1: input-gradient blocks of the interior's 5 columns over 20
/// channels, border pixels alone); layer 3 (Valid, kernel 2: the per-kernel-position input gradient over 18 pixels and
/// 11 channels, dW runs of 22 taps); then overlapping max pooling over 9 channels (a vector and a tail at Count 8).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(6, 9, 3)]
[Conv2D(20, kernel: 3, Activation.Tanh)]
[Conv2D(11, kernel: 3, Activation.Sigmoid, Padding = Padding.Same)]
[Conv2D(9, kernel: 2, Activation.Tanh)]
[MaxPool2D(2, Stride = 1)]
[Flatten]
[Dense(3)]
public partial class BlockedPathsNet;
