namespace Dendrite.Samples.OnnxImport;

/// <summary>
/// The Fashion-MNIST CNN that PyTorch trained and <c>torch.onnx.export</c> wrote (fashion-cnn.onnx: Conv, BatchNorm,
/// ReLU, MaxPool, AvgPool, Flatten, Linear; see tests/Dendrite.Tests/Onnx/Fixtures/README.md), compiled by the
/// generator into a Dendrite network with the weights built in: <c>FashionCnn.Pretrained</c> needs no file, no
/// native library and no reflection at run time. Its input is one 28×28 image, pixels scaled to [0, 1]; its
/// outputs are PyTorch's logits.
/// </summary>
[Network(Onnx = "fashion-cnn.onnx", Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
public partial class FashionCnn;
