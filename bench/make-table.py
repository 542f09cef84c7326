#!/usr/bin/env python3
"""Turns bench/results/ into bench/results/table.md and the performance table in the repository's README.md.

Reads the BenchmarkDotNet CSV exports (times in ns, sizes in bytes) and machine.txt; computes samples/s,
speed-ups over TorchSharp, GFLOP/s and % of the measured FMA peak. Medians throughout.
"""
import csv
import glob
import sys
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")
README = os.path.join(HERE, "..", "README.md")

# Training FLOPs per sample (3 × forward, the convention) and forward FLOPs per sample (2 × multiply-adds).
# C is the CNN of samples/FashionMnistCnn: forward multiply-adds 26·26·32·9 + 11·11·64·288 + 1600·128 + 128·10.
TRAIN_FLOPS = {"A": 120_750, "B": 1_408_512, "C": 3 * 2 * (26 * 26 * 32 * 9 + 11 * 11 * 64 * 288 + 1600 * 128 + 128 * 10)}
FORWARD_FLOPS = {"A": 2 * (784 * 25 + 25 * 15 + 15 * 10), "B": 2 * (784 * 256 + 256 * 128 + 128 * 10)}
BATCH = {"A": 32, "B": 64, "C": 64}
# FMA peak per core (GFLOP/s) at the widest vector the kernels use by default (512 bits where Vector512 is
# accelerated) and at 256 bits: measured by run.sh ("peak:"/"peak256:" in machine.txt); the figures for its
# reference machine are the fallback.
PEAK = {"default": 219.0, "256": 111.0}
# Issue 13's targets: training samples/s at 1 thread (C as ms per step), the speed-up of 2 threads over 1, latency.
TARGET_TRAIN_1T = {"A": 1_000_000, "B": 120_000}
TARGET_STEP_MS = {"C": {1: 9.0, 2: 5.0}}
TARGET_SCALING = 1.8
TARGET_LATENCY_US = {"A": 0.5, "B": 6.0}
TARGET_BATCH_VS_ORT = "issue 13's target: > 1 on A and B at 1 and 2 threads"


def load(folder):
    """Rows keyed by (framework, method, workload, threads). BenchmarkDotNet joins every class into one CSV, so
    the framework comes from the Type column (CnnBenchmarks holds both, named by method)."""
    rows = {}
    paths = sorted(glob.glob(os.path.join(RESULTS, folder, "results", "*-report.csv")))
    joined = [p for p in paths if "-joined-" in os.path.basename(p)]
    if len(joined) > 1:
        sys.exit(f"{folder}: {len(joined)} joined reports from different runs; bench/run.sh clears the folder first")
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if "Threads" not in row:
                    continue  # the generator benchmarks have no thread count; read separately below
                # A run of one class has no Type column: its file is named after the class.
                kind = row.get("Type") or os.path.basename(path).split("-report")[0].split(".")[-1]
                method, workload = row["Method"], row.get("Workload", "")
                if kind == "CnnBenchmarks":
                    framework = "TorchSharp" if method.startswith("TorchSharp") else "Dendrite"
                    method, workload = "TrainStep", "C"
                elif kind == "OnnxCnnBenchmarks":
                    framework = "OnnxRuntime" if method.startswith("OnnxRuntime") else "Dendrite"
                    method, workload = method.replace("OnnxRuntime", "").replace("Dendrite", ""), "CNN"
                elif kind == "OnnxRuntimeBenchmarks":
                    framework = "OnnxRuntime"
                else:
                    framework = "TorchSharp" if kind.startswith("TorchSharp") else "Dendrite"
                rows[(framework, method, workload, int(row["Threads"]))] = {
                    "median_ns": number(row["Median [ns]"]),
                    "allocated": number(row.get("Allocated [B]", "0")),
                }
    return rows


def number(text):
    text = text.strip().replace(",", "")
    return 0.0 if text in ("", "-", "NA") else float(text)


def fmt(value, digits=0):
    return f"{value:,.{digits}f}"


