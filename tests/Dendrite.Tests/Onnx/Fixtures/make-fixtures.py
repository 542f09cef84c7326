#!/usr/bin/python3
"""Regenerates the ONNX fixtures beside this file, and the ONNX models of benchmark workloads A and B.

Real tools, real training: PyTorch trains an MLP and a small CNN on Fashion-MNIST and torch.onnx.export writes
them (opset 17, dynamic batch); small per-operator models and hostile files complete the set. Everything is
checked in, so CI and the tests never need Python. Debian's packages are enough:

    apt-get install -y python3-torch python3-onnx dataset-fashion-mnist   # torch 1.13.1, onnx 1.12.0
    /usr/bin/python3 tests/Dendrite.Tests/Onnx/Fixtures/make-fixtures.py  # ~5 minutes on an idle 2-core machine

(`/usr/bin/python3`: a pyenv or venv python3 earlier on PATH does not see Debian's packages.) Options:
--only trained|operators|hostile|bench, --data DIR (default $DENDRITE_FASHION_MNIST, else
/usr/share/datasets/fashion-mnist). Seeds are fixed; PyTorch's CPU kernels are not bit-reproducible across
thread counts and machines, so a rerun gives near-identical, not identical, weights and accuracies.

What it writes, and what each file is for, is in fixtures.json (written last) and README.md beside this file.
Conventions shared by all non-hostile files: one graph input named "input" whose first dimension is the symbolic
"batch", one output named "output" [batch, outputs]; image inputs are NCHW unless the name says "nhwc".
"""

import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import helper, numpy_helper, TensorProto

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
BENCH_MODELS = os.path.join(REPO, "bench", "models")
OPSET = 17

# One thread: PyTorch's two-thread kernels crawl on a shared, loaded machine, and the models are small.
torch.set_num_threads(1)


# ---------------------------------------------------------------------------------------------------- data ----

def read_idx(path):
    """An IDX file (gzip): unsigned bytes with a big-endian header of dimension sizes."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_fashion_mnist(folder):
    def images(name):
        return read_idx(os.path.join(folder, name)).astype(np.float32) / 255.0

    def labels(name):
        return read_idx(os.path.join(folder, name)).astype(np.int64)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


# ---------------------------------------------------------------------------------------------- export ----

def export(model, example, path, opset=OPSET, dynamic=None, training=torch.onnx.TrainingMode.EVAL):
    """torch.onnx.export with the fixtures' conventions: "input" → "output", first dimension "batch"."""
    model.eval()
    dynamic = dynamic or {"input": {0: "batch"}, "output": {0: "batch"}}
    torch.onnx.export(model, example, path, opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes=dynamic, training=training, do_constant_folding=True)


def graph_ops(path):
    return [node.op_type for node in onnx.load(path, load_external_data=False).graph.node]


def check(path):
    onnx.checker.check_model(onnx.load(path))


def floats(t):
    """A tensor as a flat list of float32 values, written in JSON as the shortest decimal that reads back exactly."""
    return [float(repr(float(v))) for v in t.detach().numpy().astype(np.float32).ravel()]


def entry(path, kind, model_input_shape, layout, notes, **extra):
    name = os.path.basename(path)
    item = {
        "file": name,
        "kind": kind,
        "bytes": os.path.getsize(path),
        "input": {"name": "input", "shape": model_input_shape, "layout": layout},
        "ops": graph_ops(path),
        "notes": notes,
    }
    item.update(extra)
    return item


# --------------------------------------------------------------------------------------------- trained ----

