#!/usr/bin/env bash
# Runs one diagnostic script against the built jars: tools/diagnostics/run.sh SCRIPT.jsh [DATA] [WEIGHTS]
# DATA holds the train/val/test datasets (default: data), WEIGHTS a model folder (default:
# training/vae-cpu-small/best). One PyTorch thread and nice 19, so a training run beside it keeps going.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
script="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
data="$(realpath "${2:-$root/data}")"
weights="$(realpath "${3:-$root/training/vae-cpu-small/best}")"
lib="$root/topos-cli/target/lib"
if [ ! -d "$lib" ]; then
  echo "run.sh: error: not built yet; run: mvn -B -DskipTests package" >&2
  exit 1
fi
cp="$(ls "$lib"/*.jar | tr '\n' ':')$root/topos-cli/target/topos-cli.jar"
cd "$root"
OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE exec nice -n 19 jshell -J-Xmx2g -R-Xmx6g -R-Dai.djl.offline=true \
  -R-Dai.djl.pytorch.num_threads=1 -R-Ddata="$data" -R-Dweights="$weights" --class-path "$cp" "$script"
