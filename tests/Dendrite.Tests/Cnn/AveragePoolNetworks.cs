namespace Dendrite.Tests.Cnn;

// Networks for the average-pooling tests (AveragePoolTests, CnnGradientCheckTests, CnnThreadingTests). As in
// CnnNetworks, the layers before the poolings use smooth activations where finite differences check them.

/// <summary>
/// Overlapping windows (pool 3, stride 2, Valid: 7×5 → 3×2), then pool 2 with Same padding on 3×2 (→ 2×1, the lower
/// window hangs one row over the border, so it averages 2 cells, not 4).
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(7, 5, 2)]
[Conv2D(3, kernel: 1, Activation.Tanh)]
[AveragePooling2D(3, Stride = 2)]
[AveragePooling2D(2, Padding = Padding.Same)]
[Flatten]
[Dense(2, Activation.Tanh)]
public partial class OddAveragePoolNet;

/// <summary>
/// 19 channels (2 vectors of 8 + 3, 1 of 16 + 3: vector and scalar paths at both widths), pool 3 stride 2 Same on 6×5
/// (→ 3×3; the windows overhang the bottom row and both sides), then GlobalAveragePooling2D straight into Dense.
/// </summary>
[Network(Loss = Loss.CategoricalCrossentropy, FromLogits = true)]
[Input(6, 5, 3)]
[Conv2D(19, kernel: 3, Activation.Tanh, Padding = Padding.Same)]
[AveragePooling2D(3, Stride = 2, Padding = Padding.Same)]
[GlobalAveragePooling2D]
[Dense(4)]
public partial class AverageThenGlobalNet;

/// <summary>GlobalAveragePooling2D as the first layer (no input gradient to write) on 4×3×5, straight into a softmax.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy)]
[Input(4, 3, 5)]
[GlobalAveragePooling2D]
[Dense(3, Activation.Softmax)]
public partial class GlobalFirstNet;

/// <summary>Known answers, forward: pool 2, stride 1, Same on a 3×4 map; Dense(12) set to the identity reads the 3×4 pooled map.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(3, 4, 1)]
[AveragePooling2D(2, Stride = 1, Padding = Padding.Same)]
[Flatten]
[Dense(12)]
public partial class AveragePoolProbeNet;

/// <summary>
/// Known answers, backward: input channel c is 1 at pixel c only and the 1×1 convolution's weights are 1, so the
/// conv weight gradient ∂cost/∂W[c] is the pooling's input gradient at pixel c.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(3, 4, 12)]
[Conv2D(1, kernel: 1)]
[AveragePooling2D(2, Stride = 1, Padding = Padding.Same)]
[Flatten]
[Dense(1)]
public partial class AveragePoolGradientProbeNet;

/// <summary>Known answers for GlobalAveragePooling2D: 2×3×2 → 2 channel means, read by Dense(2) set to the identity.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(2, 3, 2)]
[GlobalAveragePooling2D]
[Dense(2)]
public partial class GlobalAverageProbeNet;

/// <summary>Known answers for GlobalAveragePooling2D's backward, with the one-hot-channel probe of <see cref="AveragePoolGradientProbeNet"/>.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(2, 3, 6)]
[Conv2D(1, kernel: 1)]
[GlobalAveragePooling2D]
[Dense(1)]
public partial class GlobalAverageGradientProbeNet;

/// <summary>
/// A CNN that pools by averaging only, large enough that a training step of 16 samples is split across two threads:
/// 12×12×3 → Conv2D 16 → average 2 → Conv2D 24 → average 3 stride 2 Same → global average → Dense(10).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(12, 12, 3)]
[Conv2D(16, kernel: 3, Activation.ReLU, Padding = Padding.Same)]
[AveragePooling2D(2)]
[Conv2D(24, kernel: 3, Activation.Tanh, Padding = Padding.Same)]
[AveragePooling2D(3, Stride = 2, Padding = Padding.Same)]
[GlobalAveragePooling2D]
[Dense(10)]
public partial class AveragePoolingCnn;

/// <summary>
/// Width independence: 19 channels (vector lanes and a scalar tail at widths 8 and 16), pool 3 stride 2 Same on 5×4
/// (→ 3×2, windows of 4, 6 and 9 cells); Dense(114) set to the identity reads the pooled map unchanged.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5, 4, 19)]
[AveragePooling2D(3, Stride = 2, Padding = Padding.Same)]
[Flatten]
[Dense(114)]
public partial class AveragePoolLanesNet;