class FashionMlp(nn.Module):
    """784 → 64 ReLU → Dropout(0.2) → 32 ReLU → 10 logits."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 32), nn.ReLU(),
                                    nn.Linear(32, 10))

    def forward(self, x):
        return self.layers(x)


class FashionCnn(nn.Module):
    """NCHW 1×28×28 → Conv(8, 3×3, pad 1, no bias) → BN → ReLU → MaxPool 2 → Conv(16, 3×3, pad 1, no bias) → BN →
    ReLU → AvgPool 2 → Flatten (16×7×7 = 784, CHW order) → Dropout(0.25) → Linear(32) → ReLU → Linear(10) logits."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.AvgPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Dropout(0.25), nn.Linear(16 * 7 * 7, 32), nn.ReLU(),
                                        nn.Linear(32, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


def train(model, x, y, epochs, batch=64, lr=1e-3, seed=0):
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    for epoch in range(epochs):
        model.train()  # Dropout drops, BatchNorm uses batch statistics and updates its running ones.
        order = torch.randperm(len(x), generator=generator)
        start, total = time.time(), 0.0
        for i in range(0, len(x), batch):
            idx = order[i:i + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
            if (i // batch) % 200 == 199:
                print(f"    step {i // batch + 1}: {time.time() - start:.0f} s", flush=True)
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f} ({time.time() - start:.1f} s)", flush=True)


@torch.no_grad()
def test_accuracy(model, x, y):
    model.eval()
    logits = model(torch.from_numpy(x))
    correct = int((logits.argmax(dim=1).numpy() == y).sum())
    return correct, logits


def make_trained(data_folder):
    x_train, y_train, x_test, y_test = load_fashion_mnist(data_folder)
    entries = []

    print("MLP on Fashion-MNIST", flush=True)
    torch.manual_seed(1)
    mlp = FashionMlp()
    epochs = 4
    train(mlp, x_train.reshape(-1, 784), y_train, epochs)
    correct, logits = test_accuracy(mlp, x_test.reshape(-1, 784), y_test)
    path = os.path.join(HERE, "fashion-mlp.onnx")
    export(mlp, torch.zeros(1, 784), path)
    check(path)
    print(f"  test accuracy {correct / len(y_test):.4f}", flush=True)
    entries.append(entry(
        path, "trained", ["batch", 784], "flat 784 pixels (row-major 28×28), scaled to [0, 1]",
        "Exported with TrainingMode.EVAL (PyTorch's default): Dropout leaves no node.",
        architecture="784-64(ReLU)-Dropout(0.2)-32(ReLU)-10 logits",
        training=f"Adam 1e-3, batch 64, {epochs} epochs, cross-entropy from logits, 60,000 training images, seed 1",
        test_correct=correct, test_count=len(y_test), test_accuracy=round(correct / len(y_test), 4),
        first_test_logits=[floats(row) for row in logits[:8]]))

    print("CNN on Fashion-MNIST", flush=True)
    torch.manual_seed(2)
    cnn = FashionCnn()
    epochs = 3
    x_train_nchw, x_test_nchw = x_train.reshape(-1, 1, 28, 28), x_test.reshape(-1, 1, 28, 28)
    train(cnn, x_train_nchw, y_train, epochs)
    correct, logits = test_accuracy(cnn, x_test_nchw, y_test)
    print(f"  test accuracy {correct / len(y_test):.4f}", flush=True)
    common = dict(
        architecture="Conv(8,3,pad1,no bias)-BN-ReLU-MaxPool2-Conv(16,3,pad1,no bias)-BN-ReLU-AvgPool2-Flatten-"
                     "Dropout(0.25)-Linear(32)-ReLU-Linear(10) logits; BatchNorm eps 1e-5 (PyTorch's default)",
        training=f"Adam 1e-3, batch 64, {epochs} epochs, cross-entropy from logits, 60,000 training images, seed 2",
        test_correct=correct, test_count=len(y_test), test_accuracy=round(correct / len(y_test), 4),
        first_test_logits=[floats(row) for row in logits[:8]])
    # TrainingMode.PRESERVE on a model in eval mode exports inference but skips the eval peephole pass that would
    # fold each BatchNorm into its Conv: the graph keeps its BatchNormalization nodes (the fused file is below).
    path = os.path.join(HERE, "fashion-cnn.onnx")
    export(cnn, torch.zeros(1, 1, 28, 28), path, training=torch.onnx.TrainingMode.PRESERVE)
    check(path)
    entries.append(entry(
        path, "trained", ["batch", 1, 28, 28], "NCHW, pixels scaled to [0, 1]",
        "Exported with TrainingMode.PRESERVE on the model in eval mode, so the BatchNormalization nodes stay "
        "(inference statistics, epsilon 1e-5); Dropout leaves no node. Conv nodes have no bias input. "
        "nn.AvgPool2d(2) exports as an all-zero Pad then AveragePool (see op-avgpool).", **common))
    path = os.path.join(HERE, "fashion-cnn-fused.onnx")
    export(cnn, torch.zeros(1, 1, 28, 28), path)
    check(path)
    entries.append(entry(
        path, "trained", ["batch", 1, 28, 28], "NCHW, pixels scaled to [0, 1]",
        "The same trained CNN exported with TrainingMode.EVAL (PyTorch's default): the exporter folds each "
        "BatchNorm into the Conv before it (Conv nodes gain a bias), so no BatchNormalization node; the all-zero Pad "
        "before AveragePool stays.", **common))
    return entries


# ------------------------------------------------------------------------------------------- operators ----

class MatMulAdd(nn.Module):
    """x @ W + b with W stored [in, out]: exports MatMul then Add (nn.Linear on a 2-D input exports Gemm)."""

    def __init__(self, inputs, outputs):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(inputs, outputs) / inputs ** 0.5)
        self.bias = nn.Parameter(torch.randn(outputs) * 0.1)

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


class ReshapeFlat(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.features = features

    def forward(self, x):
        return x.reshape(-1, self.features)  # a Reshape whose shape is the constant [-1, features]


class Permute(nn.Module):
    def __init__(self, *perm):
        super().__init__()
        self.perm = perm

    def forward(self, x):
        return x.permute(*self.perm)


def randomise_batchnorm(bn):
    """Inference statistics and affine parameters far from the identity, so a mapping that ignores any of them
    shows."""
    with torch.no_grad():
        c = bn.num_features
        bn.running_mean.copy_(torch.randn(c) * 0.5)
        bn.running_var.copy_(torch.rand(c) * 1.5 + 0.25)
        bn.weight.copy_(torch.rand(c) + 0.5)
        bn.bias.copy_(torch.randn(c) * 0.3)


def dense_around(activation, inputs=12, hidden=8, outputs=5):
    return nn.Sequential(nn.Linear(inputs, hidden), activation, nn.Linear(hidden, outputs))


def conv_stack(*layers):
    return nn.Sequential(*layers)


def operator_models():
    """(name, model, input shape without batch, layout, what it covers) for each per-operator fixture."""
    dense = [
        ("op-gemm", nn.Sequential(nn.Linear(12, 5)), "Gemm (transB=1): nn.Linear on a 2-D input"),
        ("op-matmul-add", nn.Sequential(MatMulAdd(12, 8), nn.ReLU(), MatMulAdd(8, 5)),
         "MatMul + Add with W as [in, out] (no transpose), then Relu"),
        ("op-relu", dense_around(nn.ReLU()), "Relu between two Gemm"),
        ("op-sigmoid", dense_around(nn.Sigmoid()), "Sigmoid"),
        ("op-tanh", dense_around(nn.Tanh()), "Tanh"),
        ("op-leaky-relu", dense_around(nn.LeakyReLU(0.1)), "LeakyRelu with alpha 0.1 (not PyTorch's 0.01 default "
                                                           "nor Keras' 0.2: the attribute must be read)"),
        ("op-elu", dense_around(nn.ELU()), "Elu, alpha 1"),
        ("op-softplus", dense_around(nn.Softplus()), "Softplus (beta 1, exported as the Softplus operator)"),
        ("op-gelu", dense_around(nn.GELU()), "GELU as PyTorch 1.13 exports it: Div(x, 1.4142135) → Erf → Add 1 → "
                                             "Mul x → Mul 0.5"),
        ("op-gelu-tanh", dense_around(nn.GELU(approximate="tanh")),
         "GELU with approximate='tanh' as PyTorch 1.13 exports it (Dendrite's GELUTanh; not in the issue's import "
         "list: supporting it is optional, refusing it must be a clean diagnostic)"),
        ("op-silu", dense_around(nn.SiLU()), "SiLU as PyTorch exports it: Mul(x, Sigmoid(x))"),
        ("op-softmax", nn.Sequential(nn.Linear(12, 5), nn.Softmax(dim=-1)), "Softmax(axis=-1) as the output"),
    ]
    dense_bn = nn.Sequential(nn.Linear(12, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 5))
    randomise_batchnorm(dense_bn[1])
    dense.append(("op-batchnorm-dense", dense_bn,
                  "Gemm → BatchNormalization over features (BatchNorm1d, epsilon 1e-5, random statistics) → Relu"))
    models = [(name, model, [12], "features", notes) for name, model, notes in dense]

    conv_bn = conv_stack(nn.Conv2d(3, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(),
                         nn.Linear(4 * 6 * 6, 5))
    randomise_batchnorm(conv_bn[1])
    images = [
        ("op-conv-same-stride2", conv_stack(nn.Conv2d(3, 4, 3, stride=2, padding=1), nn.ReLU(), nn.Flatten(),
                                            nn.Linear(4 * 5 * 5, 5)), [3, 9, 9],
         "Conv 3×3, strides 2, pads 1 on 9×9 (= Keras/Dendrite Same: ⌈9/2⌉ = 5), 3 → 4 channels; Flatten of a "
         "4-channel CHW map into Gemm (the importer must permute that Gemm's weights)"),
        ("op-conv-valid", conv_stack(nn.Conv2d(2, 4, 5), nn.Tanh(), nn.Flatten(), nn.Linear(4 * 4 * 4, 5)),
         [2, 8, 8], "Conv 5×5, no pads (Valid), 2 → 4 channels, then Tanh"),
        ("op-conv-valid-stride2", conv_stack(nn.Conv2d(3, 6, 3, stride=2), nn.ReLU(), nn.Flatten(),
                                             nn.Linear(6 * 4 * 4, 5)), [3, 9, 9],
         "Conv 3×3, strides 2, no pads on 9×9 (Valid: ⌊(9 − 3)/2⌋ + 1 = 4)"),
        ("op-maxpool", conv_stack(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                                  nn.Linear(4 * 4 * 4, 5)), [3, 8, 8], "MaxPool 2×2, strides 2, no pads"),
        ("op-maxpool-pad", conv_stack(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2, padding=1),
                                      nn.Flatten(), nn.Linear(4 * 4 * 4, 5)), [3, 7, 7],
         "MaxPool 3×3, strides 2, pads 1 on 7×7 (= Same: ⌈7/2⌉ = 4, padding 1 on each side)"),
        ("op-avgpool", conv_stack(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(),
                                  nn.Linear(4 * 4 * 4, 5)), [3, 8, 8],
         "nn.AvgPool2d(2) as PyTorch 1.13 exports it: with count_include_pad=True (PyTorch's default) the exporter "
         "writes a Pad whose pads are a Constant of zeros before AveragePool 2×2 (strides 2, no pads): that Pad "
         "changes nothing and must be removed"),
        ("op-avgpool-pad", conv_stack(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(),
                                      nn.AvgPool2d(3, 2, padding=1, count_include_pad=False), nn.Flatten(),
                                      nn.Linear(4 * 4 * 4, 5)), [3, 7, 7],
         "AveragePool 3×3, strides 2, pads 1, count_include_pad=0 on 7×7 (= Keras/Dendrite Same: padding not "
         "counted)"),
        ("op-global-avgpool", conv_stack(nn.Conv2d(3, 6, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                                         nn.Flatten(), nn.Linear(6, 5)), [3, 6, 6],
         "GlobalAveragePool (from AdaptiveAvgPool2d(1)) → Flatten → Gemm"),
        ("op-batchnorm-conv", conv_bn, [3, 6, 6],
         "Conv without bias → BatchNormalization per channel (epsilon 1e-5, random statistics) → Relu; exported "
         "with TrainingMode.PRESERVE so the node is not folded into the Conv"),
        ("op-reshape-flat", conv_stack(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), ReshapeFlat(4 * 5 * 5),
                                       nn.Linear(4 * 5 * 5, 5)), [3, 5, 5],
         "Reshape to [-1, C·H·W] (a constant shape) instead of Flatten"),
    ]
    models += [(name, model, shape, "NCHW", notes) for name, model, shape, notes in images]
    models.append((
        "op-nhwc-transpose",
        conv_stack(Permute(0, 3, 1, 2), nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), Permute(0, 2, 3, 1), nn.Flatten(),
                   nn.Linear(6 * 6 * 4, 5)),
        [6, 6, 3], "NHWC",
        "Dendrite's own export convention: NHWC input, Transpose(perm 0,3,1,2) at the input, Transpose(perm 0,2,3,1) "
        "before Flatten, so the Gemm after it takes HWC order"))
    return models


def make_dropout_identity(path):
    """An MLP whose graph holds an inference Dropout node and an Identity node (PyTorch's EVAL export drops both,
    so they are put in with the onnx helper): the importer must remove them."""
    torch.manual_seed(100)
    mlp = dense_around(nn.ReLU())
    sample = torch.randn(2, 12)
    with torch.no_grad():
        expected = mlp(sample)
    export(mlp, torch.zeros(1, 12), path)
    model = onnx.load(path)
    graph = model.graph
    relu = next(n for n in graph.node if n.op_type == "Relu")
    relu_out = relu.output[0]
    relu.output[0] = "relu_raw"
    ratio = numpy_helper.from_array(np.array(0.5, dtype=np.float32), "dropout_ratio")
    graph.initializer.append(ratio)
    dropout = helper.make_node("Dropout", ["relu_raw", "dropout_ratio"], ["dropped"], name="Dropout_inference")
    identity = helper.make_node("Identity", ["dropped"], [relu_out], name="Identity_0")
    index = list(graph.node).index(relu)
    graph.node.insert(index + 1, dropout)
    graph.node.insert(index + 2, identity)
    onnx.save(model, path)
    check(path)
    return sample, expected


def make_gelu_native(path):
    """Gemm → Gelu (the operator ONNX added in opset 20) → Gemm, built with the onnx helper from a PyTorch model's
    weights (onnx 1.12 predates opset 20: the checker is not run on it; ONNX Runtime runs it)."""
    torch.manual_seed(101)
    mlp = dense_around(nn.GELU())
    sample = torch.randn(2, 12)
    with torch.no_grad():
        expected = mlp(sample)
    first, last = mlp[0], mlp[2]
    inits = [numpy_helper.from_array(t.detach().numpy(), n) for n, t in
             [("w1", first.weight), ("b1", first.bias), ("w2", last.weight), ("b2", last.bias)]]
    nodes = [helper.make_node("Gemm", ["input", "w1", "b1"], ["h"], name="Gemm_0", transB=1),
             helper.make_node("Gelu", ["h"], ["g"], name="Gelu_1"),
             helper.make_node("Gemm", ["g", "w2", "b2"], ["output"], name="Gemm_2", transB=1)]
    graph = helper.make_graph(nodes, "gelu_native",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 12])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 5])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)], producer_name="make-fixtures.py")
    model.ir_version = 8
    onnx.save(model, path)
    return sample, expected


