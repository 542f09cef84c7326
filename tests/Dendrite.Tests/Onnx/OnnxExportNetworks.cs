namespace Dendrite.Tests.Onnx;

// Networks for the ONNX export tests, beside the existing test networks OnnxExportTests also exports: each covers layer
// kinds, options or activations the others do not (OnnxExportTests.The_exported_networks_cover_every_layer_kind_and_activation).

/// <summary>A softmax classifier that is not FromLogits (the graph ends in Softmax), with Dropout between Dense layers.</summary>
[Network(Loss = Loss.CategoricalCrossentropy)]
[Input(6)]
[Dense(9, Activation.ReLU)]
[Dropout(0.3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class OnnxSoftmaxMlp;

/// <summary>
/// Every window option at once: a strided Same convolution with uneven padding, normalised with LeakyReLU; an
/// overlapping Same average pool (count_include_pad = 0 matters at the border); a Same max pool; Dropout on an image;
/// global average pooling into a normalised Dense layer; a sigmoid output.
/// </summary>
[Network(Loss = Loss.BinaryCrossentropy)]
[Input(9, 7, 3)]
[Conv2D(6, kernel: 3, Stride = 2, Padding = Padding.Same)]
[BatchNormalization(Activation = Activation.LeakyReLU)]
[AveragePooling2D(3, Stride = 2, Padding = Padding.Same)]
[Dropout(0.25)]
[Conv2D(5, kernel: 2, Activation.ELU, Padding = Padding.Same)]
[MaxPool2D(2, Stride = 1, Padding = Padding.Same)]
[GlobalAveragePooling2D]
[Dense(4)]
[BatchNormalization(Activation = Activation.ELU)]
[Dense(2, Activation.Sigmoid)]
public partial class OnnxWindowsNet;
