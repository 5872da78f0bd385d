#!/usr/bin/env bash
# Session 5 experiment (docs/VAE.md, "More steps or a deeper encoder?"): from the shipped weights,
# A continues cpu-small (2 encoder layers) and B grows the encoder to 4 layers, side by side with one
# PyTorch thread each, the same seed, so both see the same batches and noise step for step.
# Run from the repository root after `mvn -B -DskipTests package`, with data/ made as in docs/VAE.md.
# launch.sh [A|B|both] starts or resumes (from the run's checkpoint) one run or both; RUNS=DIR
# puts the run folders elsewhere (session 5 used /work/runs/grow).
set -euo pipefail
which="${1:-both}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
runs="${RUNS:-$root/runs/grow-s5}"
mkdir -p "$runs"
export OMP_NUM_THREADS=1 TOPOS_HEAP=5g TOPOS_JAVA_OPTS="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
init="$root/training/vae-cpu-small/best"
if [ "$which" != B ]; then
  nohup "$root/bin/topos" train vae --preset cpu-small --init "$init" --data "$root/data/train" --val "$root/data/val" \
    -o "$runs/A-enc2" --steps 12000 --lr 3e-4 --seed 1 >> "$runs/A.log" 2>&1 &
fi
if [ "$which" != A ]; then
  nohup "$root/bin/topos" train vae --config "$here/enc4.json" --init "$init" --data "$root/data/train" --val "$root/data/val" \
    -o "$runs/B-enc4" --steps 12000 --lr 3e-4 --seed 1 >> "$runs/B.log" 2>&1 &
fi
echo "training in the background; logs in $runs"