def make_operators():
    entries = []
    for i, (name, model, shape, layout, notes) in enumerate(operator_models()):
        torch.manual_seed(10 + i)
        sample = torch.randn(2, *shape) if layout == "features" else torch.rand(2, *shape)
        with torch.no_grad():
            model.eval()
            expected = model(sample)
        path = os.path.join(HERE, name + ".onnx")
        preserve = name == "op-batchnorm-conv"
        export(model, torch.zeros(1, *shape), path,
               training=torch.onnx.TrainingMode.PRESERVE if preserve else torch.onnx.TrainingMode.EVAL)
        check(path)
        entries.append(entry(path, "operator", ["batch"] + shape, layout, notes, opset=OPSET,
                             sample_input=floats(sample), sample_output=floats(expected),
                             output_shape=["batch", expected.shape[1]]))
        print(f"  {name}: {entries[-1]['ops']}", flush=True)

    path = os.path.join(HERE, "op-dropout-identity.onnx")
    sample, expected = make_dropout_identity(path)
    entries.append(entry(path, "operator", ["batch", 12], "features",
                         "Gemm → Relu → Dropout (inference, ratio input 0.5, no training_mode) → Identity → Gemm: "
                         "both must be removed", opset=OPSET, sample_input=floats(sample),
                         sample_output=floats(expected), output_shape=["batch", 5]))
    path = os.path.join(HERE, "op-gelu-native-opset20.onnx")
    sample, expected = make_gelu_native(path)
    entries.append(entry(path, "operator", ["batch", 12], "features",
                         "The native Gelu operator (opset 20, approximate='none'), same function as op-gelu",
                         opset=20, sample_input=floats(sample), sample_output=floats(expected),
                         output_shape=["batch", 5]))
    return entries


