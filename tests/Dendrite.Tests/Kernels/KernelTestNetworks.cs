namespace Dendrite.Tests.Kernels;

/// <summary>Odd sizes everywhere (33, 17, 7, 3, 1): every block tail and scalar tail of the kernels runs.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(33)]
[Dense(17, Activation.ReLU)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Linear)]
public partial class OddSizesRegressor;

/// <summary>Odd sizes with the fused softmax cross-entropy output.</summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(7)]
[Dense(33, Activation.ReLU)]
[Dense(3, Activation.Linear)]
public partial class OddSizesClassifier;

/// <summary>
/// Large enough per sample (40,065 multiply-adds) that a batch of about a hundred is split across two threads
/// (see <see cref="Parallelism.MinimumMultiplyAddsPerThread"/>).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(100)]
[Dense(300, Activation.ReLU)]
[Dense(33, Activation.ReLU)]
[Dense(5, Activation.Linear)]
public partial class ShardedClassifier;

/// <summary>
/// Layer widths that exercise every way Predict's single-sample kernel splits units into blocks: 9-12 (one block,
/// remainder folded in), 19 and 20 (two blocks), 27 (three blocks plus one spread), 13 (a remainder block of 5).
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(5)]
[Dense(9, Activation.Tanh)]
[Dense(10, Activation.Tanh)]
[Dense(11, Activation.Tanh)]
[Dense(12, Activation.Tanh)]
[Dense(19, Activation.Tanh)]
[Dense(20, Activation.Tanh)]
[Dense(27, Activation.Tanh)]
[Dense(13, Activation.Linear)]
public partial class BlockWidthsRegressor;

/// <summary>
/// Predict(input, output, maxThreads) shares both of its first two layers (FirstLayerSharing's two-layer Run), at odd
/// sizes: 90,300 and 33,411 weights, cut at units 150 of 301 and 55 of 111, so every range ends on a block tail.
/// </summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(300)]
[Dense(301, Activation.Tanh)]
[Dense(111, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
public partial class TwoSharedLayersNet;

/// <summary>
/// The benchmarks' workload B, 784-256-128-10 (234,752 multiply-adds per sample): PredictBatch splits a batch of two
/// chunks or more across two threads (PredictBatchThreadingTests).
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Linear)]
public partial class WideDigitClassifier;

/// <summary>
/// No hidden layer, so PredictBatch runs Forward on a whole shard at once and splits at multiples of the 4-sample
/// kernel block; 3 units (a 2-unit block and a tail) over 700 inputs: 2,100 multiply-adds per sample, so about a
/// thousand samples use two threads.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(700)]
[Dense(3, Activation.Tanh)]
public partial class WideLinearRegressor;

/// <summary>
/// A first layer a two-thread step computes by units (FirstLayerUnitSplit), with every kind of leftover: 37 units cut
/// at 16 (4 × 4 | 5 × 4 + 1), so each shard's blocks end in single units; GELU keeps Z apart from A, so phase 0 writes
/// both. 65,221 multiply-adds per sample: a batch of 31 or more uses two threads.
/// </summary>
[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(1000)]
[Dense(37, Activation.GELU)]
[Dense(700, Activation.ReLU)]
[Dense(3, Activation.Linear)]
public partial class UnitSplitClassifier;

/// <summary>
/// Two layers larger than a 32 KB L1 cache, whose lone-sample blocks Predict walks in alternating directions
/// (KernelBlocks.AlternatingOrderMinimumWeights): 311 → 29 (9,019 weights; blocks 8 + 8 + 8 + 5, a row ending in a
/// partial vector) and 29 → 300 (8,700; 37 × 8 + 4), then 300 → 3 (900 weights, one block: a fixed order).
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(311)]
[Dense(29, Activation.ReLU)]
[Dense(300, Activation.Tanh)]
[Dense(3, Activation.Linear)]
public partial class AlternatingOrderRegressor;
