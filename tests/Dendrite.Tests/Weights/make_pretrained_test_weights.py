#!/usr/bin/env python3
"""Writes pretrained-test.weights for PretrainedTestNet, encoding docs/weights-format.md independently of the C#
writer, so the generator and the runtime reader are checked against a second implementation of the format.

    python3 tests/Dendrite.Tests/Weights/make_pretrained_test_weights.py
"""
import os
import struct
import zlib

fingerprint = "Input(3) → Dense(4, ReLU) → Dense(2, Linear)".encode("utf-8")
layers = [(3, 4, 12, 4), (4, 2, 8, 2)]  # inputs, outputs, weights, biases
count = sum(w + b for _, _, w, b in layers)
parameters = [((i * 37) % 23) / 11.0 - 1.0 for i in range(count)]

body = struct.pack("<I", len(fingerprint)) + fingerprint + struct.pack("<I", len(layers))
for shape in layers:
    body += struct.pack("<4I", *shape)
body += struct.pack("<I", count) + struct.pack("<%df" % count, *parameters)
total = 20 + len(body) + 4
data = b"DNWEIGHT" + struct.pack("<IQ", 1, total) + body
data += struct.pack("<I", zlib.crc32(data) & 0xFFFFFFFF)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pretrained-test.weights")
with open(path, "wb") as f:
    f.write(data)
print(f"wrote {len(data)} bytes to {path}")