# --------------------------------------------------------------------------------------------- hostile ----

def make_hostile():
    entries = []

    def small_mlp(seed, activation=None):
        torch.manual_seed(seed)
        return dense_around(activation or nn.ReLU())

    path = os.path.join(HERE, "hostile-unsupported-op.onnx")
    export(small_mlp(200, nn.Hardswish()), torch.zeros(1, 12), path)
    check(path)
    entries.append(entry(path, "hostile", ["batch", 12], "features",
                         "Gemm → HardSwish → Gemm: HardSwish is not supported (expect the unsupported-operator "
                         "diagnostic naming the node '/1/HardSwish', its operator HardSwish, and the supported list)",
                         expect="unsupported operator"))

    path = os.path.join(HERE, "hostile-dynamic-dim.onnx")
    torch.manual_seed(201)
    model = conv_stack(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                       nn.Linear(4, 5))
    export(model, torch.zeros(1, 3, 8, 8), path,
           dynamic={"input": {0: "batch", 2: "height", 3: "width"}, "output": {0: "batch"}})
    check(path)
    entries.append(entry(path, "hostile", ["batch", 3, "height", "width"], "NCHW",
                         "Any-size images: height and width are symbolic (a dynamic dimension other than the batch)",
                         expect="dynamic dimension other than batch"))

    path = os.path.join(HERE, "hostile-external-data.onnx")
    data_name = "hostile-external-data.onnx.data"
    export(small_mlp(202), torch.zeros(1, 12), path)
    model = onnx.load(path)
    data_path = os.path.join(HERE, data_name)
    if os.path.exists(data_path):
        os.remove(data_path)  # onnx appends to an existing external data file
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True, location=data_name,
                    size_threshold=0)
    check(path)
    entries.append(entry(path, "hostile", ["batch", 12], "features",
                         f"Every initializer stored outside the model (data_location EXTERNAL, in {data_name}, "
                         "which is checked in beside it)", expect="external tensor data"))

    path = os.path.join(HERE, "hostile-opset9.onnx")
    export(small_mlp(203), torch.zeros(1, 12), path, opset=9)
    check(path)
    entries.append(entry(path, "hostile", ["batch", 12], "features", "A valid MLP exported at opset 9",
                         opset=9, expect="opset too old"))

    source = open(os.path.join(HERE, "op-relu.onnx"), "rb").read()
    path = os.path.join(HERE, "hostile-truncated.onnx")
    with open(path, "wb") as f:
        f.write(source[:len(source) // 2])
    entries.append({"file": os.path.basename(path), "kind": "hostile", "bytes": os.path.getsize(path),
                    "notes": f"The first half ({len(source) // 2} of {len(source)} bytes) of op-relu.onnx",
                    "expect": "corrupt or truncated file"})

    path = os.path.join(HERE, "hostile-not-onnx.onnx")
    with open(path, "wb") as f:
        f.write(b"This is a text file that someone named .onnx; it is not a protobuf ModelProto.\n")
    entries.append({"file": os.path.basename(path), "kind": "hostile", "bytes": os.path.getsize(path),
                    "notes": "Plain text with an .onnx name", "expect": "not an ONNX file"})
    return entries


# ----------------------------------------------------------------------------------------------- bench ----

def make_bench():
    """Workloads A (784-25-15-10) and B (784-256-128-10), ReLU, logits, as bench/Dendrite.Benchmarks declares them.
    Weights are PyTorch's default initialisation (seeded; timing does not depend on the values). Beside each
    .onnx, a .f32 file holds the same parameters in Dendrite's layout (per layer: weights units × inputs row-major,
    then biases; little-endian float32), which PyTorch's Linear [out, in] already is: the benchmark copies it into
    the Dendrite network's Parameters so both runtimes compute the same function."""
    os.makedirs(BENCH_MODELS, exist_ok=True)
    written = []
    for name, sizes, seed in [("workload-a", [784, 25, 15, 10], 300), ("workload-b", [784, 256, 128, 10], 301)]:
        torch.manual_seed(seed)
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(nn.ReLU())
        model = nn.Sequential(*layers)
        path = os.path.join(BENCH_MODELS, name + ".onnx")
        export(model, torch.zeros(1, 784), path)
        check(path)
        params = [t for layer in model if isinstance(layer, nn.Linear) for t in (layer.weight, layer.bias)]
        flat = np.concatenate([p.detach().numpy().astype("<f4").ravel() for p in params])
        flat.tofile(os.path.join(BENCH_MODELS, name + ".f32"))
        print(f"  {name}: {graph_ops(path)}, {flat.size} parameters", flush=True)
        written.append(name)
    return written


# ------------------------------------------------------------------------------------------------ main ----

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["trained", "operators", "hostile", "bench"])
    parser.add_argument("--data", default=os.environ.get("DENDRITE_FASHION_MNIST",
                                                         "/usr/share/datasets/fashion-mnist"))
    args = parser.parse_args()

    manifest_path = os.path.join(HERE, "fixtures.json")
    previous = {}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            previous = {item["file"]: item for item in json.load(f)["fixtures"]}

    fresh = []
    if args.only in (None, "trained"):
        if not os.path.exists(os.path.join(args.data, "train-images-idx3-ubyte.gz")):
            sys.exit(f"Fashion-MNIST not found in {args.data}: apt-get install -y dataset-fashion-mnist, or --data DIR")
        fresh += make_trained(args.data)
    if args.only in (None, "operators"):
        fresh += make_operators()
    if args.only in (None, "hostile"):
        fresh += make_hostile()
    if args.only in (None, "bench"):
        make_bench()

    merged = dict(previous)
    merged.update({item["file"]: item for item in fresh})
    order = {"trained": 0, "operator": 1, "hostile": 2}
    fixtures = sorted(merged.values(), key=lambda item: (order[item["kind"]], item["file"]))
    manifest = {
        "generator": "tests/Dendrite.Tests/Onnx/Fixtures/make-fixtures.py",
        "tools": {"torch": torch.__version__, "onnx": onnx.__version__, "numpy": np.__version__},
        "opset": OPSET,
        "conventions": "graph input 'input' [batch, ...] float32, output 'output' [batch, outputs] float32; "
                       "image inputs NCHW unless layout says NHWC; 'sample_input'/'sample_output' are PyTorch's "
                       "outputs on two samples, flattened row-major in the input's layout",
        "fixtures": fixtures,
    }
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"wrote {manifest_path} ({len(fixtures)} fixtures)")


if __name__ == "__main__":
    main()