def onnx_runtime_table(rows):
    """Inference beside ONNX Runtime 1.31.1, both measured in one run (results/onnxruntime), same weights."""
    if not rows:
        return []
    lines = ["| inference (one run, same weights) | threads | Dendrite, one sample | ONNX Runtime | ONNX Runtime ÷ Dendrite | Dendrite, batch of 1,000 | ONNX Runtime | ONNX Runtime ÷ Dendrite (> 1: Dendrite faster; " + TARGET_BATCH_VS_ORT + ") |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for w in ("A", "B", "CNN"):
        for t in (1, 2):
            d, o = rows.get(("Dendrite", "PredictOne", w, t)), rows.get(("OnnxRuntime", "PredictOne", w, t))
            db, ob = rows.get(("Dendrite", "PredictBatch1000", w, t)), rows.get(("OnnxRuntime", "PredictBatch1000", w, t))
            if not (o and ob):
                continue
            name = w if w != "CNN" else "fashion-cnn.onnx (PyTorch-trained, samples/OnnxImport)"
            cells = [name, str(t)]
            cells += [f"{d['median_ns'] / 1000:.2f} µs" if d else "–", f"{o['median_ns'] / 1000:.2f} µs",
                      f"{o['median_ns'] / d['median_ns']:.2f}×" if d else "–"]
            cells += [f"{db['median_ns'] / 1e6:.2f} ms" if db else "–", f"{ob['median_ns'] / 1e6:.2f} ms",
                      f"{ob['median_ns'] / db['median_ns']:.2f}×" if db else "–"]
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def target_cell(w, t, d, rows):
    """Issue 13's training target for this row, and whether the measurement meets it."""
    if w in TARGET_STEP_MS:
        goal = TARGET_STEP_MS[w][t]
        ms = d["median_ns"] / 1e6
        return f"≤ {goal:g} ms/step ({ms:.1f}): {'met' if ms <= goal else 'missed'}"
    if t == 1:
        rate = BATCH[w] / d["median_ns"] * 1e9
        goal = TARGET_TRAIN_1T[w]
        return f"≥ {fmt(goal)}/s: {'met' if rate >= goal else 'missed'}"
    one = rows.get(("Dendrite", "TrainStep", w, 1))
    if w == "A" or not one:
        return "–"
    scaling = one["median_ns"] / d["median_ns"]
    return f"≥ {TARGET_SCALING:g}× of 1 thread ({scaling:.2f}×): {'met' if scaling >= TARGET_SCALING else 'missed'}"


def scaling_table(rows):
    """ScalingBenchmarks (results/scaling): where a second thread's time goes, for B and C."""
    if not rows:
        return []
    lines = ["| where 2 threads' time goes | threads | training step | gradients alone | Adam update alone, 1 thread (the serial part before SlicedPasses) | empty fork/join | one pass over 4 × the parameters (memory bandwidth) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for w in ("B", "C"):
        for t in (1, 2):
            cells = [w, str(t)]
            for method in ("Step", "Gradients", "Update", "ForkJoin", "StreamParameters"):
                r = rows.get(("Dendrite", method, w, t))
                one = rows.get(("Dendrite", method, w, 1))
                if not r:
                    cells.append("–")
                    continue
                us = r["median_ns"] / 1000
                text = f"{us:,.1f} µs" if us < 100 else f"{us:,.0f} µs"
                if t == 2 and one and method not in ("ForkJoin", "Update"):
                    text += f" ({one['median_ns'] / r['median_ns']:.2f}×)"
                cells.append(text)
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def fit_table():
    """FitBenchmarks (results/fit): one Fit epoch against the same steps called bare, issue 13's ≤ 1.10."""
    rows = {}
    for path in glob.glob(os.path.join(RESULTS, "fit", "results", "*-report.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                rows[(row["Method"], row["Workload"], int(row["Threads"]))] = number(row["Median [ns]"])
    if not rows:
        return []
    lines = ["| Fit end to end (FitBenchmarks) | threads | Σ steps | one Fit epoch, silent | ÷ Σ steps | with the terminal report | ÷ Σ steps (issue 13's target: ≤ 1.10) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for w in ("A", "A-19200", "C"):
        for t in (1, 2):
            steps = rows.get(("Steps", w, t))
            silent, report = rows.get(("FitEpochSilent", w, t)), rows.get(("FitEpochReporting", w, t))
            if not (steps and silent and report):
                continue
            lines.append(f"| {w} | {t} | {steps / 1e6:.2f} ms | {silent / 1e6:.2f} ms | {silent / steps:.2f} | {report / 1e6:.2f} ms | {report / steps:.2f} |")
    lines.append("")
    return lines


def kernel_shape_table():
    """KernelShapeBenchmarks (results/kernel-shapes): the Dense forward block shapes on B's 784 → 256 layer."""
    rows = []
    for path in glob.glob(os.path.join(RESULTS, "kernel-shapes", "results", "*-report.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    if not rows:
        return []
    flops = 2 * 60 * 784 * 240
    lines = ["| Dense forward block, 60 samples × 784 → 240 (KernelShapeBenchmarks) | time | GFLOP/s, % of the 256-bit peak (reads: GB/s) |",
             "|---|---:|---:|"]
    for row in rows:
        ns = number(row["Median [ns]"])
        if row["Method"].startswith("'read"):
            workload = "A" if "A's" in row["Method"] else "B"
            megabytes = {"A": 0.080_700, "B": 0.940_584}[workload]
            lines.append(f"| {row['Method'].strip(chr(39))} (the floor of {workload}'s one-sample Predict on one core) | {ns / 1000:.2f} µs | {megabytes / (ns / 1e9) / 1e3:.0f} GB/s |")
            continue
        gf = flops / ns
        lines.append(f"| {row['Method'].strip(chr(39))} | {ns / 1000:.0f} µs | {gf:.1f}, {100 * gf / PEAK['256']:.0f} % |")
    lines.append("")
    return lines


def main():
    c8, c16 = load("default"), load("bits256")
    machine = open(os.path.join(RESULTS, "machine.txt"), encoding="utf-8").read()
    for key, label in (("default", "peak"), ("256", "peak256")):
        m = re.search(rf"^{label}: ([\d.]+)", machine, flags=re.M)
        if m:
            PEAK[key] = float(m.group(1))
    lines = []
    lines.append("Medians from BenchmarkDotNet (`bench/run.sh`), " + machine.splitlines()[1].replace("cpu: ", "") + ".")
    for line in machine.splitlines():
        if line.startswith(("load average", "default:", "256-bit:", "peak:", "peak256:")):
            lines.append("- " + line)
    lines.append("")
    lines.append("| workload | threads | Dendrite samples/s (default: 512-bit kernels where chosen) | TorchSharp samples/s | Dendrite ÷ TorchSharp | issue 13's target | Dendrite GFLOP/s, % of the 512-bit peak | Dendrite samples/s (256-bit) | GFLOP/s, % of the 256-bit peak | allocated per step: Dendrite / TorchSharp |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in ("A", "B", "C"):
        for t in (1, 2):
            d = c8.get(("Dendrite", "TrainStep", w, t))
            p = c8.get(("TorchSharp", "TrainStep", w, t))
            d16 = c16.get(("Dendrite", "TrainStep", w, t))
            if not d or not p:
                continue
            ds = BATCH[w] / d["median_ns"] * 1e9
            ps = BATCH[w] / p["median_ns"] * 1e9
            gf = ds * TRAIN_FLOPS[w] / 1e9
            speed_cell = f"{ds / ps:.1f}×"
            cells = [w, str(t), fmt(ds), fmt(ps), speed_cell, target_cell(w, t, d, c8),
                     f"{gf:.1f}, {100 * gf / (PEAK['default'] * t):.0f} %"]
            if d16:
                ds16 = BATCH[w] / d16["median_ns"] * 1e9
                gf16 = ds16 * TRAIN_FLOPS[w] / 1e9
                cells += [fmt(ds16), f"{gf16:.1f}, {100 * gf16 / (PEAK['256'] * t):.0f} %"]
            else:
                cells += ["–", "–"]
            cells.append(f"{fmt(d['allocated'])} B / {fmt(p['allocated'])} B")
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| workload | threads | Predict latency: Dendrite (default / 256-bit) | TorchSharp | target | batch-1000 inference: Dendrite (default / 256-bit) | TorchSharp | Dendrite forward GFLOP/s (default) | allocated per call: Dendrite / TorchSharp |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in ("A", "B"):
        for t in (1, 2):
            d = c8.get(("Dendrite", "PredictOne", w, t))
            p = c8.get(("TorchSharp", "PredictOne", w, t))
            db = c8.get(("Dendrite", "PredictBatch1000", w, t))
            pb = c8.get(("TorchSharp", "PredictBatch1000", w, t))
            if not (d and p and db and pb):
                continue
            d16 = c16.get(("Dendrite", "PredictOne", w, t))
            db16 = c16.get(("Dendrite", "PredictBatch1000", w, t))
            lat = d["median_ns"] / 1000
            lat16 = d16["median_ns"] / 1000 if d16 else float("nan")
            met = "met" if lat <= TARGET_LATENCY_US[w] else "missed"
            gf = 1000 * FORWARD_FLOPS[w] / db["median_ns"]
            lines.append("| " + " | ".join([
                w, str(t),
                f"{lat:.2f} / {lat16:.2f} µs", f"{p['median_ns'] / 1000:.1f} µs", f"≤ {TARGET_LATENCY_US[w]:g} µs: {met}",
                f"{db['median_ns'] / 1e6:.2f} / {(db16['median_ns'] / 1e6 if db16 else float('nan')):.2f} ms", f"{pb['median_ns'] / 1e6:.2f} ms",
                f"{gf:.1f}",
                f"{fmt(d['allocated'])} B / {fmt(p['allocated'])} B",
            ]) + " |")
    lines.append("")
    lines += onnx_runtime_table(load("onnxruntime"))
    lines += scaling_table(load("scaling"))
    lines += kernel_shape_table()
    lines += fit_table()
    gen_rows = {}
    for path in glob.glob(os.path.join(RESULTS, "generator", "results", "*-report.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                gen_rows[row["Network"]] = number(row["Median [ns]"])
    if gen_rows:
        sizes = {}
        sizes_path = os.path.join(RESULTS, "generator", "sizes.md")
        if os.path.exists(sizes_path):
            for line in open(sizes_path, encoding="utf-8"):
                m = re.match(r"\| (.+?) \| ([\d,]+) \| ([\d,]+) \|", line)
                if m:
                    sizes[m.group(1)] = (m.group(2), m.group(3))
        lines.append("| generator run (parse → plan → emit, uncached) | time | generated lines |")
        lines.append("|---|---:|---:|")
        for name in ("3 layers", "10 layers", "30 layers", "Dense(4096)"):
            if name in gen_rows:
                lines.append(f"| {name} | {gen_rows[name] / 1e6:.2f} ms | {sizes.get(name, ('–', '–'))[1]} |")
    table = "\n".join(lines) + "\n"
    with open(os.path.join(RESULTS, "table.md"), "w", encoding="utf-8") as f:
        f.write(table)

    begin, end = "<!-- performance-table:begin (generated by bench/make-table.py) -->", "<!-- performance-table:end -->"
    readme = open(README, encoding="utf-8").read()
    block = begin + "\n" + table + end
    if begin in readme:
        readme = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, readme, flags=re.S)
    else:
        readme = readme.rstrip("\n") + "\n\n## Performance\n\n" + block + "\n"
    with open(README, "w", encoding="utf-8") as f:
        f.write(readme)
    print(table)


if __name__ == "__main__":
    main()
