#!/usr/bin/env bash
# Reproduces bench/results/ and the README's performance table. Takes about 30 minutes.
# Run on an otherwise idle machine: the benchmarks share the cores with anything else running.
set -euo pipefail
cd "$(dirname "$0")"
results=results
dll=Dendrite.Benchmarks/bin/Release/net10.0/Dendrite.Benchmarks.dll

dotnet build Dendrite.Benchmarks -c Release -warnaserror
mkdir -p "$results"
# A run replaces the previous one. BenchmarkDotNet names a joined report by its date, and make-table.py reads every
# report in a folder, so a report left from an earlier run would mix into the table.
for folder in count8 count16 default bits256 onnxruntime scaling kernel-shapes fit softmax optimizer generator; do
  rm -rf "${results:?}/$folder"
done

# Machine facts read by make-table.py (the vector widths at the default setting and with 512-bit vectors turned off).
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores; family $(sed -n 's/^cpu family\t*: //p' /proc/cpuinfo | head -1), model $(sed -n 's/^model\t*: //p' /proc/cpuinfo | head -1))"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "default: $(dotnet "$dll" info)"
  echo "256-bit: $(DOTNET_PreferredVectorBitWidth=256 dotnet "$dll" info)"
  # This core's FMA peak (GFLOP/s, registers only) at the widest vector the kernels use, by default (512 bits where
  # Vector512 is accelerated) and at 256 bits: the denominators of "% of peak".
  echo "peak: $(dotnet "$dll" peak)"
  echo "peak256: $(DOTNET_PreferredVectorBitWidth=256 dotnet "$dll" peak)"
  dotnet --version | sed 's/^/sdk: /'
} > "$results/machine.txt"

# 1. Dendrite and TorchSharp side by side, default runtime settings: the layers whose plan chose 512-bit vectors run
#    their Vector512 kernels where the hardware accelerates them; Vector<float>.Count is 8 on AVX2/AVX-512.
dotnet "$dll" --filter '*DendriteBenchmarks*' '*TorchSharpBenchmarks*' '*CnnBenchmarks*' --artifacts "$results/default"
# 1b. Inference beside ONNX Runtime 1.31.1 in one run (same weights: OnnxRuntimeBenchmarks checks the outputs agree),
#     and ONNX Runtime on the PyTorch-trained CNN that samples/OnnxImport compiles.
dotnet "$dll" --filter '*DendriteBenchmarks.Predict*' '*OnnxRuntimeBenchmarks*' '*OnnxCnnBenchmarks*' --artifacts "$results/onnxruntime"
# 2. Dendrite again as on hardware without fast 512-bit vectors: DOTNET_PreferredVectorBitWidth=256 makes
#    Vector512.IsHardwareAccelerated false, so the portable 256-bit kernels and the blocks for 16 registers run.
DOTNET_PreferredVectorBitWidth=256 dotnet "$dll" --filter '*DendriteBenchmarks*' '*CnnBenchmarks.Dendrite*' --artifacts "$results/bits256"
# 2b. Where a second thread's time goes on B and C: the step, the gradients alone, Adam alone, an empty fork/join and
#     a pass over memory, each at 1 and 2 threads (ScalingBenchmarks; bench/README.md "Two cores").
dotnet "$dll" --filter '*ScalingBenchmarks*' --artifacts "$results/scaling"
# 2c. The Dense forward block shapes the planner chooses between, on B's first layer (KernelShapeBenchmarks).
dotnet "$dll" --filter '*KernelShapeBenchmarks*' --artifacts "$results/kernel-shapes"
# 2d. One Fit epoch against the same steps called bare, A and C at 1 and 2 threads (FitBenchmarks; bench/README.md
#     "Fit end to end").
dotnet "$dll" --filter '*FitBenchmarks*' --artifacts "$results/fit"
# 2e. The softmax and log-sum-exp of confident and mild logits (SoftmaxBenchmarks; bench/README.md "Where a
#     training step's time goes").
dotnet "$dll" --filter '*SoftmaxBenchmarks*' --artifacts "$results/softmax"
# 2f. One Adam update over A's and B's parameter counts with ordinary and with tiny gradients (OptimizerBenchmarks;
#     bench/README.md "Subnormal numbers in the optimizer"): the two should cost the same.
dotnet "$dll" --filter '*OptimizerBenchmarks*' --artifacts "$results/optimizer"
# 3. Generator cost, and the size of what it writes.
dotnet "$dll" --filter '*GeneratorBenchmarks*' --artifacts "$results/generator"
dotnet "$dll" sizes > "$results/generator/sizes.md"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"

python3 make-table.py
